from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "gcmhub.practices"
    verbose_name = _("Repository of practices")

    def ready(self):
        from gcmhub.practices.models import Practice, document
        from gcmhub.search import registry

        registry.register(Practice, document, prefetch=DOCUMENT_PREFETCH)


DOCUMENT_PREFETCH = (
    "primary_objectives",
    "secondary_objectives",
    "principles",
    "countries",
    "regions",
)
