"""`manage.py run_worker` and the timed jobs it runs."""

import os
import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.cases import services as cases
from portal.cases.models import Case
from portal.notifications import jobs
from portal.notifications.jobs import register_job, run_due_jobs, unregister_job
from portal.notifications.models import OutboxMessage, ScheduledJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(monkeypatch):
    """register_job for one test only, with the apps' own jobs (retention …) set aside."""
    monkeypatch.setattr(jobs, "_jobs", {})
    names = []

    def register(name, func, every):
        names.append(name)
        register_job(name, func, every=every)

    yield register
    for name in names:
        unregister_job(name)


# The worker manages its own database connections, as a process outside any request does, so
# these tests commit for real instead of running inside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_one_pass_sends_what_is_due(contact, mailoutbox):
    cases.open_case(kind=Case.Kind.GRANT, contact=contact, subject="Startstøtte")

    call_command("run_worker", "--once")

    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_stops_gracefully_on_sigterm(job, contact, mailoutbox):
    cases.open_case(kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp")
    previous = signal.getsignal(signal.SIGTERM)
    # The platform stops the worker while it is busy: it finishes the pass, then leaves.
    job("test.stop", lambda: os.kill(os.getpid(), signal.SIGTERM), timedelta(hours=1))

    call_command("run_worker", "--interval", "0.05")

    assert len(mailoutbox) == 1
    assert signal.getsignal(signal.SIGTERM) == previous


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
    case = cases.open_case(kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp")
    case.messages.update(status=OutboxMessage.Status.FAILED, attempts=8, last_error="SMTP nede")

    response = client.get(
        reverse("admin:notifications_outboxmessage_changelist"), {"status__exact": "failed"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "mette@example.dk" in page
    assert "SMTP nede" in page
    assert "Fejlet" in page
