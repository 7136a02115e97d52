"""The poster is written to in the language they posted in, whoever does what later."""

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.exchange.reminders import send_expiry_reminders
from partnerships.exchange.services import approve_listing
from partnerships.matching.services import notify_fitting_posters
from partnerships.models import Listing
from portal.notifications.models import OutboxMessage
from tests.partnerships.exchange.data import in_days, listing_data
from tests.partnerships.factories import ListingFactory

pytestmark = pytest.mark.django_db


def test_a_listing_posted_in_english_gets_its_e_mails_in_english(client, caseworker):
    with translation.override("en"):
        url = reverse("partnerships:listing-create")
    client.post(url, listing_data())
    listing = Listing.objects.get()
    assert listing.language == "en"

    approve_listing(listing=listing, by=caseworker)  # by staff, on a Danish admin page

    approved = OutboxMessage.objects.order_by("pk").last()
    assert approved.to == "hs@emballage.example"
    assert f"https://portal.example/en/partnerskaber/boers/{listing.pk}/" in approved.body


def test_a_match_notice_follows_each_posters_language():
    words = "catering frokost personalemøder"
    german = ListingFactory(
        kind="need", title=f"Vi søger {words}", notify_matches=True, language="de"
    )
    danish = ListingFactory(kind="need", title=f"Vi søger {words}", notify_matches=True)
    offer = ListingFactory(kind="offer", title=f"Vi tilbyder {words}")

    assert notify_fitting_posters(offer) == 2

    to = {m.to: m.body for m in OutboxMessage.objects.all()}
    assert f"/de/partnerskaber/boers/{offer.pk}/" in to[german.contact.email]
    assert f"/partnerskaber/boers/{offer.pk}/" in to[danish.contact.email]
    assert "/de/" not in to[danish.contact.email]


def test_the_expiry_reminder_is_claimed_once_and_again_for_a_new_last_day():
    listing = ListingFactory(valid_until=in_days(2), language="de")

    assert send_expiry_reminders() == 1
    assert send_expiry_reminders() == 0
    listing.refresh_from_db()
    assert listing.expiry_reminded_for == listing.valid_until
    assert "/de/partnerskaber/boers/rediger/" in OutboxMessage.objects.get().body

    Listing.objects.filter(pk=listing.pk).update(valid_until=in_days(3))
    assert send_expiry_reminders() == 1
