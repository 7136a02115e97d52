"""A company posts an offer or a need: stored as pending whatever is posted, with the private
link by e-mail; bad input keeps what was typed and stores nothing."""

import pytest
from django.urls import reverse

from partnerships.models import Listing
from portal.notifications.models import OutboxMessage
from portal.registry.models import Company, Contact
from tests.factories import CompanyFactory
from tests.partnerships.exchange.data import danish_date, in_days, listing_data

pytestmark = pytest.mark.django_db

URL = reverse("partnerships:listing-create")


def test_the_form_asks_for_everything_in_danish(client):
    page = client.get(URL).content.decode()
    for label in (
        "CVR-nummer",
        "Virksomhedens navn",
        "Kontaktperson",
        "E-mail",
        "Overskrift",
        "Beskrivelse",
        "Postnummer",
        "Gælder til og med",
        "Virksomhedens navn må vises ved opslaget",
    ):
        assert label in page
    assert 'name="website"' in page  # the honeypot


def test_a_posted_listing_waits_for_approval_and_mails_the_private_link(client):
    response = client.post(URL, listing_data(phone="12345678", notify_matches="on"))

    assert response.status_code == 302
    assert response.url == reverse("partnerships:listing-created")
    listing = Listing.objects.select_related("company", "contact").get()
    assert listing.status == Listing.Status.PENDING
    assert listing.published_at is None
    assert (listing.kind, listing.category, listing.postcode) == ("offer", "job_training", "6500")
    assert listing.description == "Pluk og pak.\nFra 15 timer om ugen."
    assert listing.show_company and listing.notify_matches
    assert listing.company.name == "Sønderjysk Emballage A/S"
    assert (listing.contact.name, listing.contact.email, listing.contact.phone) == (
        "Henrik Schmidt",
        "hs@emballage.example",
        "12 34 56 78",
    )
    assert listing.contact.company == listing.company
    mail = OutboxMessage.objects.get()
    assert mail.to == "hs@emballage.example"
    assert mail.subject == "Jeres opslag afventer godkendelse"
    assert "afventer godkendelse" in mail.body
    manage = reverse("partnerships:listing-manage", args=[listing.token])
    assert f"https://portal.example{manage}" in mail.body
    assert not Listing.objects.public().exists()
    page = client.get(response.url).content.decode()
    assert "venter nu på, at en medarbejder i kommunen godkender det" in page


def test_nothing_is_published_whatever_the_post_says(client):
    client.post(
        URL,
        listing_data(
            status="published", published_at="2026-01-01T00:00", reviewed_by="1", token="x" * 43
        ),
    )

    listing = Listing.objects.get()
    assert listing.status == Listing.Status.PENDING
    assert listing.published_at is None and listing.reviewed_by is None
    assert listing.token != "x" * 43
    assert (
        client.get(reverse("partnerships:listing-list")).content.decode().count(listing.title) == 0
    )
    assert client.get(listing.get_absolute_url()).status_code == 404


def test_a_known_company_is_used_and_not_changed(client):
    company = CompanyFactory(name="Det rigtige navn")
    client.post(URL, listing_data(cvr=company.cvr, company_name="Noget andet"))

    assert Listing.objects.get().company == company
    company.refresh_from_db()
    assert company.name == "Det rigtige navn"
    assert Company.objects.count() == 1


def test_an_invalid_cvr_gets_a_danish_message_and_keeps_what_was_typed(client):
    response = client.post(URL, listing_data(cvr="12345678"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ugyldigt CVR-nummer" in page
    assert "Vi kan tilbyde to praktikpladser på lageret" in page
    assert not Listing.objects.exists() and not Contact.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (0, "Vælg en dato efter i dag."),
        (-3, "Vælg en dato efter i dag."),
        (200, "Et opslag kan højst gælde et halvt år frem"),
    ],
)
def test_the_last_day_must_be_after_today_and_within_half_a_year(client, days, message):
    response = client.post(URL, listing_data(valid_until=in_days(days).isoformat()))

    assert message in response.content.decode()
    assert not Listing.objects.exists()


def test_the_furthest_day_allowed_is_named(client):
    from partnerships.exchange.services import latest_valid_until

    page = client.post(URL, listing_data(valid_until=in_days(400).isoformat())).content.decode()
    assert danish_date(latest_valid_until()) in page


def test_missing_fields_get_danish_messages(client):
    page = client.post(URL, listing_data(title="", kind="", postcode="61")).content.decode()

    assert "Skriv en overskrift." in page
    assert "Vælg, om I tilbyder eller søger noget." in page
    assert "Et dansk postnummer har 4 cifre" in page
    assert not Listing.objects.exists()


def test_the_same_form_posted_twice_makes_one_listing_and_one_mail(client):
    data = listing_data()
    first = client.post(URL, data)
    second = client.post(URL, data)

    assert first.status_code == second.status_code == 302
    assert Listing.objects.count() == 1
    assert Contact.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_the_honeypot_stores_nothing_and_says_thanks(client):
    response = client.post(URL, listing_data(website="http://spam.example"))

    assert response.status_code == 302
    assert not Listing.objects.exists() and not OutboxMessage.objects.exists()


def test_too_many_listings_from_one_address_get_a_429(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(URL, listing_data()).status_code == 302
    response = client.post(URL, listing_data())

    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.ENQUIRY_RATE_WINDOW)
    assert "Vi har fået mange henvendelser" in response.content.decode()
    assert Listing.objects.count() == 2


def test_control_characters_are_cleaned_from_the_text(client):
    client.post(URL, listing_data(title="Praktik\u202epå lager\x00", description="a\r\nb"))

    listing = Listing.objects.get()
    assert listing.title == "Praktikpå lager"
    assert listing.description == "a\nb"
