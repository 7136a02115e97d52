"""The outbox: a submission never waits for, or is lost with, the mail server."""

import logging
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage
from portal.notifications.selectors import messages_about
from portal.notifications.services import (
    CLAIM_TIMEOUT,
    backoff,
    claim_due_messages,
    claim_message,
    mail_connection,
    queue_email,
    retry_message,
    send_due_messages,
)
from tests.concurrency import at_once
from tests.factories import CompanyFactory
from tests.portal.notifications.backends import FlakyEmailBackend, HangingMailServer
from tests.portal.notifications.conftest import open_case

pytestmark = pytest.mark.django_db


def fail(message: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED, attempts=8, last_error="SMTPException: nede"
    )


def test_a_mail_server_that_is_down_loses_neither_the_case_nor_the_email(
    contact, mail_server_down_for, mailoutbox
):
    mail_server_down_for(1)
    case = open_case(contact)
    message = case.messages.get()
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
    fail(message)
    message.refresh_from_db()

    retry_message(message=message)

    assert send_due_messages() == 1
    assert len(mailoutbox) == 1


def test_a_retried_message_gets_a_fresh_set_of_attempts(
    contact, mail_server_down_for, mailoutbox, settings
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    mail_server_down_for(100)
    message = open_case(contact).messages.get()
    later = timezone.now() + timedelta(days=1)
    send_due_messages(now=later)
    send_due_messages(now=later + timedelta(hours=1))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.FAILED, 2)

    retry_message(message=message)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.QUEUED, 0)
    assert message.next_attempt_at <= timezone.now()
    assert message.delivery_status == "I kø"
    # A new failure is the first of a new round, not the one that gives up.
    send_due_messages()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.QUEUED, 1)


def test_only_failed_messages_can_be_sent_again(contact):
    with pytest.raises(ValidationError):
        retry_message(message=open_case(contact).messages.get())


def test_send_again_in_the_outbox_list_queues_failed_messages_with_new_attempts(
    client, caseworker, contact
):
    message = open_case(contact).messages.get()
    fail(message)
    client.force_login(caseworker)

    response = client.post(
        reverse("admin:notifications_outboxmessage_changelist"),
        {"action": "retry", "_selected_action": [message.pk]},
        follow=True,
    )

    assert "1 e-mail er sat i kø igen." in response.content.decode()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.QUEUED, 0)


def test_a_claimed_message_is_not_sent_by_a_second_worker(contact, mailoutbox):
    open_case(contact)
    now = timezone.now()

    claimed = claim_due_messages(batch_size=10, now=now)  # the first worker, still sending

    assert len(claimed) == 1
    assert claimed[0].status == OutboxMessage.Status.SENDING
    assert send_due_messages(now=now + timedelta(seconds=5)) == 0
    assert mailoutbox == []


def test_of_two_workers_claiming_the_same_message_only_the_first_gets_it(contact):
    message = open_case(contact).messages.get()
    now = timezone.now()

    # Both workers saw the message as due; each now tries to claim it.
    assert claim_message(pk=message.pk, worker="worker-a", now=now)
    assert not claim_message(pk=message.pk, worker="worker-b", now=now + timedelta(seconds=1))

    message.refresh_from_db()
    assert (message.claimed_by, message.attempts) == ("worker-a", 1)


def test_a_claim_abandoned_by_a_dead_worker_is_taken_again(contact, mailoutbox):
    open_case(contact)
    now = timezone.now()
    claim_due_messages(batch_size=10, now=now)  # and then the worker died

    assert send_due_messages(now=now + CLAIM_TIMEOUT - timedelta(seconds=1)) == 0
    assert send_due_messages(now=now + CLAIM_TIMEOUT + timedelta(seconds=1)) == 1
    assert len(mailoutbox) == 1


class SlowMailServer(FlakyEmailBackend):
    """Takes so long that the claim times out and another worker takes the message meanwhile."""

    def send_messages(self, messages):
        message = OutboxMessage.objects.get()
        later = message.claimed_at + CLAIM_TIMEOUT + timedelta(seconds=1)
        assert claim_message(pk=message.pk, worker="the-other-worker", now=later)
        return super().send_messages(messages)


