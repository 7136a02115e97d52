from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Råd og vejledning")

    def ready(self) -> None:
        from guidance.case_details import enquiry_details
        from guidance.demo import load_demo_articles, load_demo_enquiries
        from guidance.outreach import company_outreach_section
        from guidance.selectors import search_article_hits
        from guidance.workbench import outreach_tiles
        from portal.cases.details import register_case_details
        from portal.demo import register_demo_loader
        from portal.registry.timeline import register_company_section
        from portal.search import register_search_provider
        from portal.workbench import register_tiles

        register_search_provider("articles", _("Artikler"), search_article_hits)
        register_demo_loader("articles", load_demo_articles)
        register_demo_loader("enquiries", load_demo_enquiries)
        register_tiles("outreach", outreach_tiles)
        register_case_details("enquiry", enquiry_details)
        register_company_section(
            "outreach",
            _("Kontakter fra kommunen"),
            company_outreach_section,
            order=20,
            permission="guidance.view_outreach",
            add_permission="guidance.add_outreach",
        )
        from guidance import privacy  # noqa: F401 - registers guidance's personal data
