from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """The language switcher: the current page in each of the six languages."""
    current = get_language()
    path = request.get_full_path()
    return {
        "languages": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "is_current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
