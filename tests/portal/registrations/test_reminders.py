"""send_reminders(): one reminder the day before to each confirmed registration, in their
language."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from portal.notifications.jobs import run_due_jobs, worker_jobs
from portal.notifications.models import OutboxMessage
from portal.registrations import services
from portal.registrations.models import Registration
from tests.factories import OccasionFactory, RegistrationFactory
from tests.portal.registrations.helpers import invitation, mails_to, occasion_starting_in, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]

THREE_DAYS_AGO = datetime.timedelta(days=3)


def _confirmed(occasion, email, **kwargs):
    return RegistrationFactory(
        occasion=occasion, email=email, confirmed_at=timezone.now() - THREE_DAYS_AGO, **kwargs
    )


def _reminders() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(subject__startswith="Påmindelse").order_by("pk"))


def test_the_reminder_goes_once_to_each_confirmed_registration_the_day_before():
    tomorrow = occasion_starting_in(20, title="Netværksmøde om rekruttering")
    confirmed = _confirmed(tomorrow, "kommer@example.dk")
    _confirmed(tomorrow, "venter@example.dk", waiting=True)
    _confirmed(tomorrow, "afmeldt@example.dk", status=Registration.Status.CANCELLED)
    # Got the seat an hour ago, inside the window: the confirmation just told them.
    RegistrationFactory(occasion=tomorrow, email="lige-nu@example.dk", confirmed_at=timezone.now())
    later = occasion_starting_in(24 * 5)
    _confirmed(later, "senere@example.dk")

    assert services.send_reminders() == 1
    assert services.send_reminders() == 0

    [reminder] = _reminders()
    assert reminder.to == "kommer@example.dk"
    assert reminder.subject == "Påmindelse: Netværksmøde om rekruttering"
    assert "Vi glæder os til at se dig til arrangementet" in reminder.body
    assert invitation(reminder)["SEQUENCE"] == 0
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None


def test_no_reminder_for_a_cancelled_or_unpublished_occasion():
    for occasion in (
        occasion_starting_in(20, cancelled_at=timezone.now()),
        occasion_starting_in(20, published=False),
        occasion_starting_in(-1),
    ):
        _confirmed(occasion, f"person{occasion.pk}@example.dk")

    assert services.send_reminders() == 0
    assert _reminders() == []


def test_the_reminder_job_run_twice_by_the_worker_queues_one_reminder():
    occasion = occasion_starting_in(20)
    _confirmed(occasion, "kommer@example.dk")
    job = worker_jobs.get("registrations.reminders")
    assert job is not None and job.run is services.send_reminders
    now = timezone.now()

    with worker_jobs.only(job):
        assert run_due_jobs(now=now) == ["registrations.reminders"]
        assert run_due_jobs(now=now) == []  # not due again within the hour
        assert run_due_jobs(now=now + datetime.timedelta(hours=2)) == ["registrations.reminders"]

    assert [message.to for message in _reminders()] == ["kommer@example.dk"]


def test_the_reminder_is_in_the_registrants_language():
    occasion = occasion_starting_in(20)
    english = _confirmed(occasion, "english@example.dk", name="Jane Doe", language="en")
    danish = _confirmed(occasion, "dansk@example.dk", name="Jens Hansen", language="da")

    services.send_reminders()

    [to_english] = mails_to(english.email)
    [to_danish] = mails_to(danish.email)
    # The English catalogue may not have this e-mail's own sentences yet (the translator runs
    # last); the greeting, sign-off, dates and the link are already in the registrant's language.
    assert to_english.body.startswith("Dear Jane Doe")
    assert "Kind regards" in to_english.body
    assert f"/en/tilmelding/{english.token}/" in to_english.body
    with translation.override("en"):
        weekday = date_format(timezone.localtime(occasion.starts_at), "l")
    assert weekday in to_english.body
    assert to_danish.body.startswith("Kære Jens Hansen")
    assert "Venlig hilsen" in to_danish.body
    assert f"/tilmelding/{danish.token}/" in to_danish.body
    assert "/en/" not in to_danish.body and "/da/" not in to_danish.body


def test_every_email_to_an_english_registrant_is_in_english():
    occasion = OccasionFactory(capacity=1)
    holder = sign_up(occasion, 1, language="en")
    waiting = sign_up(occasion, 2, language="en")
    services.cancel_registration(registration=holder)

    for registration in (holder, waiting):
        for message in mails_to(registration.email):
            assert message.body.startswith("Dear "), message.subject
            assert "Kind regards" in message.body
            assert "Kære" not in message.body


def test_after_the_occasion_moves_the_reminder_comes_the_day_before_the_new_date(caseworker):
    occasion = occasion_starting_in(20)
    registration = _confirmed(occasion, "kommer@example.dk")
    assert services.send_reminders() == 1
    new_start = occasion.starts_at + datetime.timedelta(days=7)
    services.update_occasion(
        occasion=occasion,
        by=caseworker,
        starts_at=new_start,
        ends_at=new_start + datetime.timedelta(hours=3),
    )

    queued = services.send_reminders(now=new_start - datetime.timedelta(hours=20))

    assert queued == 1
    assert len([m for m in mails_to(registration.email) if m.subject.startswith("Påmindelse")]) == 2


def test_a_reminder_is_not_sent_for_an_occasion_that_has_begun():
    occasion = occasion_starting_in(20)
    _confirmed(occasion, "kommer@example.dk")

    assert services.send_reminders(now=occasion.starts_at + datetime.timedelta(minutes=1)) == 0
