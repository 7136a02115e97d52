"""The poster's private link: the state, edits that go back to approval, withdrawal."""

import pytest
from django.urls import reverse

from partnerships.models import Listing
from tests.partnerships.exchange.data import ESCAPED_SCRIPT, SCRIPT, in_days
from tests.partnerships.factories import ListingFactory

pytestmark = pytest.mark.django_db


def url(listing: Listing) -> str:
    return reverse("partnerships:listing-manage", args=[listing.token])


def edit_data(listing: Listing, **changes) -> dict:
    return {
        "action": "edit",
        "title": listing.title,
        "description": listing.description,
        "category": listing.category,
        "postcode": listing.postcode,
        "valid_until": listing.valid_until.isoformat(),
        "show_company": "on" if listing.show_company else "",
        "notify_matches": "on" if listing.notify_matches else "",
        **changes,
    }


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({}, "Godkendt"),
        ({"status": Listing.Status.PENDING, "published_at": None}, "Afventer godkendelse"),
        (
            {"status": Listing.Status.REJECTED, "rejection_reason": "Mangler en beskrivelse"},
            "Mangler en beskrivelse",
        ),
        ({"valid_until": in_days(-2)}, "Udløbet"),
        ({"status": Listing.Status.WITHDRAWN}, "Trukket tilbage"),
    ],
)
def test_the_page_shows_the_state(client, change, says):
    listing = ListingFactory(**change)
    response = client.get(url(listing))

    assert response.status_code == 200
    assert says in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_an_edit_takes_the_listing_off_the_exchange_until_approved_again(client):
    listing = ListingFactory(title="Gammel overskrift", notify_matches=False)

    response = client.post(
        url(listing),
        edit_data(listing, title="Ny overskrift", postcode="6070", notify_matches="on"),
    )

    assert response.status_code == 302
    listing.refresh_from_db()
    assert (listing.title, listing.postcode, listing.notify_matches) == (
        "Ny overskrift",
        "6070",
        True,
    )
    assert listing.status == Listing.Status.PENDING
    assert listing.history.first().history_change_reason.startswith("Rettet af virksomheden")
    assert client.get(listing.get_absolute_url()).status_code == 404
    assert "Ny overskrift" not in client.get(reverse("partnerships:listing-list")).content.decode()
    page = client.get(response.url).content.decode()
    assert "venter nu på, at kommunen godkender det igen" in page


def test_saving_without_a_change_keeps_the_listing_public(client):
    listing = ListingFactory()
    response = client.post(url(listing), edit_data(listing))

    listing.refresh_from_db()
    assert listing.status == Listing.Status.PUBLISHED
    assert "I ændrede ikke noget" in client.get(response.url).content.decode()


def test_a_rejected_listing_that_is_edited_is_reviewed_again(client):
    listing = ListingFactory(status=Listing.Status.REJECTED, rejection_reason="For kort")
    client.post(url(listing), edit_data(listing, description="En meget længere beskrivelse."))

    listing.refresh_from_db()
    assert listing.status == Listing.Status.PENDING and listing.rejection_reason == ""


def test_an_expired_listing_can_get_a_new_last_day_but_not_one_in_the_past(client):
    listing = ListingFactory(valid_until=in_days(-5))
    # New text without a new last day could never be approved …
    response = client.post(url(listing), edit_data(listing, title="Ny tekst"))
    assert "Opslaget er udløbet. Vælg en ny sidste dag." in response.content.decode()
    listing.refresh_from_db()
    assert listing.title != "Ny tekst" and listing.status == Listing.Status.PUBLISHED
    # … nor a new date in the past.
    response = client.post(url(listing), edit_data(listing, valid_until=in_days(-1).isoformat()))
    assert "Vælg en dato efter i dag." in response.content.decode()
    client.post(
        url(listing), edit_data(listing, title="Ny tekst", valid_until=in_days(30).isoformat())
    )
    listing.refresh_from_db()
    assert (listing.valid_until, listing.title) == (in_days(30), "Ny tekst")
    assert listing.status == Listing.Status.PENDING


def test_opting_out_of_e_mails_or_hiding_the_name_keeps_the_listing_public(client):
    listing = ListingFactory(notify_matches=True, show_company=True)

    client.post(url(listing), edit_data(listing, notify_matches="", show_company=""))

    listing.refresh_from_db()
    assert not listing.notify_matches and not listing.show_company
    assert listing.status == Listing.Status.PUBLISHED
    client.post(url(listing), edit_data(listing, show_company="on"))  # showing more: reviewed
    listing.refresh_from_db()
    assert listing.show_company and listing.status == Listing.Status.PENDING


def test_an_edit_with_bad_input_keeps_what_was_typed_and_changes_nothing(client):
    listing = ListingFactory(title="Som før")
    response = client.post(url(listing), edit_data(listing, title="Nyt", postcode="1"))

    assert "Et dansk postnummer har 4 cifre" in response.content.decode()
    listing.refresh_from_db()
    assert listing.title == "Som før" and listing.status == Listing.Status.PUBLISHED


def test_withdrawing_asks_first_then_takes_the_listing_down_and_twice_is_harmless(client):
    listing = ListingFactory()

    confirm = client.post(url(listing), {"action": "withdraw"})
    assert confirm.status_code == 200
    assert "Træk opslaget tilbage?" in confirm.content.decode()
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PUBLISHED

    done = client.post(url(listing), {"action": "withdraw-confirmed"})
    assert done.status_code == 302
    listing.refresh_from_db()
    assert listing.status == Listing.Status.WITHDRAWN and listing.withdrawn_at
    withdrawn_at = listing.withdrawn_at

    again = client.post(url(listing), {"action": "withdraw-confirmed"})
    assert again.status_code == 302
    listing.refresh_from_db()
    assert listing.withdrawn_at == withdrawn_at
    html = client.get(url(listing)).content.decode()
    assert "Trukket tilbage" in html and 'name="title"' not in html
    assert "Opslaget er trukket tilbage" in client.get(listing.get_absolute_url()).content.decode()


def test_a_withdrawn_listing_cannot_be_edited(client):
    listing = ListingFactory(status=Listing.Status.WITHDRAWN)
    response = client.post(url(listing), edit_data(listing, title="Igen"))

    assert response.status_code == 409
    listing.refresh_from_db()
    assert listing.title != "Igen" and listing.status == Listing.Status.WITHDRAWN


def test_a_wrong_token_is_404_and_counts_against_the_guessing_limit(client, settings):
    settings.CASE_TOKEN_MISS_LIMIT = 3
    listing = ListingFactory()
    for token in ("a" * 43, "kort", "b" * 43):
        assert client.get(f"/partnerskaber/boers/rediger/{token}/").status_code == 404
    # Now even the right link is refused for a while, as on /sag/<token>/.
    assert client.get(url(listing)).status_code == 429


def test_html_in_the_listing_is_text_on_the_private_page(client):
    listing = ListingFactory(title=SCRIPT, rejection_reason=SCRIPT, status="rejected")
    html = client.get(url(listing)).content.decode()
    assert SCRIPT not in html and ESCAPED_SCRIPT in html
