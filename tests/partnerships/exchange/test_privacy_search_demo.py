"""The exchange in /soeg/, in the data-subject report and retention, and its demo data."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from partnerships.exchange.demo import LISTINGS, load_demo_listings
from partnerships.models import Listing, ListingMessage
from portal.privacy.policy import rule
from portal.privacy.registry import Subject
from portal.privacy.report import build_subject_report
from portal.privacy.services import ANONYMISED, ANONYMISED_EMAIL, apply_retention, plan_retention
from portal.registry.demo import load_demo_companies
from portal.registry.models import Contact
from tests.factories import CompanyFactory, ContactFactory
from tests.partnerships.exchange.data import SCRIPT, in_days
from tests.partnerships.factories import ListingFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("pages:search")


# /soeg/ ----------------------------------------------------------------------------------------


def test_the_site_search_finds_public_listings_only(client):
    found = ListingFactory(title="Praktikpladser på lageret", description="Pluk og pak")
    ListingFactory(title="Praktikpladser der venter", status="pending", published_at=None)
    ListingFactory(title="Praktikpladser udløbet", valid_until=in_days(-1))

    html = client.get(SEARCH, {"q": "praktikpladser"}).content.decode()
    assert "Partnerskabsbørsen" in html
    assert found.get_absolute_url() in html
    assert "Praktikpladser der venter" not in html and "Praktikpladser udløbet" not in html


def test_search_hits_escape_what_the_poster_wrote(client):
    ListingFactory(title=f"Lager {SCRIPT}", description=f"Lager {SCRIPT}")
    html = client.get(SEARCH, {"q": "lager"}).content.decode()
    assert SCRIPT not in html and "&lt;script&gt;" in html


def test_a_search_answered_from_the_cache_follows_every_change(
    client, caseworker, django_capture_on_commit_callbacks
):
    from partnerships.exchange import services

    listing = ListingFactory(title="Cykelværksted søger frivillige")
    assert (
        "Cykelværksted søger frivillige"
        in client.get(SEARCH, {"q": "cykelværksted"}).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_listing(listing=listing)
    assert "Cykelværksted søger" not in client.get(SEARCH, {"q": "cykelværksted"}).content.decode()

    pending = ListingFactory(title="Cykelværksted nummer to", status="pending", published_at=None)
    assert "nummer to" not in client.get(SEARCH, {"q": "cykelværksted"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_listing(listing=pending, by=caseworker)
    assert "nummer to" in client.get(SEARCH, {"q": "cykelværksted"}).content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_the_search_provider_is_one_query(django_assert_num_queries, count):
    for _ in range(count):
        ListingFactory(company=CompanyFactory(), description="Vi tilbyder hjælp")
    from partnerships.exchange.selectors import search_listing_hits

    with django_assert_num_queries(1):
        hits = search_listing_hits("hjælp", 20)
    assert len(hits) == min(count, 20)
    with django_assert_num_queries(0):  # the same search again, nothing changed
        assert search_listing_hits("hjælp", 20) == hits


# Data-subject report -----------------------------------------------------------------------------


def test_the_report_holds_the_posters_listings_and_the_senders_messages():
    company = CompanyFactory(name="Lageret ApS")
    listing = ListingFactory(
        title="Praktik",
        company=company,
        contact=ContactFactory(company=company, name="Henrik", email="henrik@lager.example"),
    )
    ListingMessage.objects.create(
        listing=listing, sender_name="Mette", sender_email="mette@cafe.example", message="Hej"
    )

    poster = build_subject_report(Subject(email="henrik@lager.example"), generated_by=None)
    rows = {section.name: section.rows for section in poster.sections}
    assert rows["exchange_listings"][0]["Opslag"] == "Praktik"
    assert rows["exchange_listings"][0]["E-mail"] == "henrik@lager.example"
    assert rows["exchange_listings"][0]["Beskeder modtaget"] == 1

    sender = build_subject_report(Subject(email="METTE@cafe.example"), generated_by=None)
    rows = {section.name: section.rows for section in sender.sections}
    assert rows["exchange_messages"][0]["Besked"] == "Hej"
    assert rows["exchange_messages"][0]["Til opslaget"] == "Praktik"

    by_cvr = build_subject_report(Subject(cvr=company.cvr), generated_by=None)
    assert {s.name: s.rows for s in by_cvr.sections}["exchange_listings"][0]["Opslag"] == "Praktik"


# Retention ---------------------------------------------------------------------------------------


def test_the_rules_are_in_the_policy_with_their_legal_basis():
    assert str(rule("expired_listings").keep_for) == "1 år"
    assert str(rule("listing_messages").keep_for) == "1 år"
    assert "art. 5" in str(rule("expired_listings").legal_basis)


def test_retention_anonymises_the_contact_a_year_after_the_last_day():
    old = ListingFactory(valid_until=timezone.localdate() - datetime.timedelta(days=400))
    recent = ListingFactory(valid_until=timezone.localdate() - datetime.timedelta(days=100))

    assert plan_retention().counts["expired_listings"] == 1
    assert apply_retention().counts["expired_listings"] == 1

    old.contact.refresh_from_db()
    assert (old.contact.name, old.contact.email) == (ANONYMISED, ANONYMISED_EMAIL)
    assert not Contact.history.filter(id=old.contact_id).exclude(name=ANONYMISED).exists()
    old.refresh_from_db()
    assert old.title.startswith("Opslag")  # the listing itself stays for the statistics
    recent.contact.refresh_from_db()
    assert recent.contact.email != ANONYMISED_EMAIL
    assert apply_retention().counts["expired_listings"] == 0


def test_retention_keeps_the_contact_of_a_running_listing():
    old = ListingFactory(valid_until=timezone.localdate() - datetime.timedelta(days=400))
    ListingFactory(contact=old.contact, company=old.company)
    # Untouched for years, but the poster of a listing that runs: not an inactive contact.
    Contact.objects.filter(pk=old.contact_id).update(
        updated_at=timezone.now() - datetime.timedelta(days=4 * 365)
    )

    assert plan_retention().counts["inactive_contacts"] == 0
    apply_retention()
    old.contact.refresh_from_db()
    assert old.contact.email != ANONYMISED_EMAIL


def test_retention_deletes_messages_a_year_after_they_were_sent():
    listing = ListingFactory()
    old = ListingMessage.objects.create(
        listing=listing, sender_name="A", sender_email="a@example.dk", message="Gammel"
    )
    ListingMessage.objects.filter(pk=old.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=370)
    )
    new = ListingMessage.objects.create(
        listing=listing, sender_name="B", sender_email="b@example.dk", message="Ny"
    )

    assert apply_retention().counts["listing_messages"] == 1
    assert list(ListingMessage.objects.all()) == [new]


# Demo data ---------------------------------------------------------------------------------------


def test_the_demo_listings_load_twice_without_duplicates_and_are_believable(client):
    load_demo_companies()
    load_demo_listings()
    load_demo_listings()

    assert Listing.objects.count() == len(LISTINGS) >= 12
    assert set(Listing.objects.values_list("category", flat=True)) == set(Listing.Category.values)
    assert set(Listing.objects.values_list("kind", flat=True)) == {"offer", "need"}
    assert Listing.objects.waiting_for_review().count() == 2
    assert Listing.objects.filter(status="withdrawn").count() == 1
    public = Listing.objects.public()
    assert public.count() == len(LISTINGS) - 4  # two pending, one expired, one withdrawn
    html = client.get(reverse("partnerships:listing-list")).content.decode()
    assert "Vi kan tilbyde to praktikpladser på lageret" in html
    assert "Sønderjysk Emballage A/S" in html


def test_load_demo_runs_the_exchange(settings):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    assert Listing.objects.filter(title="Lokaler til udlån om aftenen").count() == 1


# Reminder before the last day ----------------------------------------------------------------


def test_the_poster_is_reminded_once_a_few_days_before_the_last_day():
    from partnerships.exchange.reminders import send_expiry_reminders
    from portal.notifications.models import OutboxMessage

    soon = ListingFactory(valid_until=in_days(2), contact=ContactFactory(email="snart@x.example"))
    ListingFactory(valid_until=in_days(10))
    ListingFactory(valid_until=in_days(1), status="pending", published_at=None)

    assert send_expiry_reminders() == 1
    assert send_expiry_reminders() == 0
    mail = OutboxMessage.objects.get()
    assert mail.to == "snart@x.example"
    assert mail.subject == f"Jeres opslag udløber snart: {soon.title}"
    assert reverse("partnerships:listing-manage", args=[soon.token]) in mail.body

    # Extended (and approved again): reminded again before the new last day.
    Listing.objects.filter(pk=soon.pk).update(valid_until=in_days(40))
    assert send_expiry_reminders(today=in_days(38)) == 1


def test_the_reminder_job_is_registered():
    from portal.notifications.jobs import worker_jobs

    assert "partnerships.listing-expiry-reminders" in {job.name for job in worker_jobs.entries()}
