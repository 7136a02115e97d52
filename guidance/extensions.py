"""What guidance adds to portal's extension points; GuidanceConfig.ready() calls register()."""

from django.utils.translation import gettext_lazy as _

from guidance.case_details import enquiry_details, enquiry_status_context
from guidance.demo import load_demo_articles, load_demo_enquiries
from guidance.demo_history import load_demo_history
from guidance.dialogue import count_due_outreach, due_outreach, last_outreach
from guidance.measures import GUIDANCE_MEASURES
from guidance.outreach import company_outreach_section
from guidance.privacy import (
    anonymise_enquiry,
    find_enquiries,
    find_outreach,
    outreach_contacts_since,
)
from guidance.selectors import search_article_hits
from portal.cases.details import CaseDetailsProvider, case_details_providers
from portal.cases.search import CaseSearchField, case_search_fields
from portal.cases.status import StatusSection, status_sections
from portal.dashboard.measures import measures
from portal.demo import DemoLoader, demo_loaders
from portal.pages.links import HOME, SEARCH, SEARCH_WITHOUT_RESULTS, PageLink, page_links
from portal.privacy.registry import PersonalData, personal_data
from portal.registry.dialogue import (
    DueContactProvider,
    LastContactProvider,
    due_contact_providers,
    last_contact_providers,
)
from portal.registry.timeline import CompanySectionProvider, company_section_providers
from portal.search import SearchProvider, search_providers


def register() -> None:
    search_providers.register(
        SearchProvider(name="articles", label=_("Artikler"), search=search_article_hits, order=10)
    )
    page_links.register(
        PageLink(
            name="guidance.self-check",
            place=HOME,
            label=_("Tag selvtjekket: er din virksomhed eller idé socialøkonomisk?"),
            url="guidance:self-check",
        )
    )
    for place in (SEARCH, SEARCH_WITHOUT_RESULTS):
        page_links.register(
            PageLink(
                name=f"guidance.articles.{place}",
                place=place,
                label=_("Se al viden om socialøkonomi"),
                url="guidance:article-list",
                order=10,
            )
        )
    page_links.register(
        PageLink(
            name="guidance.advice",
            place=SEARCH_WITHOUT_RESULTS,
            label=_("få råd og vejledning"),
            url="guidance:overview",
            order=20,
        )
    )
    demo_loaders.register(DemoLoader(name="guidance.articles", load=load_demo_articles, order=10))
    # The history before today's enquiries, so that its case numbers follow its dates.
    demo_loaders.register(DemoLoader(name="guidance.history", load=load_demo_history, order=10))
    demo_loaders.register(DemoLoader(name="guidance.enquiries", load=load_demo_enquiries, order=11))
    # Follow-ups on contacts are on portal's one list of who is due for contact (its tiles and
    # changelist count network's follow-ups too), not on a tile of their own.
    due_contact_providers.register(
        DueContactProvider(
            name="outreach",
            label=_("Kontakt"),
            due=due_outreach,
            counts=count_due_outreach,
            order=20,
            permission="guidance.view_outreach",
        )
    )
    last_contact_providers.register(
        LastContactProvider(name="outreach", label=_("Kontakt"), last_contacts=last_outreach)
    )
    case_details_providers.register(CaseDetailsProvider(name="enquiry", build=enquiry_details))
    status_sections.register(
        StatusSection(
            name="guidance.enquiry",
            template="guidance/_status_enquiry.html",
            context=enquiry_status_context,
            order=10,
        )
    )
    case_search_fields.register(CaseSearchField(name="enquiry.message", lookup="enquiry__message"))
    company_section_providers.register(
        CompanySectionProvider(
            name="outreach",
            label=_("Kontakter fra kommunen"),
            build=company_outreach_section,
            order=20,
            permission="guidance.view_outreach",
            add_permission="guidance.add_outreach",
        )
    )
    personal_data.register(
        PersonalData(
            name="enquiries",
            label=_("Henvendelser"),
            find=find_enquiries,
            anonymise_for_case=anonymise_enquiry,
            order=10,
        )
    )
    personal_data.register(
        PersonalData(
            name="outreach",
            label=_("Kontakter med virksomheder"),
            find=find_outreach,
            contact_activity=outreach_contacts_since,
            order=20,
        )
    )
    for measure in GUIDANCE_MEASURES:
        measures.register(measure)
