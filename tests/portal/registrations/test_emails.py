"""The registrations' e-mails leave through the outbox, with the calendar file attached."""

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from portal.notifications.models import OutboxMessage
from portal.notifications.services import Attachment, queue_email, send_due_messages
from portal.registrations import services
from portal.registrations.models import Registration
from tests.factories import OccasionFactory
from tests.portal.notifications.backends import FlakyEmailBackend
from tests.portal.registrations.helpers import sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]


def test_an_outbox_message_is_sent_with_its_attachment(mailoutbox):
    queue_email(
        to="mette@example.dk",
        subject="Invitation",
        body="Se vedhæftet.",
        attachments=[Attachment("invitation.ics", "text/calendar", "BEGIN:VCALENDAR\r\n")],
    )

    assert send_due_messages() == 1

    [email] = mailoutbox
    assert email.to == ["mette@example.dk"]
    [(filename, content, mimetype)] = email.attachments
    assert (filename, content, mimetype) == (
        "invitation.ics",
        "BEGIN:VCALENDAR\r\n",
        "text/calendar",
    )


def test_the_confirmation_leaves_with_a_calendar_invitation_that_parses(mailoutbox):
    occasion = OccasionFactory(title="Netværksmøde")
    registration = sign_up(occasion, 1)

    send_due_messages()

    [email] = mailoutbox
    assert email.to == [registration.email]
    assert email.subject == "Du er tilmeldt: Netværksmøde"
    assert f"/tilmelding/{registration.token}/" in email.body
    [(filename, content, mimetype)] = email.attachments
    assert (filename, mimetype) == ("invitation.ics", "text/calendar")
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Netværksmøde"
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


def test_a_failed_email_never_loses_the_registration(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.portal.notifications.backends.FlakyEmailBackend"
    FlakyEmailBackend.failures = 1
    try:
        registration = sign_up(OccasionFactory(), 1)

        assert send_due_messages() == 0
    finally:
        FlakyEmailBackend.failures = 0

    assert Registration.objects.get() == registration
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.QUEUED
    assert "421" in message.last_error
    assert send_due_messages(now=message.next_attempt_at) == 1
    assert len(mailoutbox) == 1 and len(mailoutbox[0].attachments) == 1


def test_a_rule_broken_while_registering_queues_nothing():
    occasion = OccasionFactory(max_seats_per_registration=1)

    with pytest.raises(ValidationError):
        sign_up(occasion, 1, seats=2)

    assert not OutboxMessage.objects.exists()


def test_a_staff_message_goes_to_the_seat_holders_in_their_language(caseworker):
    occasion = OccasionFactory(capacity=1)
    holder = sign_up(occasion, 1, language="en")
    waiting = sign_up(occasion, 2)

    sent = services.message_registered(
        occasion=occasion, subject="Husk madpakke", body="Vi mødes ved indgangen.", by=caseworker
    )

    assert sent.recipients == 1
    message = OutboxMessage.objects.filter(subject="Husk madpakke").get()
    assert message.to == holder.email
    assert "Vi mødes ved indgangen." in message.body
    assert message.body.startswith("Dear ")
    assert not OutboxMessage.objects.filter(subject="Husk madpakke", to=waiting.email).exists()
