from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "portal.pages"
    label = "pages"
    verbose_name = _("Sider og indstillinger")

    def ready(self) -> None:
        from portal.pages import extensions

        extensions.register()
