"""What the directory part adds to portal's extension points."""

from django.utils.translation import gettext_lazy as _

from partnerships.directory import receivers
from partnerships.directory.company_section import company_directory_section
from partnerships.directory.demo import load_demo_directory
from partnerships.directory.privacy import (
    DIRECTORY_CONTACTS,
    anonymise_directory_contacts,
    directory_contacts_since,
    due_directory_contacts,
    find_directory_entries,
)
from partnerships.directory.selectors import search_directory_hits
from partnerships.directory.workbench import directory_tiles
from portal.demo import DemoLoader, demo_loaders
from portal.privacy.registry import AppRetention, PersonalData, app_retention, personal_data
from portal.registry.timeline import CompanySectionProvider, company_section_providers
from portal.search import SearchProvider, search_providers
from portal.workbench import TileGroup, tile_groups


def register() -> None:
    receivers.connect()
    search_providers.register(
        SearchProvider(
            name="partnerships.directory",
            label=_("Socialøkonomiske virksomheder"),
            search=search_directory_hits,
            order=35,
        )
    )
    tile_groups.register(
        TileGroup(
            name="partnerships.directory",
            tiles=directory_tiles,
            order=36,
            permission="partnerships.change_directoryentry",
        )
    )
    company_section_providers.register(
        CompanySectionProvider(
            name="partnerships.directory",
            label=_("Virksomhedsoversigten"),
            build=company_directory_section,
            order=36,
            permission="partnerships.view_directoryentry",
        )
    )
    personal_data.register(
        PersonalData(
            name="partnerships.directory",
            label=_("Virksomhedsoversigten"),
            find=find_directory_entries,
            contact_activity=directory_contacts_since,
            order=36,
        )
    )
    app_retention.register(
        AppRetention(
            name="partnerships.directory-contacts",
            rule=DIRECTORY_CONTACTS,
            due=due_directory_contacts,
            apply=anonymise_directory_contacts,
        )
    )
    demo_loaders.register(
        DemoLoader(name="partnerships.directory", load=load_demo_directory, order=56)
    )