def test_a_worker_whose_claim_was_taken_over_does_not_mark_the_message_sent(
    contact, mailoutbox, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.portal.notifications.test_outbox.SlowMailServer"
    case = open_case(contact)

    with caplog.at_level(logging.WARNING, logger="portal.notifications.services"):
        assert send_due_messages() == 0

    message = case.messages.get()
    assert message.status == OutboxMessage.Status.SENDING
    assert message.claimed_by == "the-other-worker"
    assert message.sent_at is None
    assert not case.events.filter(kind=CaseEvent.Kind.EMAIL_SENT).exists()
    assert "passed to another worker" in caplog.text


def test_batch_size_limits_one_pass(contact, mailoutbox):
    for _ in range(3):
        open_case(contact)
    assert send_due_messages(batch_size=2) == 2
    assert send_due_messages(batch_size=2) == 1
    assert len(mailoutbox) == 3


def test_queue_email_renders_a_template_or_takes_a_text(mailoutbox):
    message = queue_email(to="a@example.dk", subject="Emne", body="Tekst", html_body="<p>Tekst</p>")
    send_due_messages()
    assert message.about is None
    assert mailoutbox[0].alternatives[0].content == "<p>Tekst</p>"
    with pytest.raises(ValidationError):
        queue_email(to="a@example.dk", subject="", body="")


def test_an_email_about_a_case_is_listed_with_the_case(contact):
    case = open_case(contact)
    reply = queue_email(to=contact.email, subject="Svar", body="Tekst", about=case)

    message = case.messages.get(subject__startswith="Vi har modtaget")
    assert message.about == case
    assert list(messages_about(case)) == [reply, message]
    assert list(case.messages.all()) == [reply, message]
    # A query joins from a message to its case, as the privacy report does.
    assert list(OutboxMessage.objects.filter(case__reference=case.reference)) == [reply, message]


def test_a_message_about_a_company_is_not_about_the_case_with_the_same_number(contact, mailoutbox):
    case = open_case(contact)
    about_company = queue_email(
        to=contact.email, subject="Tilmelding", body="Tekst", about=contact.company
    )
    # As if the company had the case's number: the type tells them apart, not the number.
    OutboxMessage.objects.filter(pk=about_company.pk).update(about_id=case.pk)

    assert about_company not in case.messages.all()
    assert not OutboxMessage.objects.filter(pk=about_company.pk, case__isnull=False).exists()
    assert send_due_messages() == 2
    # Only the case's own e-mail is written in its journal.
    assert list(
        case.events.filter(kind=CaseEvent.Kind.EMAIL_SENT).values_list("text", flat=True)
    ) == [f"Vi har modtaget din henvendelse ({case.reference}) (til mette@example.dk)"]


def test_an_email_can_be_about_something_other_than_a_case(contact, django_assert_num_queries):
    # A registration will do the same: whatever the message is about, its page can list it.
    company = CompanyFactory()
    message = queue_email(to=contact.email, subject="Tilmelding", body="Tekst", about=company)
    queue_email(to=contact.email, subject="Noget andet", body="Tekst", about=CompanyFactory())

    with django_assert_num_queries(1):
        assert list(messages_about(company)) == [message]
    assert OutboxMessage.objects.get(pk=message.pk).about == company


def test_the_mail_server_connection_times_out_well_before_a_claim_does(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

    assert mail_connection().timeout == settings.NOTIFICATIONS_SMTP_TIMEOUT
    assert timedelta(seconds=settings.NOTIFICATIONS_SMTP_TIMEOUT) * 10 < CLAIM_TIMEOUT


def test_a_hanging_mail_server_costs_one_attempt_not_the_worker(contact, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.NOTIFICATIONS_SMTP_TIMEOUT = 0.5
    message = open_case(contact).messages.get()

    with HangingMailServer() as server:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        started = time.monotonic()
        assert send_due_messages() == 0
        elapsed = time.monotonic() - started

    assert elapsed < 5
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.QUEUED, 1)
    assert "timed out" in message.last_error
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
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


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_workers_at_once_send_each_message_once(contact, mailoutbox):
    for _ in range(10):
        open_case(contact)

    counts = at_once(lambda _n: send_due_messages(batch_size=10), times=2)

    assert sum(counts) == 10
    assert sorted(m.subject for m in mailoutbox) == sorted(
        OutboxMessage.objects.values_list("subject", flat=True)
    )
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists()


def test_the_outbox_page_of_a_message_links_to_what_it_is_about(client, caseworker, contact):
    case = open_case(contact)
    message = case.messages.get()
    client.force_login(caseworker)

    page = client.get(
        reverse("admin:notifications_outboxmessage_change", args=[message.pk])
    ).content.decode()

    assert f'<a href="{reverse("admin:cases_case_change", args=[case.pk])}">' in page
    assert case.reference in page


def test_the_outbox_list_links_what_each_message_is_about_without_a_query_per_row(
    client, caseworker, contact, django_assert_num_queries
):
    client.force_login(caseworker)
    url = reverse("admin:notifications_outboxmessage_changelist")

    def create(n: int) -> None:
        for _ in range(n):
            open_case(contact)
            queue_email(to=contact.email, subject="Tilmelding", body="Tekst", about=contact.company)

    create(5)
    assert client.get(url).status_code == 200  # fills the caches: content types, sessions
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    create(45)

    with django_assert_num_queries(len(small)):
        page = client.get(url).content.decode()

    case = Case.objects.latest("pk")
    assert f'<a href="{reverse("admin:cases_case_change", args=[case.pk])}">' in page
    company_url = reverse("admin:registry_company_change", args=[contact.company.pk])
    assert f'<a href="{company_url}">' in page


def test_the_outbox_list_finds_the_emails_of_a_case_by_its_reference(client, caseworker, contact):
    case, other = open_case(contact), open_case(contact)
    client.force_login(caseworker)
    url = reverse("admin:notifications_outboxmessage_changelist")

    response = client.get(url, {"q": case.reference.lower()})
    found = response.context["cl"].result_list
    assert [message.about for message in found] == [case]

    # The list's filters still hold for what is found through the case.
    other.messages.update(status=OutboxMessage.Status.SENT)
    response = client.get(url, {"q": case.reference, "status__exact": "sent"})
    assert list(response.context["cl"].result_list) == []
    response = client.get(url, {"q": other.reference, "status__exact": "sent"})
    assert list(response.context["cl"].result_list) == list(other.messages.all())
