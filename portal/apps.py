from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The shared core: management commands and templates that belong to no single concern."""

    name = "portal"
    verbose_name = _("Portal")
