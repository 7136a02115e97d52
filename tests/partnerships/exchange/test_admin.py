"""The caseworker moderates: approve or reject from the listing's page (or many at once), the
poster is told, the matching is asked, and every move is in the history."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from partnerships.exchange import services
from partnerships.models import Listing, ListingMessage
from portal.notifications.models import OutboxMessage
from tests.factories import CompanyFactory, ContactFactory
from tests.partnerships.exchange.data import ESCAPED_SCRIPT, SCRIPT, in_days
from tests.partnerships.factories import ListingFactory

pytestmark = pytest.mark.django_db

POSTER = "poster@lager.example"


@pytest.fixture
def pending():
    company = CompanyFactory(name="Sønderjysk Emballage A/S")
    return ListingFactory(
        title="Vi kan tilbyde to praktikpladser",
        status=Listing.Status.PENDING,
        published_at=None,
        company=company,
        contact=ContactFactory(company=company, email=POSTER),
    )


def approve(client, listing, **kwargs):
    """The approve button on the listing's page, with the version the page showed."""
    return client.post(
        reverse("admin:partnerships_listing_approve", args=[listing.pk]),
        {"version": services.listing_version(listing)},
        **kwargs,
    )


def change_url(listing) -> str:
    return reverse("admin:partnerships_listing_change", args=[listing.pk])


def test_approving_publishes_tells_the_poster_and_asks_the_matching(
    caseworker_client, caseworker, pending, monkeypatch
):
    asked = []
    monkeypatch.setattr(
        services.matching, "notify_fitting_posters", lambda listing: asked.append(listing.pk)
    )
    page = caseworker_client.get(change_url(pending)).content.decode()
    assert "Godkend opslaget" in page and "Afvis opslaget" in page

    response = approve(caseworker_client, pending)

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Listing.Status.PUBLISHED
    assert pending.published_at and pending.reviewed_at and pending.reviewed_by == caseworker
    assert asked == [pending.pk]
    mail = OutboxMessage.objects.get()
    assert mail.to == POSTER and mail.subject == "Jeres opslag er godkendt"
    assert f"https://portal.example{pending.get_absolute_url()}" in mail.body
    record = pending.history.first()
    assert (record.history_change_reason, record.history_user) == ("Godkendt", caseworker)
    assert LogEntry.objects.get().change_message == "Godkendt"
    assert (
        "Vi kan tilbyde to praktikpladser"
        in caseworker_client.get(reverse("partnerships:listing-list")).content.decode()
    )


def test_approving_twice_sends_one_mail(caseworker_client, pending):
    approve(caseworker_client, pending)
    approve(caseworker_client, pending)
    assert OutboxMessage.objects.count() == 1


def test_a_listing_changed_after_the_caseworker_opened_it_is_not_approved_unread(
    caseworker_client, pending
):
    seen = services.listing_version(pending)
    services.update_listing(listing=pending, title="Noget helt andet")

    response = caseworker_client.post(
        reverse("admin:partnerships_listing_approve", args=[pending.pk]),
        {"version": seen},
        follow=True,
    )

    assert "Virksomheden har rettet opslaget, efter du åbnede det" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Listing.Status.PENDING and not OutboxMessage.objects.exists()


def test_approve_is_a_post_and_a_get_goes_back_to_the_listing(caseworker_client, pending):
    url = reverse("admin:partnerships_listing_approve", args=[pending.pk])
    response = caseworker_client.get(url)
    assert response.status_code == 302 and response.url == change_url(pending)
    pending.refresh_from_db()
    assert pending.status == Listing.Status.PENDING


