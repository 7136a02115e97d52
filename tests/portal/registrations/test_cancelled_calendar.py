"""After cancelling, the person's calendar entry says so, and the page says what happens next."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.registrations import services
from tests.factories import OccasionFactory
from tests.portal.registrations.helpers import (
    event_of,
    invitation,
    mails_to,
    occasion_starting_in,
    sign_up,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]


def test_the_cancellation_mail_marks_the_calendar_entry_cancelled_one_version_on():
    occasion = OccasionFactory(capacity=2)
    registration = sign_up(occasion, 1)
    confirmation = invitation(mails_to(registration.email)[-1])

    services.cancel_registration(registration=registration)

    cancellation = invitation(mails_to(registration.email)[-1])
    assert str(cancellation["UID"]) == str(confirmation["UID"])
    assert str(cancellation["STATUS"]) == "CANCELLED"
    assert int(cancellation["SEQUENCE"]) == int(confirmation["SEQUENCE"]) + 1


def test_the_calendar_file_follows_the_registration(client):
    occasion = OccasionFactory(capacity=1)
    confirmed = sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)
    ics = reverse("registrations:registration-ics", args=[waiting.token])

    assert client.get(ics).status_code == 404  # no seat yet, nothing to put in a calendar

    services.cancel_registration(registration=confirmed)
    response = client.get(reverse("registrations:registration-ics", args=[confirmed.token]))
    assert str(event_of(response.content)["STATUS"]) == "CANCELLED"
    assert str(event_of(client.get(ics).content)["STATUS"]) == "CONFIRMED"


def test_a_party_larger_than_the_whole_capacity_is_refused_instead_of_waiting_for_ever():
    occasion = OccasionFactory(capacity=3, max_seats_per_registration=4)

    with pytest.raises(ValidationError) as refused:
        sign_up(occasion, 1, seats=4)

    assert refused.value.message_dict["seats"] == ["Der er kun 3 pladser i alt."]
    assert not occasion.registrations.exists()


def test_cancelling_twice_says_so_only_once(client):
    registration = sign_up(OccasionFactory(), 1)
    cancel = reverse("registrations:registration-cancel", args=[registration.token])

    first = client.post(cancel, follow=True).content.decode()
    second = client.post(cancel, follow=True).content.decode()

    assert "Du er afmeldt. Vi har sendt dig en bekræftelse." in first
    assert "Vi har sendt dig en bekræftelse." not in second
    assert len(mails_to(registration.email)) == 2  # the confirmation and one cancellation


def test_inside_the_promotion_stop_the_cancel_page_promises_no_handover(client):
    registration = sign_up(occasion_starting_in(12), 1)

    page = client.get(reverse("registrations:registration-cancel", args=[registration.token]))

    text = page.content.decode()
    assert "går videre til den første på ventelisten" not in text
    assert "Vi giver pladsen videre, hvis vi kan nå det." in text


def test_the_waiting_list_mail_offers_no_calendar_invitation_it_does_not_carry():
    occasion = OccasionFactory(capacity=1)
    sign_up(occasion, 1)
    waiting = sign_up(occasion, 2)

    [message] = mails_to(waiting.email)

    assert message.attachments == []
    assert "hent kalenderinvitationen" not in message.body
    assert "Se din tilmelding eller afmeld dig her." in message.body
