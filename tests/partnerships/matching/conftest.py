import datetime

import pytest
from django.utils import timezone

from partnerships.models import Listing, refresh_listing_search_vectors
from tests.factories import CompanyFactory
from tests.partnerships.factories import ListingFactory

OFFER, NEED = Listing.Kind.OFFER, Listing.Kind.NEED


def listing(title: str, description: str = "", *, kind=OFFER, category="services", **fields):
    """A published listing; on PostgreSQL its stored search vector is filled in."""
    made = ListingFactory(
        title=title, description=description or title, kind=kind, category=category, **fields
    )
    refresh_listing_search_vectors(Listing.objects.filter(pk=made.pk))
    return made


def ago(minutes: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=minutes)


@pytest.fixture
def social_company(db):
    return CompanyFactory(name="Café Kernen", kind="social_economy", listing_consent=True)


@pytest.fixture
def ordinary_company(db):
    return CompanyFactory(name="Sønderjysk Emballage A/S", kind="ordinary")
