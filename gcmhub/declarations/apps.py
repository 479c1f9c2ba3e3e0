from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "gcmhub.declarations"
    verbose_name = _("The outcome declaration")
