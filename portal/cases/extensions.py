"""What the cases app adds to portal's extension points: the company page, the admin home, the
dashboard's measures."""

from django.utils.translation import gettext_lazy as _

from portal.cases.by_hand import by_hand_details
from portal.cases.company_section import company_cases_section
from portal.cases.demo import load_demo_conversation
from portal.cases.details import CaseDetailsProvider, case_details_providers
from portal.cases.dialogue import last_case_activity
from portal.cases.measures import CASE_MEASURES
from portal.cases.receivers import journal_email_sent
from portal.cases.workbench import case_tiles
from portal.dashboard.measures import measures
from portal.demo import DemoLoader, demo_loaders
from portal.notifications.models import OutboxMessage
from portal.notifications.signals import message_sent
from portal.registry.dialogue import LastContactProvider, last_contact_providers
from portal.registry.timeline import CompanySectionProvider, company_section_providers
from portal.workbench import TileGroup, tile_groups


def register() -> None:
    # What a caseworker wrote down from a phone call or at the counter, at the top of the case.
    case_details_providers.register(CaseDetailsProvider(name="by_hand", build=by_hand_details))
    company_section_providers.register(
        CompanySectionProvider(
            name="cases",
            label=_("Sager"),
            build=company_cases_section,
            order=10,
            permission="cases.view_case",
        )
    )
    tile_groups.register(
        TileGroup(name="cases", tiles=case_tiles, order=10, permission="cases.view_case")
    )
    last_contact_providers.register(
        LastContactProvider(name="cases", label=_("Sag"), last_contacts=last_case_activity)
    )
    message_sent.connect(
        journal_email_sent, sender=OutboxMessage, dispatch_uid="cases-journal-email-sent"
    )
    # After the enquiries it answers (guidance's, order 11).
    demo_loaders.register(
        DemoLoader(name="cases.conversation", load=load_demo_conversation, order=12)
    )
    for measure in CASE_MEASURES:
        measures.register(measure)
