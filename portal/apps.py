from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The shared core: management commands, the admin home and the extension points."""

    name = "portal"
    verbose_name = _("Portal")
