"""The caseworker reviews requests: approve, reject with a reason, remove; the admin home's tile
and the company page's section."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from partnerships.directory import services
from partnerships.models import DirectoryEntry
from portal.notifications.models import OutboxMessage
from tests.partnerships.factories import DirectoryEntryFactory, ListingFactory

pytestmark = pytest.mark.django_db

REQUESTED = DirectoryEntry.Status.REQUESTED


def waiting(**changes) -> DirectoryEntry:
    return DirectoryEntryFactory(
        status=REQUESTED, listed_at=None, company__listing_consent=False, **changes
    )


def action_url(entry: DirectoryEntry, name: str) -> str:
    return reverse(f"admin:partnerships_directoryentry_{name}", args=[entry.pk])


def test_the_change_page_has_the_buttons_outside_the_form(caseworker_client):
    entry = waiting()
    html = caseworker_client.get(entry.get_admin_url()).content.decode()

    assert "Godkend anmodningen" in html
    assert "Afvis anmodningen" in html
    assert "Fjern fra oversigten" in html
    assert f'action="{action_url(entry, "approve")}"' in html
    # The buttons are not inside the change form (a form in a form is no form).
    form_end = html.index("</form>")
    assert html.index(action_url(entry, "approve")) > form_end


def test_approving_lists_the_company_and_mails_the_public_link(
    caseworker_client, caseworker, client
):
    # Drafted from the visitor's request: the dashboard does not count it until reviewed.
    entry = waiting(company__name="Café Kernen", company__needs_review=True)
    assert client.get(entry.get_absolute_url()).status_code == 404
    assert caseworker_client.get(action_url(entry, "approve")).status_code == 200

    response = caseworker_client.post(action_url(entry, "approve"))

    assert response.status_code == 302
    entry.refresh_from_db()
    entry.company.refresh_from_db()
    assert entry.status == DirectoryEntry.Status.LISTED
    assert entry.reviewed_by == caseworker
    assert entry.listed_at is not None
    assert entry.company.listing_consent is True
    assert entry.company.listing_consent_at == entry.consent_at
    assert entry.company.needs_review is False  # the caseworker has looked at it
    assert client.get(entry.get_absolute_url()).status_code == 200
    mail = OutboxMessage.objects.get()
    assert mail.to == entry.contact.email
    assert "Café Kernen står nu i oversigten" in mail.body
    assert f"http://127.0.0.1:8000/virksomheder/{entry.slug}/" in mail.body
    assert f"/virksomheder/fjern/{entry.removal_token}/" in mail.body
    assert LogEntry.objects.filter(object_id=str(entry.pk)).exists()


def test_approving_twice_is_refused_and_sends_nothing_more(caseworker_client):
    entry = waiting()
    caseworker_client.post(action_url(entry, "approve"))
    response = caseworker_client.post(action_url(entry, "approve"))

    assert "Kun en anmodning, der venter på godkendelse" in response.content.decode()
    assert OutboxMessage.objects.count() == 1


def test_rejecting_needs_a_reason_and_mails_it(caseworker_client):
    entry = waiting()

    refused = caseworker_client.post(action_url(entry, "reject"), {"reason": "  "})
    assert "Skriv, hvorfor anmodningen afvises." in refused.content.decode()
    assert DirectoryEntry.objects.get().status == REQUESTED

    caseworker_client.post(
        action_url(entry, "reject"), {"reason": "Virksomheden sælger ikke ydelser endnu."}
    )

    entry.refresh_from_db()
    assert entry.status == DirectoryEntry.Status.REJECTED
    assert entry.rejection_reason == "Virksomheden sælger ikke ydelser endnu."
    assert entry.company.listing_consent is False
    mail = OutboxMessage.objects.get()
    assert mail.to == entry.contact.email
    assert "Virksomheden sælger ikke ydelser endnu." in mail.body
    assert entry.removal_token not in mail.body


def test_the_bulk_action_approves_only_waiting_requests(caseworker_client):
    first, second = waiting(), waiting()
    listed = DirectoryEntryFactory()
    response = caseworker_client.post(
        reverse("admin:partnerships_directoryentry_changelist"),
        {"action": "approve_selected", "_selected_action": [first.pk, second.pk, listed.pk]},
        follow=True,
    )

    html = response.content.decode()
    assert "2 virksomheder er godkendt" in html
    assert "1 var ikke en anmodning, der venter" in html
    assert DirectoryEntry.objects.public().count() == 3
    assert OutboxMessage.objects.count() == 2


def test_removing_from_the_admin_withdraws_consent_everywhere(caseworker_client):
    entry = DirectoryEntryFactory()
    listing = ListingFactory(company=entry.company, show_company=True)
    assert caseworker_client.get(action_url(entry, "remove")).status_code == 200

    caseworker_client.post(action_url(entry, "remove"))

    entry.refresh_from_db()
    listing.refresh_from_db()
    assert entry.status == DirectoryEntry.Status.REMOVED
    assert entry.company.listing_consent is False
    assert listing.show_company is False
    assert "Sara Sagsbehandler" in entry.history.first().history_change_reason


def test_staff_without_the_role_may_not_approve(outsider_client):
    entry = waiting()
    assert outsider_client.post(action_url(entry, "approve")).status_code == 403
    assert DirectoryEntry.objects.get().status == REQUESTED


def test_entries_are_neither_added_nor_deleted_in_the_admin(caseworker_client):
    entry = DirectoryEntryFactory()
    assert (
        caseworker_client.get(reverse("admin:partnerships_directoryentry_add")).status_code == 403
    )
    delete = reverse("admin:partnerships_directoryentry_delete", args=[entry.pk])
    assert caseworker_client.get(delete).status_code == 403


def test_the_list_filters_and_searches_by_cvr(caseworker_client):
    entry = waiting(company__name="Café Kernen")
    DirectoryEntryFactory(company__name="Anden ApS")
    url = reverse("admin:partnerships_directoryentry_changelist")

    html = caseworker_client.get(url, {"q": entry.company.cvr}).content.decode()
    assert "Café Kernen" in html and "Anden ApS" not in html
    html = caseworker_client.get(url, {"status__exact": "requested"}).content.decode()
    assert "Café Kernen" in html and "Anden ApS" not in html


def test_the_admin_home_tile_counts_waiting_requests(caseworker_client):
    waiting()
    waiting()
    DirectoryEntryFactory()

    html = caseworker_client.get(reverse("admin:index")).content.decode()

    assert "Virksomheder, der venter på at komme i oversigten" in html
    from partnerships.directory.workbench import directory_tiles

    (tile,) = directory_tiles(None)
    assert tile.count == 2
    assert tile.url.endswith("?status__exact=requested")


def test_the_company_page_shows_the_directory_status(caseworker_client):
    entry = DirectoryEntryFactory()
    url = reverse("admin:registry_company_change", args=[entry.company.pk])

    html = caseworker_client.get(url).content.decode()

    assert "Virksomhedsoversigten" in html
    assert "Vises i oversigten" in html
    assert entry.get_admin_url() in html

    services.remove_from_directory(entry=entry)
    assert "Fjernet" in caseworker_client.get(url).content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_the_changelist_costs_the_same_for_5_and_50(
    caseworker_client, django_assert_max_num_queries, rows
):
    DirectoryEntryFactory.create_batch(rows)
    url = reverse("admin:partnerships_directoryentry_changelist")
    caseworker_client.get(url)
    with django_assert_max_num_queries(12):
        assert caseworker_client.get(url).status_code == 200
