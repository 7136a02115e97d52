"""A company asks to be listed: one REQUESTED entry, its contact, an e-mail with the removal
link, and nothing public until a caseworker approves it."""

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.directory import services
from partnerships.directory.forms import DirectoryRequestForm
from partnerships.models import DirectoryEntry
from portal.notifications.models import OutboxMessage
from portal.registry.models import Company, Contact
from tests.concurrency import at_once
from tests.factories import CompanyFactory, ContactFactory
from tests.partnerships.directory.conftest import request_data
from tests.partnerships.factories import DirectoryEntryFactory

pytestmark = pytest.mark.django_db

FORM = reverse("directory:request")
SENT = reverse("directory:request-sent")


def test_a_request_stores_a_waiting_entry_and_mails_the_removal_link(client):
    response = client.post(FORM, request_data(phone="12345678"))

    assert response.status_code == 302
    assert response.url == SENT
    entry = DirectoryEntry.objects.select_related("company", "contact").get()
    assert entry.status == DirectoryEntry.Status.REQUESTED
    assert entry.slug == "cafe-solsikken"
    assert (
        entry.description == "Vi driver en café ved havnen.\nKøkkenet er en arbejdsplads for unge."
    )
    assert entry.website == "https://solsikken.example"
    assert entry.consent_at is not None
    # A new company is drafted as a social-economy enterprise with the purposes ticked.
    company = entry.company
    assert (company.name, company.kind) == ("Café Solsikken", Company.Kind.SOCIAL_ECONOMY)
    assert company.purposes == ["Socialt", "Sundhed"]
    assert company.listing_consent is False
    assert (entry.contact.name, entry.contact.email, entry.contact.phone) == (
        "Mette Hansen",
        "mette@solsikken.example",
        "12 34 56 78",
    )
    assert entry.contact.company == company

    mail = OutboxMessage.objects.get()
    assert mail.to == "mette@solsikken.example"
    assert mail.about == entry
    assert f"/virksomheder/fjern/{entry.removal_token}/" in mail.body
    assert company.cvr in mail.body
    # Nothing the requester typed is repeated to the address they typed.
    assert "Solsikken" not in mail.body and "havnen" not in mail.body

    page = client.get(SENT).content.decode()
    assert "Vi har modtaget anmodningen" in page


def test_a_request_is_not_public_whatever_it_contains(client):
    client.post(FORM, request_data(status="listed", listing_consent="1"))
    entry = DirectoryEntry.objects.get()

    assert entry.status == DirectoryEntry.Status.REQUESTED
    assert "Solsikken" not in client.get(reverse("directory:entry-list")).content.decode()
    assert client.get(reverse("directory:entry-detail", args=[entry.slug])).status_code == 404
    search = client.get(reverse("pages:search"), {"q": "Solsikken"}).content.decode()
    assert entry.get_absolute_url() not in search


