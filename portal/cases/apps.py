from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "portal.cases"
    label = "cases"
    verbose_name = _("Sager")

    def ready(self) -> None:
        from portal.cases import receivers  # noqa: F401 - connects the signal receivers
        from portal.cases.company_section import company_cases_section
        from portal.registry.timeline import register_company_section

        register_company_section(
            "cases", _("Sager"), company_cases_section, order=10, permission="cases.view_case"
        )
