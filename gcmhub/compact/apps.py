from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompactConfig(AppConfig):
    name = "gcmhub.compact"
    verbose_name = _("Reference data")
