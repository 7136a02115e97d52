"""The company's private link removes it from every public page at once."""

import pytest
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from partnerships.directory import services
from partnerships.models import DirectoryEntry, Listing
from portal.notifications.models import OutboxMessage
from tests.partnerships.factories import DirectoryEntryFactory, ListingFactory

pytestmark = pytest.mark.django_db


def remove_url(entry: DirectoryEntry) -> str:
    return reverse("directory:remove", args=[entry.removal_token])


def test_the_link_shows_what_will_happen_and_a_button_and_changes_nothing(client):
    entry = DirectoryEntryFactory(company__name="Café Kernen")

    response = client.get(remove_url(entry))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Café Kernen står i oversigten" in html
    assert "Fjern virksomheden nu" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    entry.refresh_from_db()
    assert entry.status == DirectoryEntry.Status.LISTED


def test_removal_hides_the_company_from_every_public_page_at_once(client):
    entry = DirectoryEntryFactory(company__name="Café Kernen")
    listing = ListingFactory(company=entry.company, show_company=True)
    other = ListingFactory(show_company=True)
    page = entry.get_absolute_url()
    assert "Café Kernen" in client.get(reverse("directory:entry-list")).content.decode()

    response = client.post(remove_url(entry))

    assert response.status_code == 302
    assert response.url == remove_url(entry)
    entry.refresh_from_db()
    entry.company.refresh_from_db()
    listing.refresh_from_db()
    other.refresh_from_db()
    assert entry.status == DirectoryEntry.Status.REMOVED
    assert entry.removed_at is not None
    assert entry.company.listing_consent is False
    assert entry.company.listing_consent_at is None
    assert listing.show_company is False
    assert other.show_company is True  # another company's listing is untouched
    assert "Café Kernen" not in client.get(reverse("directory:entry-list")).content.decode()
    assert client.get(page).status_code == 404
    search = client.get(reverse("pages:search"), {"q": "Kernen"}).content.decode()
    assert page not in search
    # Recorded with the reason.
    assert entry.company.history.first().history_change_reason.startswith("Fjernet")
    assert listing.history.first().history_change_reason.startswith("Fjernet")

    done = client.get(remove_url(entry)).content.decode()
    assert "Virksomheden er fjernet fra oversigten" in done

    mail = OutboxMessage.objects.get()
    assert mail.to == entry.contact.email
    assert "er nu fjernet fra oversigten" in mail.body

    try:
        listing_page = reverse("partnerships:listing-detail", args=[listing.pk])
    except NoReverseMatch:
        return  # the exchange's page is not built yet: the model state above is what it reads
    assert "Café Kernen" not in client.get(listing_page).content.decode()


def test_removing_twice_is_harmless(client):
    entry = DirectoryEntryFactory()
    client.post(remove_url(entry))
    removed_at = DirectoryEntry.objects.get().removed_at

    response = client.post(remove_url(entry))

    assert response.status_code == 302
    assert DirectoryEntry.objects.get().removed_at == removed_at
    assert OutboxMessage.objects.count() == 1
    assert services.remove_from_directory(entry=entry) is False


def test_a_waiting_request_can_be_withdrawn_from_the_link(client):
    entry = DirectoryEntryFactory(
        status=DirectoryEntry.Status.REQUESTED, company__listing_consent=False
    )
    assert "venter på at blive godkendt" in client.get(remove_url(entry)).content.decode()

    client.post(remove_url(entry))

    assert DirectoryEntry.objects.get().status == DirectoryEntry.Status.REMOVED
    assert DirectoryEntry.objects.waiting_for_review().count() == 0


def test_a_wrong_token_is_404_and_counts_against_guessing(client, settings):
    settings.CASE_TOKEN_MISS_LIMIT = 2
    wrong = reverse("directory:remove", args=["x" * 43])

    assert client.get(wrong).status_code == 404
    assert client.post(wrong).status_code == 404
    assert client.get(reverse("directory:remove", args=["junk"])).status_code == 429
    assert not OutboxMessage.objects.exists()


def test_wrong_removal_tokens_share_the_budget_of_case_status_links(client, settings):
    settings.CASE_TOKEN_MISS_LIMIT = 1
    entry = DirectoryEntryFactory()
    client.get(reverse("directory:remove", args=["y" * 43]))

    # Guessing on is refused, also with the right token, and also on /sag/<token>/.
    assert client.get(remove_url(entry)).status_code == 429
    assert client.get(reverse("cases:status", args=["z" * 32])).status_code == 429
    cache.clear()
    assert client.get(remove_url(entry)).status_code == 200


def test_a_caseworker_removal_is_recorded_with_their_name(caseworker):
    entry = DirectoryEntryFactory()
    services.remove_from_directory(entry=entry, by=caseworker)
    entry.refresh_from_db()
    assert entry.history.first().history_change_reason == (
        "Fjernet fra virksomhedsoversigten af Sara Sagsbehandler"
    )
    assert not Listing.objects.filter(company=entry.company, show_company=True).exists()


def test_consent_unticked_on_the_company_page_hides_the_name_on_its_listings(caseworker_client):
    from django.urls import reverse

    from partnerships.models import Listing
    from tests.partnerships.factories import ListingFactory

    entry = DirectoryEntryFactory(company__name="Café Kernen")
    listing = ListingFactory(company=entry.company, show_company=True)
    company = entry.company

    company.listing_consent = False
    company.save()  # as the registry's admin page saves it

    listing.refresh_from_db()
    assert not listing.show_company
    assert listing.history.first().history_change_reason == (
        "Virksomhedens samtykke til at blive vist er trukket tilbage"
    )
    page = caseworker_client.get(reverse("partnerships:listing-detail", args=[listing.pk]))
    assert "Café Kernen" not in page.content.decode()
    assert not Listing.objects.filter(show_company=True).exists()
