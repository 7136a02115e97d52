"""A listing's page and its contact form: the message goes to the poster through the outbox,
the sender gets a receipt, and the poster's address is never on a page."""

import pytest
from django.urls import reverse

from partnerships.models import Listing, ListingMessage
from portal.notifications.models import OutboxMessage
from tests.factories import CompanyFactory, ContactFactory
from tests.partnerships.exchange.data import (
    ESCAPED_SCRIPT,
    SCRIPT,
    contact_data,
    danish_date,
    in_days,
)
from tests.partnerships.factories import ListingFactory

pytestmark = pytest.mark.django_db

POSTER = "hemmelig.poster@lager.example"


@pytest.fixture
def listing():
    company = CompanyFactory(name="Sønderjysk Emballage A/S")
    return ListingFactory(
        title="Vi kan tilbyde to praktikpladser på lageret",
        description="Pluk og pak.\nFra 15 timer om ugen.",
        postcode="6500",
        company=company,
        contact=ContactFactory(company=company, name="Henrik Schmidt", email=POSTER),
    )


def test_the_page_shows_the_listing_and_the_form(client, listing):
    html = client.get(listing.get_absolute_url()).content.decode()

    assert '<h1 lang="da">Vi kan tilbyde to praktikpladser på lageret</h1>' in html
    assert "Pluk og pak.<br>Fra 15 timer om ugen." in html
    assert "Tilbud" in html and "6500 Vojens" in html
    assert danish_date(listing.valid_until) in html
    assert "Sønderjysk Emballage A/S" in html
    assert "Skriv til virksomheden" in html and 'name="message"' in html
    assert POSTER not in html and "Henrik Schmidt" not in html


def test_the_company_is_not_named_without_consent(client, listing):
    listing.show_company = False
    listing.save()
    assert "Sønderjysk Emballage" not in client.get(listing.get_absolute_url()).content.decode()


def test_a_message_is_stored_and_queued_to_the_poster_with_a_receipt_to_the_sender(client, listing):
    response = client.post(listing.get_absolute_url(), contact_data(phone="12345678"))

    assert response.status_code == 302
    assert response.url == reverse("partnerships:listing-contacted", args=[listing.pk])
    sent = ListingMessage.objects.get()
    assert (sent.listing, sent.sender_name, sent.sender_email, sent.sender_phone) == (
        listing,
        "Mette Lauridsen",
        "mette@cafe.example",
        "12 34 56 78",
    )
    assert sent.sender_company == "Café Kernen"
    assert sent.message == "Vi har to medarbejdere, der gerne vil i praktik.\nRing gerne."

    to_poster, copy = OutboxMessage.objects.order_by("pk")
    assert to_poster.to == POSTER
    assert to_poster.subject == f"Ny besked til jeres opslag: {listing.title}"
    for text in (
        "Mette Lauridsen, Café Kernen",
        "mette@cafe.example",
        "12 34 56 78",
        "Vi har to medarbejdere, der gerne vil i praktik.\nRing gerne.",
    ):
        assert text in to_poster.body
    assert reverse("partnerships:listing-manage", args=[listing.token]) in to_poster.body
    assert copy.to == "mette@cafe.example"
    assert copy.subject == f"Din besked er sendt: {listing.title}"
    assert f"https://portal.example{listing.get_absolute_url()}" in copy.body
    # The receipt carries no typed text to an address anyone could have typed, and no link
    # that is the poster's alone.
    assert "Vi har to medarbejdere" not in copy.body
    assert listing.token not in copy.body and POSTER not in copy.body

    for url in (response.url, listing.get_absolute_url(), reverse("partnerships:listing-list")):
        assert POSTER not in client.get(url).content.decode()
    assert "Din besked er sendt" in client.get(response.url).content.decode()


