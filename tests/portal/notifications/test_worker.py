"""`manage.py run_worker` and the timed jobs it runs."""

import os
import signal
import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.cases.models import Case
from portal.notifications.jobs import Job, run_due_jobs, worker_jobs
from portal.notifications.models import OutboxMessage, ScheduledJob
from tests.portal.notifications.backends import HangingMailServer
from tests.portal.notifications.conftest import open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def job():
    """Register a job for one test only, with the apps' own jobs (retention …) set aside."""

    def register(name, func, every):
        worker_jobs.register(Job(name=name, run=func, every=every))

    with worker_jobs.only():
        yield register


# The worker manages its own database connections, as a process outside any request does, so
# these tests commit for real instead of running inside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_one_pass_sends_what_is_due(contact, mailoutbox):
    open_case(contact, kind=Case.Kind.GRANT)

    call_command("run_worker", "--once")

    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_stops_gracefully_on_sigterm(job, contact, mailoutbox):
    open_case(contact)
    previous = signal.getsignal(signal.SIGTERM)
    # The platform stops the worker while it is busy: it finishes the pass, then leaves.
    job("test.stop", lambda: os.kill(os.getpid(), signal.SIGTERM), timedelta(hours=1))

    call_command("run_worker", "--interval", "0.05")

    assert len(mailoutbox) == 1
    assert signal.getsignal(signal.SIGTERM) == previous


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("greet", [True, False], ids=["after-greeting", "before-greeting"])
def test_the_worker_stops_within_seconds_of_sigterm_while_the_mail_server_hangs(
    job, contact, settings, greet
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.NOTIFICATIONS_SMTP_TIMEOUT = 60
    case = open_case(contact)

    with HangingMailServer(greet=greet) as server:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port

        def stop_when_connected() -> None:
            if server.connected.wait(timeout=10):
                time.sleep(0.2)  # the worker is now waiting for the server's answer
                os.kill(os.getpid(), signal.SIGTERM)

        stopper = threading.Thread(target=stop_when_connected)
        stopper.start()
        started = time.monotonic()
        call_command("run_worker", "--interval", "0.05")
        elapsed = time.monotonic() - started
        stopper.join()

    assert server.connected.is_set()
    assert elapsed < 3
    # Back in the queue, the interrupted attempt not counted: the next worker sends it.
    message = case.messages.get()
    assert (message.status, message.attempts, message.claimed_by) == (
        OutboxMessage.Status.QUEUED,
        0,
        "",
    )
    assert message.sent_at is None


def test_a_job_runs_once_per_period(job):
    runs = []
    job("test.count", lambda: runs.append(1), timedelta(hours=1))
    now = timezone.now()

    assert run_due_jobs(now=now) == ["test.count"]
    assert run_due_jobs(now=now + timedelta(minutes=59)) == []
    assert run_due_jobs(now=now + timedelta(hours=1)) == ["test.count"]
    assert len(runs) == 2


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(job):
    runs = []

    def broken():
        OutboxMessage.objects.create(to="x@example.dk", subject="halvt", body="skrevet")
        raise RuntimeError("database of courses unavailable")

    job("test.broken", broken, timedelta(hours=1))
    job("test.fine", lambda: runs.append(1), timedelta(hours=1))

    assert run_due_jobs() == ["test.broken", "test.fine"]

    assert runs == [1]
    assert ScheduledJob.objects.get(name="test.broken").last_error == (
        "RuntimeError: database of courses unavailable"
    )
    # What the broken job wrote before failing is rolled back.
    assert not OutboxMessage.objects.exists()


def test_staff_see_the_outbox_and_filter_failed_messages(client, caseworker, contact):
    client.force_login(caseworker)
    case = open_case(contact)
    case.messages.update(status=OutboxMessage.Status.FAILED, attempts=8, last_error="SMTP nede")

    response = client.get(
        reverse("admin:notifications_outboxmessage_changelist"), {"status__exact": "failed"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "mette@example.dk" in page
    assert "SMTP nede" in page
    assert "Fejlet" in page
