"""Language prefixes in URLs: /ar/, /zh/, /en/, /fr/, /ru/, /es/."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import LocalePrefixPattern, URLResolver
from django.utils import translation
from django.utils.translation import get_language

# Django's catalogue for Chinese is zh-hans; people and the issue expect /zh/.
URL_PREFIXES = {"zh-hans": "zh"}


class SitePrefixPattern(LocalePrefixPattern):
    @property
    def language_prefix(self):
        language = get_language() or settings.LANGUAGE_CODE
        return f"{URL_PREFIXES.get(language, language)}/"


def i18n_patterns(*urls):
    """Like Django's i18n_patterns, with every language prefixed and /zh/ for Chinese."""
    return [URLResolver(SitePrefixPattern(prefix_default_language=True), list(urls))]


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, aware that Chinese pages live under /zh/ (see URL_PREFIXES)."""

    def process_response(self, request, response):
        prefix = URL_PREFIXES.get(translation.get_language())
        if prefix and response.status_code == 404:
            # A path without a language gets redirected to the prefixed one: use /zh/, not /zh-hans/.
            with translation.override(prefix):
                return super().process_response(request, response)
        return super().process_response(request, response)