def test_rejecting_asks_for_the_reason_and_mails_it(caseworker_client, caseworker, pending):
    url = reverse("admin:partnerships_listing_reject", args=[pending.pk])
    assert "Begrundelse" in caseworker_client.get(url).content.decode()

    refused = caseworker_client.post(url, {"reason": "  "})
    assert "Skriv, hvorfor opslaget afvises." in refused.content.decode()
    pending.refresh_from_db()
    assert pending.status == Listing.Status.PENDING and not OutboxMessage.objects.exists()

    response = caseworker_client.post(url, {"reason": "Opslaget handler om salg, ikke samarbejde."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Listing.Status.REJECTED
    assert pending.rejection_reason == "Opslaget handler om salg, ikke samarbejde."
    mail = OutboxMessage.objects.get()
    assert mail.to == POSTER and mail.subject == "Jeres opslag er ikke godkendt"
    assert "Opslaget handler om salg, ikke samarbejde." in mail.body
    assert reverse("partnerships:listing-manage", args=[pending.token]) in mail.body
    assert pending.history.first().history_user == caseworker
    assert pending.history.first().history_change_reason.startswith("Afvist: ")


def test_a_withdrawn_listing_cannot_be_approved(caseworker_client, pending):
    Listing.objects.filter(pk=pending.pk).update(status=Listing.Status.WITHDRAWN)
    caseworker_client.post(reverse("admin:partnerships_listing_approve", args=[pending.pk]))

    pending.refresh_from_db()
    assert pending.status == Listing.Status.WITHDRAWN and not OutboxMessage.objects.exists()


def test_an_expired_listing_is_not_approved(caseworker_client, pending):
    Listing.objects.filter(pk=pending.pk).update(valid_until=in_days(-1))
    pending.refresh_from_db()
    response = approve(caseworker_client, pending, follow=True)
    assert "Opslaget er udløbet" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Listing.Status.PENDING


def test_bulk_approve(caseworker_client):
    listings = ListingFactory.create_batch(3, status=Listing.Status.PENDING, published_at=None)
    withdrawn = ListingFactory(status=Listing.Status.WITHDRAWN)
    caseworker_client.post(
        reverse("admin:partnerships_listing_changelist"),
        {
            "action": "approve_selected",
            "_selected_action": [listing.pk for listing in [*listings, withdrawn]],
        },
    )
    assert Listing.objects.filter(status=Listing.Status.PUBLISHED).count() == 3
    assert OutboxMessage.objects.count() == 3
    withdrawn.refresh_from_db()
    assert withdrawn.status == Listing.Status.WITHDRAWN


def test_staff_without_a_role_may_not_moderate(outsider_client, pending):
    url = reverse("admin:partnerships_listing_approve", args=[pending.pk])
    assert outsider_client.post(url).status_code == 403
    assert outsider_client.get(change_url(pending)).status_code == 403
    pending.refresh_from_db()
    assert pending.status == Listing.Status.PENDING


def test_the_list_filters_and_nobody_adds_or_deletes(caseworker_client, manager_client, pending):
    ListingFactory(title="Gammelt opslag", valid_until=in_days(-3))
    changelist = reverse("admin:partnerships_listing_changelist")

    html = caseworker_client.get(changelist, {"udloebet": "ja"}).content.decode()
    assert "Gammelt opslag" in html and "Vi kan tilbyde to praktikpladser" not in html
    html = caseworker_client.get(changelist, {"status__exact": "pending"}).content.decode()
    assert "Vi kan tilbyde to praktikpladser" in html and "Gammelt opslag" not in html
    html = caseworker_client.get(changelist, {"q": "Emballage"}).content.decode()
    assert "Vi kan tilbyde to praktikpladser" in html
    for client in (caseworker_client, manager_client):
        assert client.get(reverse("admin:partnerships_listing_add")).status_code == 403
        delete = reverse("admin:partnerships_listing_delete", args=[pending.pk])
        assert client.get(delete).status_code == 403


def test_messages_are_shown_read_only_on_the_listing_and_nowhere_else(caseworker_client, pending):
    ListingMessage.objects.create(
        listing=pending,
        sender_name="Mette",
        sender_email="mette@cafe.example",
        message=f"Hej {SCRIPT}",
    )
    html = caseworker_client.get(change_url(pending)).content.decode()
    assert "mette@cafe.example" in html
    assert SCRIPT not in html and ESCAPED_SCRIPT in html
    assert 'name="messages-0-message"' not in html
    with pytest.raises(Exception):  # noqa: B017 - no admin page for the messages at all
        reverse("admin:partnerships_listingmessage_add")


def test_html_in_a_listing_is_text_in_the_admin(caseworker_client):
    listing = ListingFactory(title=f"Titel {SCRIPT}", description=SCRIPT)
    for url in (reverse("admin:partnerships_listing_changelist"), change_url(listing)):
        html = caseworker_client.get(url).content.decode()
        assert SCRIPT not in html and "&lt;script&gt;" in html


def test_the_admin_home_tile_counts_the_listings_waiting(caseworker_client, pending):
    ListingFactory(status=Listing.Status.PENDING, published_at=None)
    ListingFactory()
    html = caseworker_client.get(reverse("admin:index")).content.decode()

    assert "Opslag, der venter på godkendelse" in html
    assert "?status__exact=pending" in html


@pytest.mark.parametrize("count", [5, 50])
def test_the_changelist_costs_the_same_queries_for_5_and_50(
    caseworker_client, django_assert_max_num_queries, count
):
    for _ in range(count):
        ListingFactory(company=CompanyFactory())
    url = reverse("admin:partnerships_listing_changelist")
    caseworker_client.get(url)
    with django_assert_max_num_queries(12):
        caseworker_client.get(url)


def test_a_caseworker_correction_is_in_the_history_and_keeps_the_status(
    caseworker_client, caseworker
):
    listing = ListingFactory(title="Med en tastefejl")
    data = {
        "category": listing.category,
        "title": "Uden tastefejl",
        "description": listing.description,
        "postcode": listing.postcode,
        "valid_until": listing.valid_until.isoformat(),
        "messages-TOTAL_FORMS": "0",
        "messages-INITIAL_FORMS": "0",
    }
    response = caseworker_client.post(change_url(listing), data)

    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.title == "Uden tastefejl" and listing.status == Listing.Status.PUBLISHED
    record = listing.history.first()
    assert (record.history_change_reason, record.history_user) == (
        "Rettet af sagsbehandler",
        caseworker,
    )