def test_the_same_form_posted_twice_sends_one_message(client, listing):
    data = contact_data()
    client.post(listing.get_absolute_url(), data)
    response = client.post(listing.get_absolute_url(), data)

    assert response.status_code == 302
    assert ListingMessage.objects.count() == 1
    assert OutboxMessage.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "heading"),
    [
        ({"valid_until": in_days(-1)}, "Opslaget er udløbet"),
        ({"status": Listing.Status.WITHDRAWN}, "Opslaget er trukket tilbage"),
    ],
)
def test_an_expired_or_withdrawn_listing_says_so_and_sends_nothing(
    client, listing, change, heading
):
    Listing.objects.filter(pk=listing.pk).update(**change)

    page = client.get(listing.get_absolute_url())
    html = page.content.decode()
    # Gone, and kept out of search engines: only the title and why, not the text or the name.
    assert page.status_code == 410 and page["X-Robots-Tag"] == "noindex"
    assert heading in html
    assert 'name="message"' not in html
    assert listing.description not in html and listing.company.name not in html

    response = client.post(listing.get_absolute_url(), contact_data())
    assert response.status_code == 410
    assert "Din besked er ikke sendt" in response.content.decode()
    assert not ListingMessage.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"status": Listing.Status.PENDING, "published_at": None},
        {"status": Listing.Status.REJECTED, "rejection_reason": "Ikke et partnerskab"},
    ],
)
def test_a_pending_or_rejected_listing_is_not_found_by_the_public(client, listing, change):
    Listing.objects.filter(pk=listing.pk).update(**change)

    assert client.get(listing.get_absolute_url()).status_code == 404
    assert client.post(listing.get_absolute_url(), contact_data()).status_code == 404
    assert not OutboxMessage.objects.exists()


def test_a_listing_closed_while_the_form_was_filled_in_sends_nothing(client, listing):
    from partnerships.exchange import services
    from portal.intake import ContactData

    Listing.objects.filter(pk=listing.pk).update(valid_until=in_days(-1))
    with pytest.raises(services.ListingClosed):
        services.contact_poster(
            listing=listing,
            sender=ContactData(name="A", email="a@example.dk"),
            sender_company="",
            message="Hej",
            submission_key="k",
        )
    assert not ListingMessage.objects.exists() and not OutboxMessage.objects.exists()


def test_bad_input_keeps_what_was_typed_and_sends_nothing(client, listing):
    response = client.post(
        listing.get_absolute_url(), contact_data(email="ikke-en-adresse", message="Min tekst")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Skriv en gyldig e-mail-adresse" in html
    assert "Min tekst" in html
    assert not OutboxMessage.objects.exists()


def test_the_honeypot_sends_nothing(client, listing):
    response = client.post(listing.get_absolute_url(), contact_data(website="x"))
    assert response.status_code == 302
    assert not ListingMessage.objects.exists() and not OutboxMessage.objects.exists()


def test_too_many_messages_from_one_address_get_a_429(client, listing, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    assert client.post(listing.get_absolute_url(), contact_data()).status_code == 302
    response = client.post(listing.get_absolute_url(), contact_data())

    assert response.status_code == 429
    assert "Vi har fået mange henvendelser" in response.content.decode()
    assert ListingMessage.objects.count() == 1


def test_html_in_the_listing_and_the_message_is_text(client, listing):
    Listing.objects.filter(pk=listing.pk).update(
        title=f"Titel {SCRIPT}", description=f"Linje {SCRIPT}\nto"
    )
    html = client.get(listing.get_absolute_url()).content.decode()
    assert SCRIPT not in html and ESCAPED_SCRIPT in html

    client.post(listing.get_absolute_url(), contact_data(message=SCRIPT))
    # E-mails are plain text: the message as written, never as markup.
    to_poster = OutboxMessage.objects.filter(to=POSTER).get()
    assert SCRIPT in to_poster.body and not to_poster.html_body


def test_the_page_is_never_cached(client, listing):
    response = client.get(listing.get_absolute_url())
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_message_to_a_listing_edited_meanwhile_is_not_sent_but_kept(client, listing):
    page = client.get(listing.get_absolute_url())  # the visitor opens the listing …
    assert page.status_code == 200
    Listing.objects.filter(pk=listing.pk).update(
        status=Listing.Status.PENDING, title="Ny, ikke godkendt titel"
    )  # … the poster edits it …

    response = client.post(
        listing.get_absolute_url(), contact_data(message=f"Vi kan hjælpe. {SCRIPT}")
    )  # … and the message arrives at a listing under review.

    html = response.content.decode()
    assert response.status_code == 409
    assert "Din besked er ikke sendt" in html
    assert "Vi kan hjælpe." in html and SCRIPT not in html
    assert "Ny, ikke godkendt titel" not in html
    assert not ListingMessage.objects.exists() and not OutboxMessage.objects.exists()
