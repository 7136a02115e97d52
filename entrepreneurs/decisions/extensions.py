from django.utils.translation import gettext_lazy as _

from entrepreneurs.decisions.case_details import decision_details
from entrepreneurs.decisions.company import company_grants_section
from entrepreneurs.decisions.demo import load_demo_decisions
from entrepreneurs.decisions.privacy import anonymise_decisions, find_decisions
from entrepreneurs.decisions.status import decision_status_context
from entrepreneurs.decisions.tiles import decision_tiles
from portal.cases.details import CaseDetailsProvider, case_details_providers
from portal.cases.status import StatusSection, status_sections
from portal.demo import DemoLoader, demo_loaders
from portal.privacy.registry import PersonalData, personal_data
from portal.registry.timeline import CompanySectionProvider, company_section_providers
from portal.workbench import TileGroup, tile_groups


def register() -> None:
    # After the application's own details (Part B's provider, order 100).
    case_details_providers.register(
        CaseDetailsProvider(
            name="entrepreneurs.decision",
            build=decision_details,
            order=110,
            permission="entrepreneurs.view_decision",
        )
    )
    status_sections.register(
        StatusSection(
            name="entrepreneurs.decision",
            template="entrepreneurs/decisions/_status_section.html",
            context=decision_status_context,
            order=110,
        )
    )
    company_section_providers.register(
        CompanySectionProvider(
            name="entrepreneurs.grants",
            label=_("Støtte til iværksættere"),
            build=company_grants_section,
            order=60,
            permission="entrepreneurs.view_grantapplication",
        )
    )
    tile_groups.register(
        TileGroup(
            name="entrepreneurs.decisions",
            tiles=decision_tiles,
            order=60,
            permission="entrepreneurs.decide_grant",
        )
    )
    personal_data.register(
        PersonalData(
            name="entrepreneurs.decisions",
            label=_("Afgørelser om støtte"),
            find=find_decisions,
            anonymise_for_case=anonymise_decisions,
            order=60,
        )
    )
    # After the demo applications (entrepreneurs.applications), which it decides on.
    demo_loaders.register(
        DemoLoader(name="entrepreneurs.decisions", load=load_demo_decisions, order=80)
    )
