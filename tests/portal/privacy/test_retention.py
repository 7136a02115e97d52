from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guidance.models import Enquiry, Outreach
from portal.cases.models import Case, CaseEvent
from portal.notifications.jobs import run_due_jobs
from portal.notifications.models import OutboxMessage
from portal.notifications.services import queue_email
from portal.privacy import services
from portal.privacy.models import PrivacyLogEntry
from portal.privacy.services import ANONYMISED, ANONYMISED_EMAIL
from portal.registry.models import Contact
from tests.factories import ContactFactory
from tests.portal.cases.factories import CaseFactory
from tests.portal.privacy.factories import closed_case

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(Case.objects.values().order_by("pk")),
        list(CaseEvent.objects.values().order_by("pk")),
        list(Contact.objects.values().order_by("pk")),
        list(OutboxMessage.objects.values().order_by("pk")),
        list(Enquiry.objects.values().order_by("pk")),
    )


def test_dry_run_changes_nothing_but_is_logged(manager):
    old = closed_case(years_ago=6)
    before = _snapshot()

    plan = services.dry_run_retention(by=manager)

    assert _snapshot() == before
    planned = {p.rule.kind: p for p in plan.rules}
    assert planned["closed_cases"].count == 1
    assert planned["closed_cases"].preview == [old]
    entry = PrivacyLogEntry.objects.get()
    assert entry.kind == PrivacyLogEntry.Kind.DRY_RUN
    assert entry.user == manager
    assert entry.counts["closed_cases"] == 1


def test_apply_anonymises_a_six_year_old_closed_case_and_keeps_its_statistics():
    case = closed_case(years_ago=6, kind=Case.Kind.GRANT)
    reference, closed_at, created_at, token = (
        case.reference,
        case.closed_at,
        case.created_at,
        case.public_token,
    )
    name = case.contact.name

    run = services.apply_retention()

    case.refresh_from_db()
    contact = Contact.objects.get(pk=case.contact_id)
    assert (contact.name, contact.email, contact.phone, contact.role) == (
        ANONYMISED,
        ANONYMISED_EMAIL,
        "",
        "",
    )
    assert set(case.events.exclude(text="").values_list("text", flat=True)) == {ANONYMISED}
    assert Enquiry.objects.get(case=case).message == ANONYMISED
    assert Enquiry.objects.get(case=case).topic == Enquiry.Topic.START
    messages = case.messages.all()
    assert messages and all(m.body == ANONYMISED and m.to == ANONYMISED_EMAIL for m in messages)
    assert case.subject == ANONYMISED
    assert case.anonymised_at is not None
    assert (case.reference, case.kind, case.status) == (reference, Case.Kind.GRANT, "closed")
    assert (case.closed_at, case.created_at) == (closed_at, created_at)
    assert case.public_token != token
    assert run.counts["closed_cases"] == 1
    # Nothing of the person is left in the history tables either.
    assert not Contact.history.filter(name=name).exists()
    assert not Case.history.exclude(subject=ANONYMISED).filter(id=case.pk).exists()
    assert not Enquiry.history.exclude(message=ANONYMISED).filter(case_id=case.pk).exists()


def test_recent_closed_open_and_held_cases_are_untouched(manager):
    recent = closed_case(years_ago=4)
    still_open = CaseFactory(created_at=timezone.now() - timedelta(days=365 * 7))
    held = closed_case(years_ago=8)
    services.set_legal_hold(case=held, on=True, reason="Verserende klagesag", by=manager)
    before = _snapshot()

    run = services.apply_retention()

    assert run.counts["closed_cases"] == 0
    assert _snapshot() == before
    for case in (recent, still_open, held):
        case.refresh_from_db()
        assert case.anonymised_at is None
        assert case.contact.email != ANONYMISED_EMAIL


def test_running_twice_changes_nothing_more():
    closed_case(years_ago=6)
    services.apply_retention()
    after_first = _snapshot()

    second = services.apply_retention()

    assert second.total == 0
    assert _snapshot() == after_first
    assert PrivacyLogEntry.objects.filter(kind=PrivacyLogEntry.Kind.RETENTION_RUN).count() == 2


