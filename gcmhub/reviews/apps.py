from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "gcmhub.reviews"
    verbose_name = _("Voluntary GCM reviews")

    def ready(self):
        from django.db.models import Prefetch

        from gcmhub.reviews.models import Document, Review, search_document
        from gcmhub.search import registry

        current = Prefetch("documents", queryset=Document.objects.filter(status="current"))
        registry.register(
            Review,
            search_document,
            prefetch=("country", "commission", "participants", current),
        )
