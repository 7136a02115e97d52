"""The outbox: a submission never waits for, or is lost with, the mail server."""

import logging
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from portal.cases import services as cases
from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage
from portal.notifications.services import (
    CLAIM_TIMEOUT,
    backoff,
    claim_due_messages,
    queue_email,
    retry_message,
    send_due_messages,
)

pytestmark = pytest.mark.django_db


def open_case(contact) -> Case:
    return cases.open_case(kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp til opstart")


def test_a_mail_server_that_is_down_loses_neither_the_case_nor_the_email(
    contact, mail_server_down_for, mailoutbox
):
    mail_server_down_for(1)
    case = open_case(contact)
    message = OutboxMessage.objects.get(case=case)
    now = timezone.now()

    assert send_due_messages(now=now) == 0

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED
    assert message.attempts == 1
    assert message.next_attempt_at == now + timedelta(minutes=1)
    assert "421 Service not available" in message.last_error
    assert Case.objects.get(pk=case.pk).reference == case.reference
    assert mailoutbox == []

    # Not yet due: nothing happens.
    assert send_due_messages(now=now + timedelta(seconds=30)) == 0

    assert send_due_messages(now=now + timedelta(minutes=1)) == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at == now + timedelta(minutes=1)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["mette@example.dk"]
    assert case.reference in mailoutbox[0].subject
    assert send_due_messages(now=now + timedelta(hours=1)) == 0
    assert len(mailoutbox) == 1


def test_the_journal_records_when_the_email_was_sent(contact, mailoutbox):
    case = open_case(contact)
    send_due_messages()
    event = case.events.get(kind=CaseEvent.Kind.EMAIL_SENT)
    assert (
        event.text == f"Vi har modtaget din henvendelse ({case.reference}) (til mette@example.dk)"
    )


def test_a_rolled_back_submission_sends_nothing(contact, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        open_case(contact)
        raise RuntimeError("the enquiry failed")

    assert not OutboxMessage.objects.exists()
    assert send_due_messages() == 0
    assert mailoutbox == []


def test_backoff_doubles_and_is_capped():
    assert [backoff(n) for n in range(1, 6)] == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16)]
    assert backoff(30) == timedelta(hours=4)


def test_after_max_attempts_the_message_fails_and_staff_are_told(
    contact, mail_server_down_for, mailoutbox, settings, caplog
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    mail_server_down_for(100)
    case = open_case(contact)
    now = timezone.now()

    with caplog.at_level(logging.WARNING, logger="portal.notifications.services"):
        for _ in range(5):
            send_due_messages(now=now)
            now += timedelta(hours=1)

    message = case.messages.get()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 3
    assert message.delivery_status == (
        "Fejlet — 3 forsøg: SMTPException: 421 Service not available"
    )
    assert [r.levelname for r in caplog.records] == ["WARNING", "WARNING", "ERROR"]
    assert mailoutbox == []


def test_staff_can_send_a_failed_message_again(contact, mailoutbox):
    message = open_case(contact).messages.get()
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.FAILED)
    message.refresh_from_db()

    retry_message(message=message)

    assert send_due_messages() == 1
    assert len(mailoutbox) == 1


def test_only_failed_messages_can_be_sent_again(contact):
    with pytest.raises(ValidationError):
        retry_message(message=open_case(contact).messages.get())


def test_a_claimed_message_is_not_sent_by_a_second_worker(contact, mailoutbox):
    open_case(contact)
    now = timezone.now()

    claimed = claim_due_messages(batch_size=10, now=now)  # the first worker, still sending

    assert len(claimed) == 1
    assert claimed[0].status == OutboxMessage.Status.SENDING
    assert send_due_messages(now=now + timedelta(seconds=5)) == 0
    assert mailoutbox == []


def test_a_claim_abandoned_by_a_dead_worker_is_taken_again(contact, mailoutbox):
    open_case(contact)
    now = timezone.now()
    claim_due_messages(batch_size=10, now=now)  # and then the worker died

    assert send_due_messages(now=now + CLAIM_TIMEOUT - timedelta(seconds=1)) == 0
    assert send_due_messages(now=now + CLAIM_TIMEOUT + timedelta(seconds=1)) == 1
    assert len(mailoutbox) == 1


def test_batch_size_limits_one_pass(contact, mailoutbox):
    for _ in range(3):
        open_case(contact)
    assert send_due_messages(batch_size=2) == 2
    assert send_due_messages(batch_size=2) == 1
    assert len(mailoutbox) == 3


def test_queue_email_renders_a_template_or_takes_a_text(mailoutbox):
    message = queue_email(to="a@example.dk", subject="Emne", body="Tekst", html_body="<p>Tekst</p>")
    send_due_messages()
    assert message.case is None
    assert mailoutbox[0].alternatives[0].content == "<p>Tekst</p>"
    with pytest.raises(ValidationError):
        queue_email(to="a@example.dk", subject="", body="")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SKIP LOCKED needs PostgreSQL row locks"
)
def test_a_row_locked_by_another_worker_is_skipped_not_waited_for(contact, mailoutbox):
    message = open_case(contact).messages.get()
    locked, release = threading.Event(), threading.Event()

    def other_worker() -> None:
        try:
            with transaction.atomic():
                OutboxMessage.objects.select_for_update().get(pk=message.pk)
                locked.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(timeout=10)
        assert send_due_messages() == 0
        assert mailoutbox == []
    finally:
        release.set()
        thread.join()

    assert send_due_messages() == 1
    assert len(mailoutbox) == 1
