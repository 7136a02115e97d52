"""A company registers for a network meeting on its page: one form, one registration, no way to
take a seat that is not there or to register after the door has closed."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone
from icalendar import Calendar

from portal.notifications.models import OutboxMessage
from portal.registrations.forms import RegistrationForm
from portal.registrations.models import Registration
from portal.registry.models import Company
from tests.factories import CompanyFactory, RegistrationFactory, valid_cvr
from tests.network.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def registration(**changes) -> dict:
    """A filled-in form, each with its own one-time token (a fresh page load)."""
    return {
        "name": "Mette Hansen",
        "email": "mette@cafe-kanten.dk",
        "phone": "",
        "company_name": "Café Kanten",
        "cvr": "",
        "seats": "2",
        "needs": "Vegetar",
        "listed": "on",
        "form_token": RegistrationForm.new_form_token(),
        "website": "",
        **changes,
    }


@pytest.fixture
def meeting():
    return MeetingFactory(occasion__capacity=10, occasion__title="Rekruttering fra kanten")


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_a_registration_takes_seats_and_mails_the_confirmation_with_the_invitation(client, meeting):
    response = client.post(meeting.get_absolute_url(), registration())

    stored = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == stored.get_absolute_url()
    assert stored.occasion == meeting.occasion
    assert (stored.name, stored.email, stored.company_name) == (
        "Mette Hansen",
        "mette@cafe-kanten.dk",
        "Café Kanten",
    )
    assert (stored.seats, stored.needs, stored.listed, stored.language) == (
        2,
        "Vegetar",
        True,
        "da",
    )
    assert stored.status == Registration.Status.CONFIRMED
    [mail] = OutboxMessage.objects.filter(to="mette@cafe-kanten.dk")
    [attachment] = mail.attachments
    assert attachment["filename"].endswith(".ics")
    [event] = Calendar.from_ical(attachment["content"]).walk("VEVENT")
    assert str(event["summary"]) == "Rekruttering fra kanten"
    assert client.get(response.url).status_code == 200


def test_a_full_meeting_puts_the_party_on_the_waiting_list(client, meeting):
    RegistrationFactory(occasion=meeting.occasion, seats=10)

    response = client.post(meeting.get_absolute_url(), registration())

    stored = Registration.objects.get(email="mette@cafe-kanten.dk")
    assert response.status_code == 302
    assert stored.status == Registration.Status.WAITING
    assert stored.place_in_line() == 1


def test_the_same_form_posted_twice_is_one_registration(client, meeting):
    data = registration()

    first = client.post(meeting.get_absolute_url(), data)
    second = client.post(meeting.get_absolute_url(), data)

    assert Registration.objects.count() == 1
    assert first.url == second.url == Registration.objects.get().get_absolute_url()


def test_an_english_page_registers_in_english(client, meeting):
    response = client.post(f"/en/netvaerk/moeder/{meeting.pk}/", registration())

    stored = Registration.objects.get()
    assert response.status_code == 302
    assert stored.language == "en"


def test_an_existing_company_is_linked_and_an_unknown_cvr_makes_a_draft(client, meeting):
    company = CompanyFactory(cvr=valid_cvr(1), name="Café Kanten ApS")

    client.post(meeting.get_absolute_url(), registration(cvr=valid_cvr(1)))
    client.post(
        meeting.get_absolute_url(),
        registration(email="ole@cykel.dk", cvr=valid_cvr(2), company_name="Cykelkælderen"),
    )

    assert Registration.objects.get(email="mette@cafe-kanten.dk").company == company
    draft = Company.objects.get(cvr=valid_cvr(2))
    assert Registration.objects.get(email="ole@cykel.dk").company == draft
    assert draft.name == "Cykelkælderen"


# Bad input: a Danish message, what was typed kept, nothing written ---------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cvr": "12345678"}, "Ugyldigt CVR-nummer"),
        ({"cvr": "12 34"}, "Ugyldigt CVR-nummer"),
        ({"email": "mette@cafe"}, "Skriv en gyldig e-mail-adresse"),
        ({"email": ""}, "Skriv din e-mail-adresse, så vi kan sende dig bekræftelsen."),
        ({"seats": "5"}, "Der kan højst tilmeldes 4 deltagere ad gangen."),
        ({"seats": "0"}, "Skriv, hvor mange I kommer (mindst 1)."),
        ({"name": ""}, "Skriv dit navn."),
    ],
    ids=["cvr-checksum", "cvr-short", "email", "no-email", "too-many", "none", "no-name"],
)
def test_bad_input_is_refused_next_to_the_field_and_keeps_what_was_typed(
    client, meeting, changes, message
):
    response = client.post(meeting.get_absolute_url(), registration(**changes))

    assert response.status_code == 200
    text = _text(response)
    assert message in text
    assert "error-summary" in response.content.decode()
    assert response.content.decode().count(message) >= 2  # in the summary and at the field
    assert "Fejl:" in text.split("–")[0]
    assert 'value="Café Kanten"' in response.content.decode()
    assert "Vegetar" in text
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert not Company.objects.exists()


def test_a_second_registration_with_the_same_address_mails_the_link_again(client, meeting):
    existing = RegistrationFactory(occasion=meeting.occasion, email="mette@cafe-kanten.dk")

    response = client.post(
        meeting.get_absolute_url(), registration(email="Mette@Cafe-Kanten.dk", seats="1")
    )

    assert response.status_code == 200
    assert "Tjek din e-mail" in _text(response)
    # The page never says whether the address was registered.
    assert "allerede" not in _text(response)
    assert Registration.objects.count() == 1
    [mail] = OutboxMessage.objects.all()
    assert mail.to == "mette@cafe-kanten.dk"
    assert existing.token in mail.body


def test_the_honeypot_answers_check_your_email_and_stores_nothing(client, meeting):
    response = client.post(meeting.get_absolute_url(), registration(website="http://spam.example"))

    assert response.status_code == 200
    assert "Tjek din e-mail" in _text(response)
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


# A meeting one cannot register for -----------------------------------------------------------


def _closed():
    starts = timezone.now() + datetime.timedelta(days=2)
    return MeetingFactory(
        occasion__starts_at=starts,
        occasion__ends_at=starts + datetime.timedelta(hours=3),
        occasion__registration_deadline=timezone.now() - datetime.timedelta(hours=1),
    )


def _cancelled():
    meeting = MeetingFactory(occasion__cancellation_reason="Oplægsholderen er blevet syg.")
    meeting.occasion.cancelled_at = timezone.now()
    meeting.occasion.save()
    return meeting


def _past():
    starts = timezone.now() - datetime.timedelta(days=3)
    return MeetingFactory(
        occasion__starts_at=starts,
        occasion__ends_at=starts + datetime.timedelta(hours=3),
        occasion__registration_deadline=starts - datetime.timedelta(days=7),
    )


def _begun():
    starts = timezone.now() - datetime.timedelta(hours=1)
    return MeetingFactory(
        occasion__starts_at=starts,
        occasion__ends_at=starts + datetime.timedelta(hours=3),
        occasion__registration_deadline=starts - datetime.timedelta(days=7),
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_closed, "Tilmeldingen er lukket"),
        (_cancelled, "Mødet er aflyst"),
        (_past, "Mødet er afholdt"),
        (_begun, "Mødet er i gang"),
    ],
    ids=["deadline-passed", "cancelled", "past", "begun"],
)
def test_a_meeting_that_is_not_open_says_why_and_refuses_a_post(client, make, message):
    meeting = make()

    page = client.get(meeting.get_absolute_url())
    posted = client.post(meeting.get_absolute_url(), registration())

    assert page.status_code == 200
    assert message in _text(page)
    assert '<form method="post"' not in page.content.decode()
    assert posted.status_code == 409
    assert message in _text(posted)
    assert "Din tilmelding er ikke modtaget" in _text(posted)
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_cancelled_meeting_gives_the_reason(client):
    meeting = _cancelled()

    assert "Oplægsholderen er blevet syg." in _text(client.get(meeting.get_absolute_url()))


def test_an_unpublished_meeting_refuses_a_post_as_not_found(client):
    meeting = MeetingFactory(occasion__published=False)

    response = client.post(meeting.get_absolute_url(), registration())

    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_too_many_new_registrations_from_one_place_are_refused_for_a_while(
    client, meeting, settings
):
    settings.REGISTRATION_RATE_LIMIT = 1
    client.post(meeting.get_absolute_url(), registration())

    response = client.post(meeting.get_absolute_url(), registration(email="ole@cykel.dk"))

    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.REGISTRATION_RATE_WINDOW
    assert 'value="ole@cykel.dk"' in response.content.decode()
    assert list(Registration.objects.values_list("email", flat=True)) == ["mette@cafe-kanten.dk"]
