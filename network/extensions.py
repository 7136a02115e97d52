"""What network adds to portal's extension points; NetworkConfig.ready() calls register()."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.company_section import company_meetings_section
from network.demo import load_demo_meetings
from network.demo_followups import load_demo_follow_ups
from network.demo_history import load_demo_follow_up_history, load_demo_meeting_history
from network.followups import (
    company_follow_ups_section,
    count_due_follow_ups,
    due_follow_ups,
    last_follow_ups,
)
from network.load import GENERATOR as LOAD_GENERATOR
from network.measures import MEASURES
from network.models import MEETING_KIND
from network.selectors import home_section_context, search_meeting_hits
from network.workbench import seat_tiles
from portal.dashboard.measures import measures
from portal.demo import DemoLoader, demo_loaders
from portal.loadgen import load_generators
from portal.pages.home import HomeSection, home_sections
from portal.registrations.kinds import OccasionKind, occasion_kinds
from portal.registry.dialogue import (
    DueContactProvider,
    LastContactProvider,
    due_contact_providers,
    last_contact_providers,
)
from portal.registry.timeline import CompanySectionProvider, company_section_providers
from portal.search import SearchProvider, search_providers
from portal.workbench import TileGroup, tile_groups


def register() -> None:
    load_generators.register(LOAD_GENERATOR)
    # Network meetings: the admin home's seat tiles, the company page, the demo (network-admin).
    tile_groups.register(
        TileGroup(
            name="network.seats", tiles=seat_tiles, order=40, permission="network.view_meeting"
        )
    )
    company_section_providers.register(
        CompanySectionProvider(
            name="network.meetings",
            label=_("Netværksmøder"),
            build=company_meetings_section,
            order=40,
            permission="network.view_meeting",
        )
    )
    demo_loaders.register(DemoLoader(name="network.meetings", load=load_demo_meetings, order=40))
    # Aftercare: the follow-ups are on portal's one list of who is due for contact.
    due_contact_providers.register(
        DueContactProvider(
            name="follow-ups",
            label=_("Opfølgning"),
            due=due_follow_ups,
            counts=count_due_follow_ups,
            order=10,
            permission="network.view_followup",
        )
    )
    last_contact_providers.register(
        LastContactProvider(name="follow-ups", label=_("Opfølgning"), last_contacts=last_follow_ups)
    )
    company_section_providers.register(
        CompanySectionProvider(
            name="follow-ups",
            label=_("Gennemførte opfølgninger"),
            build=company_follow_ups_section,
            order=6,
            permission="network.view_followup",
            add_permission="network.add_followup",
        )
    )
    demo_loaders.register(
        DemoLoader(name="network.follow-ups", load=load_demo_follow_ups, order=41)
    )
    search_providers.register(
        SearchProvider(
            name="network.meetings", label=_("Netværksmøder"), search=search_meeting_hits, order=40
        )
    )
    home_sections.register(
        HomeSection(
            name="network.meetings",
            template="network/_home_meetings.html",
            context=home_section_context,
        )
    )
    occasion_kinds.register(
        OccasionKind(
            name=MEETING_KIND,
            label=_("netværksmøde"),
            label_definite=_("netværksmødet"),
            public_url=lambda occasion: reverse("network:meeting-detail", args=[occasion.pk]),
            admin_url=lambda occasion: reverse("admin:network_meeting_change", args=[occasion.pk]),
        )
    )
    # The strategy's measures (success criterion 2), and two years of history for them in the
    # demo, each right after the demo's own meetings and follow-ups.
    for measure in MEASURES:
        measures.register(measure)
    demo_loaders.register(
        DemoLoader(name="network.meetings.history", load=load_demo_meeting_history, order=40)
    )
    demo_loaders.register(
        DemoLoader(name="network.follow-ups.history", load=load_demo_follow_up_history, order=41)
    )
