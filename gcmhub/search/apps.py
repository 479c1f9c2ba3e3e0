from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gcmhub.search"
    verbose_name = _("Search")

    def ready(self):
        from gcmhub.search import text

        text.warm_up()  # the tables of marks take a moment: build them at start, not on a request
