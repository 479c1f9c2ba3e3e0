from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "gcmhub.pledges"
    verbose_name = _("Pledging initiative")

    def ready(self):
        from gcmhub.pledges.models import Pledge
        from gcmhub.pledges.queries import SEARCH_PREFETCH, search_document
        from gcmhub.search import registry

        registry.register(Pledge, search_document, prefetch=SEARCH_PREFETCH)
