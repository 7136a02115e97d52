"""Two posts of one form at the same moment (PostgreSQL: each thread its own connection)."""

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import Listing, ListingMessage
from portal.notifications.models import OutboxMessage
from portal.registry.models import Contact
from tests.concurrency import at_once
from tests.partnerships.exchange.data import contact_data, listing_data
from tests.partnerships.factories import ListingFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def test_one_posting_form_sent_twice_at_once_makes_one_listing():
    data = listing_data()
    responses = at_once(
        lambda _n: Client().post(reverse("partnerships:listing-create"), data), times=2
    )

    assert [response.status_code for response in responses] == [302, 302]
    assert Listing.objects.count() == 1
    assert Contact.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_one_contact_form_sent_twice_at_once_sends_one_message():
    listing = ListingFactory()
    data = contact_data()
    responses = at_once(lambda _n: Client().post(listing.get_absolute_url(), data), times=2)

    assert [response.status_code for response in responses] == [302, 302]
    assert ListingMessage.objects.count() == 1
    assert OutboxMessage.objects.count() == 2
