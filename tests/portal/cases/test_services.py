"""The case core as the caseworker and the enquirer notice it: references, workflow, journal."""

import zoneinfo
from datetime import UTC, date, datetime, timedelta
from itertools import product

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal.cases import services
from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage
from tests.concurrency import at_once
from tests.factories import ContactFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
Status = Case.Status
ALLOWED = {
    (Status.RECEIVED, Status.IN_PROGRESS),
    (Status.RECEIVED, Status.WAITING),
    (Status.RECEIVED, Status.CLOSED),
    (Status.IN_PROGRESS, Status.WAITING),
    (Status.IN_PROGRESS, Status.CLOSED),
    (Status.WAITING, Status.IN_PROGRESS),
    (Status.WAITING, Status.CLOSED),
    (Status.CLOSED, Status.IN_PROGRESS),
}
REFUSED = sorted(set(product(Status, Status)) - ALLOWED)


@pytest.fixture
def at(monkeypatch):
    """Set the clock: at(2026, 11, 27, 10) is 10:00 Danish time that day."""

    def set_clock(*args):
        moment = datetime(*args, tzinfo=COPENHAGEN)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_clock


def open_advice_case(contact, subject="Hjælp til opstart af en café"):
    return services.open_case(kind=Case.Kind.ADVICE, contact=contact, subject=subject)


def test_references_are_numbered_per_year_without_gaps(contact):
    year = timezone.localdate().year
    cases = [open_advice_case(contact) for _ in range(3)]
    assert [case.reference for case in cases] == [
        f"SØ-{year}-0001",
        f"SØ-{year}-0002",
        f"SØ-{year}-0003",
    ]


def test_a_rolled_back_case_gives_its_number_back(contact):
    year = timezone.localdate().year
    open_advice_case(contact)
    with pytest.raises(RuntimeError), transaction.atomic():
        open_advice_case(contact)
        raise RuntimeError("the enquiry form failed after opening the case")

    assert open_advice_case(contact).reference == f"SØ-{year}-0002"
    assert Case.objects.count() == 2
    assert CaseEvent.objects.count() == 2


def test_a_new_year_starts_at_0001(contact, at):
    at(2026, 12, 31, 23, 30)
    assert open_advice_case(contact).reference == "SØ-2026-0001"
    assert open_advice_case(contact).reference == "SØ-2026-0002"

    at(2027, 1, 1, 0, 5)
    assert open_advice_case(contact).reference == "SØ-2027-0001"


def test_the_year_is_the_danish_year(contact, monkeypatch):
    # 23:30 UTC on New Year's Eve is already 2027 in Haderslev.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert open_advice_case(contact).reference == "SØ-2027-0001"


def test_opening_a_case_sets_the_deadline_in_working_days(contact, at):
    at(2026, 12, 22, 9)
    case = open_advice_case(contact)
    assert case.deadline == date(2027, 1, 4)
    assert case.status == Status.RECEIVED


def test_the_first_answer_deadline_comes_from_settings(contact, at, settings):
    settings.CASES_FIRST_ANSWER_WORKING_DAYS = 10
    at(2026, 11, 27, 9)
    assert open_advice_case(contact).deadline == date(2026, 12, 11)


def test_a_case_answered_later_is_due_by_its_own_working_days(contact, at):
    # A grant application is answered by its decision, 30 working days on: not overdue after 5.
    at(2026, 12, 1, 9)
    case = services.open_case(
        kind=Case.Kind.GRANT,
        contact=contact,
        subject="Ansøgning om støtte: Café Kanten",
        answer_within_working_days=30,
    )
    assert case.deadline == date(2027, 1, 18)
    assert not Case.objects.overdue(date(2026, 12, 15)).filter(pk=case.pk).exists()


def test_opening_a_case_journals_it_and_leaves_the_receipt_to_the_form(contact, at):
    at(2026, 11, 27, 14)
    case = open_advice_case(contact)

    event = case.events.get()
    assert (event.kind, event.text, event.author) == (
        CaseEvent.Kind.STATUS_CHANGE,
        "Sagen er modtaget",
        None,
    )
    # Each public form queues its own receipt (portal.intake.queue_receipt).
    assert not OutboxMessage.objects.exists()


