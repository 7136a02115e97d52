"""The directory in /soeg/, in the data-subject report and retention, and in the demo."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.directory import services
from partnerships.directory.demo import load_demo_directory
from partnerships.directory.privacy import (
    anonymise_directory_contacts,
    due_directory_contacts,
    find_directory_entries,
)
from partnerships.directory.selectors import search_directory_hits
from partnerships.models import DirectoryEntry
from portal.privacy.registry import Subject
from portal.privacy.services import ANONYMISED_EMAIL, plan_retention
from portal.registry.demo import load_demo_companies
from portal.registry.models import Company
from portal.search import search_providers
from tests.partnerships.factories import DirectoryEntryFactory, ListingFactory

pytestmark = pytest.mark.django_db


def test_the_site_search_finds_public_entries_only(client):
    shown = DirectoryEntryFactory(company__name="Café Kernen", sells="Catering til møder.")
    DirectoryEntryFactory(company__name="Venter Catering", status=DirectoryEntry.Status.REQUESTED)
    assert "partnerships.directory" in {p.name for p in search_providers.entries()}

    html = client.get(reverse("pages:search"), {"q": "catering"}).content.decode()

    assert "Socialøkonomiske virksomheder" in html
    assert shown.get_absolute_url() in html
    assert "Venter Catering" not in html
    assert "<mark>Catering</mark>" in html


def test_search_hits_escape_what_was_written():
    DirectoryEntryFactory(company__name="Kernen", description="<script>x</script> kage")
    (hit,) = search_directory_hits("kage", 10)
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html


@pytest.mark.parametrize("rows", [5, 50])
def test_the_search_provider_is_one_query(django_assert_num_queries, rows):
    DirectoryEntryFactory.create_batch(rows)
    with django_assert_num_queries(1):
        assert len(search_directory_hits("café", 20)) == min(rows, 20)


def test_the_data_subject_report_finds_the_contact_and_the_company():
    entry = DirectoryEntryFactory()
    by_email = find_directory_entries(Subject(email=entry.contact.email.upper()))
    by_cvr = find_directory_entries(Subject(cvr=entry.company.cvr))
    assert by_email == by_cvr
    assert by_email[0]["E-mail"] == entry.contact.email
    assert by_email[0]["Det sælger vi"] == entry.sells


def test_the_contact_is_kept_while_listed_and_anonymised_half_a_year_after_removal():
    listed = DirectoryEntryFactory()
    removed = DirectoryEntryFactory()
    services.remove_from_directory(entry=removed)
    recent = DirectoryEntryFactory()
    services.remove_from_directory(entry=recent)
    still_posting = DirectoryEntryFactory()
    services.remove_from_directory(entry=still_posting)
    ListingFactory(company=still_posting.company, contact=still_posting.contact)
    long_ago = timezone.now() - datetime.timedelta(days=200)
    DirectoryEntry.objects.filter(pk__in=[removed.pk, still_posting.pk]).update(removed_at=long_ago)

    now = timezone.now()
    cutoff = now - datetime.timedelta(days=183)
    due = list(due_directory_contacts(cutoff, now))
    assert due == [DirectoryEntry.objects.get(pk=removed.pk)]
    plan = {rule.rule.kind: rule.count for rule in plan_retention(now=now).rules}
    assert plan["directory_contacts"] == 1

    assert anonymise_directory_contacts([e.pk for e in due], cutoff, now) == 1
    removed.contact.refresh_from_db()
    listed.contact.refresh_from_db()
    assert removed.contact.email == ANONYMISED_EMAIL
    assert removed.contact.history.filter(email=ANONYMISED_EMAIL).count() == (
        removed.contact.history.count()
    )
    assert listed.contact.email != ANONYMISED_EMAIL
    # Done once: nothing is due again.
    assert not due_directory_contacts(cutoff, now).exists()


def test_the_demo_has_eight_listed_entries_and_one_waiting(client):
    load_demo_companies()
    load_demo_directory()
    load_demo_companies()
    load_demo_directory()

    assert DirectoryEntry.objects.public().count() == 8
    assert DirectoryEntry.objects.waiting_for_review().count() == 1
    assert DirectoryEntry.objects.count() == 9
    public = DirectoryEntry.objects.public()
    assert public.filter(company__rsv_registered=True).count() >= 3
    assert len(set(public.values_list("trade", flat=True))) >= 7
    for company in Company.objects.filter(directory_entry__isnull=False):
        company.full_clean()  # valid CVR numbers, a purpose each
    html = client.get(reverse("directory:entry-list")).content.decode()
    assert "Café Kernen" in html and "Fjordens Vaskeri" not in html