def test_a_contact_with_another_kept_case_keeps_their_name():
    contact = ContactFactory(name="Mette Hansen")
    old = closed_case(years_ago=6, contact=contact)
    CaseFactory(contact=contact)

    services.apply_retention()

    old.refresh_from_db()
    contact.refresh_from_db()
    assert old.anonymised_at is not None
    assert contact.name == "Mette Hansen"


def test_old_mail_without_a_case_and_old_log_entries_are_deleted():
    old_mail = OutboxMessage.objects.create(
        to="mette@example.dk",
        subject="Påmindelse",
        body="Hej Mette",
        status=OutboxMessage.Status.SENT,
        created_at=timezone.now() - timedelta(days=400),
    )
    new_mail = OutboxMessage.objects.create(
        to="mette@example.dk", subject="Påmindelse", body="Hej", status="sent"
    )
    queued = OutboxMessage.objects.create(
        to="mette@example.dk",
        subject="Påmindelse",
        body="Hej",
        created_at=timezone.now() - timedelta(days=400),
    )
    old_entry = PrivacyLogEntry.objects.create(
        kind=PrivacyLogEntry.Kind.SUBJECT_REPORT,
        parameters={"email": "mette@example.dk"},
        created_at=timezone.now() - timedelta(days=365 * 6),
    )

    run = services.apply_retention()

    assert set(OutboxMessage.objects.all()) == {new_mail, queued}
    assert not OutboxMessage.objects.filter(pk=old_mail.pk).exists()
    assert not PrivacyLogEntry.objects.filter(pk=old_entry.pk).exists()
    assert (run.counts["outbox_messages"], run.counts["privacy_log"]) == (1, 1)


def test_old_mail_about_a_case_follows_the_case_and_mail_about_something_else_is_deleted():
    case = CaseFactory()
    about_company = queue_email(
        to="mette@example.dk", subject="Tilmelding", body="Hej", about=case.contact.company
    )
    OutboxMessage.objects.update(
        status=OutboxMessage.Status.SENT, created_at=timezone.now() - timedelta(days=400)
    )

    run = services.apply_retention()

    assert list(OutboxMessage.objects.all()) == list(case.messages.all())
    assert case.messages.exists()
    assert not OutboxMessage.objects.filter(pk=about_company.pk).exists()
    assert run.counts["outbox_messages"] == 1


def test_contacts_without_cases_are_anonymised_after_three_quiet_years():
    quiet = ContactFactory(name="Gammel Kontakt")
    recent = ContactFactory(name="Ny Kontakt")
    in_touch = ContactFactory(name="Kontakt Med Besøg")
    Contact.objects.filter(pk__in=[quiet.pk, recent.pk, in_touch.pk]).update(
        updated_at=timezone.now() - timedelta(days=365 * 4)
    )
    Contact.objects.filter(pk=recent.pk).update(updated_at=timezone.now())
    Outreach.objects.create(
        company=in_touch.company,
        contact=in_touch,
        channel=Outreach.Channel.PHONE,
        outcome=Outreach.Outcome.INTERESTED,
        date=timezone.localdate() - timedelta(days=30),
    )

    services.apply_retention()

    assert list(Contact.objects.filter(name=ANONYMISED)) == [quiet]


def test_the_nightly_job_applies_retention():
    case = closed_case(years_ago=6)

    assert "privacy.retention" in run_due_jobs()

    case.refresh_from_db()
    assert case.anonymised_at is not None
    entry = PrivacyLogEntry.objects.get()
    assert (entry.kind, entry.user) == (PrivacyLogEntry.Kind.RETENTION_RUN, None)


def test_legal_hold_needs_a_reason_and_is_journalled(manager):
    case = closed_case(years_ago=6)

    with pytest.raises(ValidationError):
        services.set_legal_hold(case=case, on=True, reason=" ", by=manager)
    services.set_legal_hold(case=case, on=True, reason="Retssag om tilskud", by=manager)

    case.refresh_from_db()
    assert case.legal_hold and case.legal_hold_reason == "Retssag om tilskud"
    note = case.events.latest("pk")
    assert (note.kind, note.author) == (CaseEvent.Kind.NOTE, manager)
    assert "Retssag om tilskud" in note.text

    services.set_legal_hold(case=case, on=False, by=manager)
    case.refresh_from_db()
    assert not case.legal_hold
    assert "ophævet" in case.events.latest("pk").text