def test_an_invalid_cvr_gets_a_danish_message_and_nothing_is_stored(client):
    response = client.post(FORM, request_data(cvr="12345678"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ugyldigt CVR-nummer" in html
    assert "Vi driver en café ved havnen." in html  # what was typed is kept
    assert not DirectoryEntry.objects.exists()
    assert not Company.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_consent_is_required(client):
    data = request_data()
    del data["consent"]
    response = client.post(FORM, data)

    assert "Sæt kryds, hvis virksomheden må vises i oversigten." in response.content.decode()
    assert not DirectoryEntry.objects.exists()


def test_the_form_says_what_is_shown_and_that_consent_can_be_withdrawn(client):
    html = client.get(FORM).content.decode()
    assert "må vises i den offentlige virksomhedsoversigt" in html
    assert "til enhver tid trække samtykket tilbage fra linket, vi sender på e-mail" in html


def test_a_purpose_is_required(client):
    data = request_data()
    del data["purposes"]
    response = client.post(FORM, data)
    assert "Sæt kryds ved mindst ét formål." in response.content.decode()
    assert not DirectoryEntry.objects.exists()


def test_the_honeypot_stores_nothing_and_says_thanks(client):
    response = client.post(FORM, request_data(website="http://spam.example"))

    assert response.status_code == 200
    assert "Tak for jeres anmodning" in response.content.decode()
    assert not DirectoryEntry.objects.exists()
    assert not Company.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_same_form_posted_twice_makes_one_entry(client):
    data = request_data()
    first = client.post(FORM, data)
    second = client.post(FORM, data)

    assert first.url == second.url == SENT
    assert DirectoryEntry.objects.count() == 1
    assert Contact.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_many_new_requests_are_rate_limited_and_keep_what_was_typed(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    client.post(FORM, request_data())
    response = client.post(FORM, request_data(cvr="96100159", company_name="Anden ApS"))

    assert response.status_code == 429
    assert "Anden ApS" in response.content.decode()
    assert DirectoryEntry.objects.count() == 1


def test_a_listed_company_is_not_listed_twice_and_its_contact_gets_the_link_again(client):
    listed = DirectoryEntryFactory()
    response = client.post(
        FORM, request_data(cvr=listed.company.cvr, email="someone.else@example.dk")
    )

    assert response.url == SENT  # the same page: nobody learns that a request exists
    assert DirectoryEntry.objects.count() == 1
    listed.refresh_from_db()
    assert listed.status == DirectoryEntry.Status.LISTED
    assert listed.description != "Vi driver en café ved havnen."
    mail = OutboxMessage.objects.get()
    # To the contact on the entry, never to whoever typed the CVR number now.
    assert mail.to == listed.contact.email
    assert f"/virksomheder/fjern/{listed.removal_token}/" in mail.body
    assert "allerede" not in client.get(response.url).content.decode()


def test_a_waiting_request_is_not_duplicated(client):
    client.post(FORM, request_data())
    client.post(FORM, request_data(description="Nye tekster."))

    entry = DirectoryEntry.objects.get()
    assert entry.description != "Nye tekster."
    assert OutboxMessage.objects.count() == 2
    assert {m.to for m in OutboxMessage.objects.all()} == {"mette@solsikken.example"}


@pytest.mark.parametrize("status", [DirectoryEntry.Status.REMOVED, DirectoryEntry.Status.REJECTED])
def test_a_removed_or_rejected_company_may_ask_again_on_the_same_row(client, status):
    old = DirectoryEntryFactory(
        status=status, company__listing_consent=False, rejection_reason="For tidligt."
    )
    old_token = old.removal_token

    client.post(FORM, request_data(cvr=old.company.cvr, description="Nye tekster."))

    entry = DirectoryEntry.objects.get()
    assert entry.pk == old.pk and entry.slug == old.slug
    assert entry.status == DirectoryEntry.Status.REQUESTED
    assert entry.description == "Nye tekster."
    assert entry.rejection_reason == "" and entry.removed_at is None
    assert entry.contact.email == "mette@solsikken.example"
    assert entry.removal_token != old_token
    assert OutboxMessage.objects.get().to == "mette@solsikken.example"


def test_an_existing_company_is_not_changed_by_the_form(client):
    company = CompanyFactory(name="Registrerets Navn ApS", purpose_environment=True)
    client.post(FORM, request_data(cvr=company.cvr, company_name="Noget andet"))

    company.refresh_from_db()
    assert company.name == "Registrerets Navn ApS"
    assert company.purposes == ["Miljø"]
    assert DirectoryEntry.objects.get().slug == "registrerets-navn-aps"


def test_slugs_are_unique_and_never_the_directorys_own_addresses():
    DirectoryEntryFactory(slug="cafe-kernen")
    assert services.unique_slug("Café Kernen") == "cafe-kernen-2"
    assert services.unique_slug("Tilmeld") == "tilmeld-2"
    assert services.unique_slug("???") == "virksomhed"


def test_html_in_the_request_is_text_in_the_admin_and_the_mail(client, caseworker_client):
    client.post(
        FORM,
        request_data(
            company_name="<script>alert(1)</script>",
            description="<b>fed</b>",
            name="<i>Mette</i>",
        ),
    )
    entry = DirectoryEntry.objects.get()
    assert entry.description == "<b>fed</b>"  # stored as typed, shown as text

    html = caseworker_client.get(entry.get_admin_url()).content.decode()
    assert "<b>fed</b>" not in html
    assert "<script>alert(1)</script>" not in html
    mail = OutboxMessage.objects.get()
    assert mail.html_body == ""


def test_control_characters_are_cleaned(client):
    client.post(FORM, request_data(sells="Frokost\u202e og\x00 kage"))
    assert DirectoryEntry.objects.get().sells == "Frokost og kage"


def test_a_bad_token_is_refused_and_nothing_stored():
    form = DirectoryRequestForm(request_data(form_token="forfalsket"))
    assert not form.is_valid()
    assert "form_token" in form.errors


def test_the_contact_factory_is_untouched_by_requests():
    # A contact with the same e-mail elsewhere is not reused: each request has its own.
    ContactFactory(email="mette@solsikken.example")
    Client().post(FORM, request_data())
    assert Contact.objects.filter(email="mette@solsikken.example").count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_concurrent_posts_of_one_form_make_one_entry():
    data = request_data()

    responses = at_once(lambda _n: Client().post(FORM, data), times=2)

    assert [response.status_code for response in responses] == [302, 302]
    assert DirectoryEntry.objects.count() == 1
    assert Company.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_requests_for_one_new_company_at_once_make_one_entry():
    forms = [request_data(email=f"person{n}@solsikken.example") for n in range(2)]

    responses = at_once(lambda n: Client().post(FORM, forms[n]), times=2)

    assert [response.url for response in responses] == [SENT, SENT]
    assert DirectoryEntry.objects.count() == 1
    assert Company.objects.count() == 1