def test_the_same_submission_key_opens_one_case(contact):
    first = services.open_case(
        kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp", submission_key="formular-1"
    )
    again = services.open_case(
        kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp", submission_key="formular-1"
    )
    other = services.open_case(
        kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp", submission_key="formular-2"
    )

    assert again == first
    assert other != first
    assert Case.objects.count() == 2
    assert CaseEvent.objects.count() == 2


def test_cases_opened_without_a_submission_key_do_not_collide(contact):
    open_advice_case(contact)
    open_advice_case(contact)
    assert list(Case.objects.values_list("submission_key", flat=True)) == [None, None]


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_concurrent_calls_with_one_submission_key_open_one_case():
    contact = ContactFactory()

    def submit(_n: int) -> int:
        return services.open_case(
            kind=Case.Kind.ADVICE, contact=contact, subject="Hjælp", submission_key="samme"
        ).pk

    opened = at_once(submit, times=8)

    case = Case.objects.get()
    assert opened == [case.pk] * 8
    assert case.reference.endswith("-0001")  # the losers' numbers were given back


def test_the_status_link_is_unguessable(contact):
    tokens = {open_advice_case(contact).public_token for _ in range(5)}
    assert len(tokens) == 5
    assert all(len(token) >= 32 for token in tokens)


@pytest.mark.parametrize(("old", "new"), sorted(ALLOWED))
def test_allowed_status_change_is_journalled_and_mailed(old, new, caseworker):
    case = CaseFactory(status=old)
    OutboxMessage.objects.all().delete()

    event = services.change_status(case=case, to=new, by=caseworker, message="Vi ser på det.")

    case.refresh_from_db()
    assert case.status == new
    assert (event.old_status, event.new_status, event.author) == (old, new, caseworker)
    assert event.shared_with_enquirer
    assert (case.closed_at is not None) == (new == Status.CLOSED)
    mail = OutboxMessage.objects.get()
    assert mail.to == case.contact.email
    assert case.reference in mail.subject
    assert "Vi ser på det." in mail.body


@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_refused_status_change_writes_nothing(old, new, caseworker):
    case = CaseFactory(status=old)
    events, mails = case.events.count(), OutboxMessage.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.change_status(case=case, to=new, by=caseworker)

    assert refused.value.messages == [
        f"En sag med status »{Status(old).label}« kan ikke ændres til »{Status(new).label}«."
    ]
    case.refresh_from_db()
    assert case.status == old
    assert case.events.count() == events
    assert OutboxMessage.objects.count() == mails


def test_closed_case_cannot_wait_for_the_enquirer(caseworker):
    case = CaseFactory(status=Status.CLOSED)
    with pytest.raises(
        ValidationError, match="»Afsluttet« kan ikke ændres til »Afventer henvender«"
    ):
        services.change_status(case=case, to=Status.WAITING, by=caseworker)


def test_reopening_clears_the_closing_time(caseworker):
    case = CaseFactory()
    services.change_status(case=case, to=Status.CLOSED, by=caseworker)
    assert case.closed_at is not None

    services.change_status(case=case, to=Status.IN_PROGRESS, by=caseworker)
    case.refresh_from_db()
    assert case.closed_at is None


def test_status_change_checks_the_stored_status_not_a_stale_copy(caseworker):
    case = CaseFactory()
    stale = Case.objects.get(pk=case.pk)
    services.change_status(case=case, to=Status.CLOSED, by=caseworker)

    with pytest.raises(ValidationError):
        services.change_status(case=stale, to=Status.WAITING, by=caseworker)


def test_internal_status_change_sends_no_mail(caseworker):
    case = CaseFactory()
    OutboxMessage.objects.all().delete()

    event = services.change_status(
        case=case, to=Status.IN_PROGRESS, by=caseworker, share_with_enquirer=False
    )

    assert not event.shared_with_enquirer
    assert not OutboxMessage.objects.exists()


