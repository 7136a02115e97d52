from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "portal.cases"
    label = "cases"
    verbose_name = _("Sager")

    def ready(self) -> None:
        from portal.cases import extensions

        extensions.register()
