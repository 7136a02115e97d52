"""The moderation lists put what waits for the caseworker first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import DirectoryEntry, Listing
from tests.partnerships.factories import DirectoryEntryFactory, ListingFactory

pytestmark = pytest.mark.django_db


def _rows(client, url: str) -> list:
    return list(client.get(url).context["cl"].result_list)


def test_listings_waiting_for_approval_come_first_then_the_newest(caseworker_client):
    old_pending = ListingFactory(status=Listing.Status.PENDING, published_at=None)
    published = ListingFactory()
    new_pending = ListingFactory(status=Listing.Status.PENDING, published_at=None)
    Listing.objects.filter(pk=old_pending.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )

    rows = _rows(caseworker_client, reverse("admin:partnerships_listing_changelist"))

    assert rows == [new_pending, old_pending, published]


def test_directory_requests_waiting_come_first_then_by_name(caseworker_client):
    listed = DirectoryEntryFactory(company__name="Aabenraa Café")
    waiting = DirectoryEntryFactory(
        company__name="Østergades Genbrug", status=DirectoryEntry.Status.REQUESTED
    )

    rows = _rows(caseworker_client, reverse("admin:partnerships_directoryentry_changelist"))

    assert rows == [waiting, listed]
