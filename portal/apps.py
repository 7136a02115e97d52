from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The shared core: management commands, the admin home and the extension points."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from portal.cases.workbench import case_tiles
        from portal.workbench import register_tiles

        register_tiles("cases", case_tiles)
