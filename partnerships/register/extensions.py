"""What the register part adds to portal's extension points; partnerships.extensions.register()
calls register()."""

from django.utils.translation import gettext_lazy as _

from partnerships.register.company_section import company_partnerships_section
from partnerships.register.demo import load_demo_partnerships
from partnerships.register.privacy import (
    ACTIVITY_NOTES,
    clear_activity_notes,
    due_activity_notes,
    find_partnership_activities,
)
from partnerships.register.workbench import quiet_tiles
from portal.demo import DemoLoader, demo_loaders
from portal.privacy.registry import AppRetention, PersonalData, app_retention, personal_data
from portal.registry.timeline import CompanySectionProvider, company_section_providers
from portal.workbench import TileGroup, tile_groups


def register() -> None:
    tile_groups.register(
        TileGroup(
            name="partnerships.quiet",
            tiles=quiet_tiles,
            order=50,
            permission="partnerships.view_partnership",
        )
    )
    company_section_providers.register(
        CompanySectionProvider(
            name="partnerships.register",
            label=_("Partnerskaber"),
            build=company_partnerships_section,
            order=50,
            permission="partnerships.view_partnership",
            add_permission="partnerships.add_partnership",
        )
    )
    demo_loaders.register(
        DemoLoader(name="partnerships.register", load=load_demo_partnerships, order=52)
    )
    personal_data.register(
        PersonalData(
            name="partnership_activities",
            label=_("Aktiviteter i partnerskaber"),
            find=find_partnership_activities,
            order=50,
        )
    )
    app_retention.register(
        AppRetention(
            name="partnership_activity_notes",
            rule=ACTIVITY_NOTES,
            due=due_activity_notes,
            apply=clear_activity_notes,
        )
    )