def test_assign_journals_who_took_the_case(caseworker):
    case = CaseFactory()
    services.assign(case=case, to=caseworker, by=caseworker)

    case.refresh_from_db()
    assert case.assignee == caseworker
    event = case.events.latest("created_at")
    assert (event.kind, event.text, event.author) == (
        CaseEvent.Kind.NOTE,
        "Sagen er tildelt Sara Sagsbehandler.",
        caseworker,
    )
    assert not event.shared_with_enquirer


def test_only_staff_can_be_assigned(caseworker, django_user_model):
    case = CaseFactory()
    not_staff = django_user_model.objects.create_user(username="borger")
    with pytest.raises(ValidationError, match="kun tildeles en medarbejder"):
        services.assign(case=case, to=not_staff, by=caseworker)
    case.refresh_from_db()
    assert case.assignee is None


def test_a_note_is_internal(caseworker):
    case = CaseFactory()
    mails = OutboxMessage.objects.count()

    note = services.add_note(case=case, text="Ringede, ingen svarede.", by=caseworker)

    assert (note.kind, note.author, note.shared_with_enquirer) == (
        CaseEvent.Kind.NOTE,
        caseworker,
        False,
    )
    assert OutboxMessage.objects.count() == mails


def test_a_reply_is_mailed_and_shared(caseworker):
    case = CaseFactory()

    event = services.reply(case=case, text="Kom forbi tirsdag kl. 10.", by=caseworker)

    assert (event.kind, event.shared_with_enquirer, event.author) == (
        CaseEvent.Kind.MESSAGE,
        True,
        caseworker,
    )
    mail = OutboxMessage.objects.latest("pk")
    assert mail.subject == f"Svar på din henvendelse ({case.reference})"
    assert "Kom forbi tirsdag kl. 10." in mail.body


def test_an_empty_reply_is_refused(caseworker):
    with pytest.raises(ValidationError, match="Skriv beskeden"):
        services.reply(case=CaseFactory(), text="  ", by=caseworker)


def test_status_changes_are_kept_in_the_history(caseworker):
    case = CaseFactory()
    services.change_status(case=case, to=Status.IN_PROGRESS, by=caseworker)
    assert [h.status for h in case.history.order_by("history_date")] == [
        Status.RECEIVED,
        Status.IN_PROGRESS,
    ]


def test_overdue_cases_are_open_cases_past_their_deadline():
    today = date(2026, 11, 27)
    yesterday = today - timedelta(days=1)
    late = CaseFactory(deadline=yesterday)
    late_in_progress = CaseFactory(deadline=yesterday, status=Status.IN_PROGRESS)
    CaseFactory(deadline=today)
    CaseFactory(deadline=yesterday, status=Status.WAITING)
    CaseFactory(deadline=yesterday, status=Status.CLOSED)

    assert set(Case.objects.overdue(today)) == {late, late_in_progress}
    assert Case.objects.open().count() == 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql  # SQLite serialises all writes: no lock to test
def test_concurrent_submissions_get_distinct_gap_free_references():
    contact = ContactFactory()
    year = timezone.localdate().year

    def submit(n: int) -> str:
        return services.open_case(
            kind=Case.Kind.ADVICE, contact=contact, subject=f"Henvendelse {n}"
        ).reference

    references = at_once(submit, times=20)

    assert sorted(references) == [f"SØ-{year}-{n:04d}" for n in range(1, 21)]


def test_an_anonymised_case_cannot_be_reopened(caseworker):
    case = CaseFactory(status=Case.Status.CLOSED, anonymised_at=timezone.now())
    with pytest.raises(ValidationError):
        services.change_status(case=case, to=Case.Status.IN_PROGRESS, by=caseworker)


def test_a_message_shown_to_the_enquirer_without_an_email(contact, caseworker):
    case = open_advice_case(contact)
    mails_before = OutboxMessage.objects.count()

    event = services.show_to_enquirer(
        case=case, text="  Afgørelsesbrevet er sendt.  ", by=caseworker
    )

    assert event.kind == CaseEvent.Kind.MESSAGE
    assert event.shared_with_enquirer
    assert event.text == "Afgørelsesbrevet er sendt."
    assert OutboxMessage.objects.count() == mails_before
    with pytest.raises(ValidationError):
        services.show_to_enquirer(case=case, text="   ", by=caseworker)
