"""What the exchange part adds to portal's extension points (called from
partnerships/extensions.py)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from partnerships.exchange.company_section import company_listings_section
from partnerships.exchange.demo import load_demo_listings
from partnerships.exchange.privacy import (
    EXPIRED_LISTINGS,
    LISTING_MESSAGES,
    anonymise_listings,
    delete_messages,
    due_listings,
    due_messages,
    find_listings,
    find_messages,
    listing_contacts_in_use,
)
from partnerships.exchange.reminders import send_expiry_reminders
from partnerships.exchange.selectors import search_listing_hits
from partnerships.exchange.workbench import listing_tiles
from portal.demo import DemoLoader, demo_loaders
from portal.notifications.jobs import Job, worker_jobs
from portal.privacy.registry import AppRetention, PersonalData, app_retention, personal_data
from portal.registry.timeline import CompanySectionProvider, company_section_providers
from portal.search import SearchProvider, search_providers
from portal.workbench import TileGroup, tile_groups


def register() -> None:
    tile_groups.register(
        TileGroup(
            name="partnerships.listings",
            tiles=listing_tiles,
            order=45,
            permission="partnerships.change_listing",
        )
    )
    search_providers.register(
        SearchProvider(
            name="partnerships.listings",
            label=_("Partnerskabsbørsen"),
            search=search_listing_hits,
            order=45,
        )
    )
    personal_data.register(
        PersonalData(
            name="exchange_listings",
            label=_("Opslag på partnerskabsbørsen"),
            find=find_listings,
            contact_activity=listing_contacts_in_use,
            order=60,
        )
    )
    personal_data.register(
        PersonalData(
            name="exchange_messages",
            label=_("Beskeder til opslag på partnerskabsbørsen"),
            find=find_messages,
            order=61,
        )
    )
    app_retention.register(
        AppRetention(
            name="expired_listings",
            rule=EXPIRED_LISTINGS,
            due=due_listings,
            apply=anonymise_listings,
        )
    )
    app_retention.register(
        AppRetention(
            name="listing_messages", rule=LISTING_MESSAGES, due=due_messages, apply=delete_messages
        )
    )
    worker_jobs.register(
        Job(
            name="partnerships.listing-expiry-reminders",
            run=send_expiry_reminders,
            every=timedelta(hours=1),
        )
    )
    company_section_providers.register(
        CompanySectionProvider(
            name="partnerships.listings",
            label=_("Opslag på partnerskabsbørsen"),
            build=company_listings_section,
            order=52,
            permission="partnerships.view_listing",
        )
    )
    # After the registry's companies (order < 10) and before the matching's and register's.
    demo_loaders.register(
        DemoLoader(name="partnerships.listings", load=load_demo_listings, order=54)
    )
