"""A case keeps its first answer (when, after how many working days, whether within the
deadline), so the dashboard can count answers in the database."""

import importlib
from datetime import UTC, date, datetime, timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from portal.cases import services
from portal.cases.models import Case, CaseEvent
from portal.dashboard.periods import COPENHAGEN
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("portal.cases.migrations.0009_backfill_first_answer").backfill


def copenhagen(*args) -> datetime:
    return datetime(*args, tzinfo=COPENHAGEN)


def facts(case: Case) -> tuple:
    case.refresh_from_db()
    return case.first_answer_at, case.first_answer_workdays, case.first_answer_in_time


def test_the_first_reply_records_the_first_answer(caseworker):
    case = CaseFactory()

    event = services.reply(case=case, text="Tak for din henvendelse.", by=caseworker)

    # Answered the day it came in: 0 working days, well within the deadline.
    assert facts(case) == (event.created_at, 0, True)


def test_a_second_reply_changes_nothing(caseworker):
    case = CaseFactory()
    first = services.reply(case=case, text="Tak, vi vender tilbage.", by=caseworker)
    recorded = facts(case)

    services.reply(case=case, text="Her er svaret på dit spørgsmål.", by=caseworker)

    assert facts(case) == recorded == (first.created_at, 0, True)


def test_a_reply_after_the_deadline_is_not_in_time(caseworker):
    case = CaseFactory(deadline=timezone.localdate() - timedelta(days=1))
    services.reply(case=case, text="Undskyld ventetiden.", by=caseworker)
    assert facts(case)[2] is False


def test_a_decision_shown_to_the_applicant_is_a_first_answer(caseworker):
    case = CaseFactory(kind=Case.Kind.GRANT)

    event = services.show_to_enquirer(case=case, text="Der er truffet afgørelse.", by=caseworker)

    assert facts(case)[0] == event.created_at


def test_a_message_with_a_new_status_is_a_first_answer_and_a_bare_status_change_is_not(
    caseworker,
):
    bare = CaseFactory()
    services.change_status(case=bare, to=Case.Status.IN_PROGRESS, by=caseworker)
    unshared = CaseFactory()
    services.change_status(
        case=unshared,
        to=Case.Status.IN_PROGRESS,
        by=caseworker,
        message="Intern bemærkning",
        share_with_enquirer=False,
    )
    with_message = CaseFactory()
    services.work_on_case(
        case=with_message,
        by=caseworker,
        new_status=Case.Status.WAITING,
        message="Kan du sende os jeres budget?",
    )

    assert facts(bare) == (None, None, None)
    assert facts(unshared) == (None, None, None)
    event = with_message.events.get(new_status=Case.Status.WAITING)
    assert facts(with_message) == (event.created_at, 0, True)


@pytest.mark.parametrize(
    ("received", "answered_at", "deadline", "workdays", "in_time"),
    [
        # Wednesday before Easter 2026 to the Tuesday after: Maundy Thursday, Good Friday, the
        # weekend and Easter Monday are no working days, so 1.
        (copenhagen(2026, 4, 1, 10), copenhagen(2026, 4, 7, 9), date(2026, 4, 13), 1, True),
        # Thursday 4 June to Monday 8 June: Grundlovsdag (the municipality is closed) and the
        # weekend do not count, so 1.
        (copenhagen(2026, 6, 4, 10), copenhagen(2026, 6, 8, 9), date(2026, 6, 11), 1, True),
        # Friday to Friday: 5 working days, on the deadline itself: in time.
        (copenhagen(2026, 3, 6, 15), copenhagen(2026, 3, 13, 15), date(2026, 3, 13), 5, True),
        # 23:30 UTC on Monday 2 March is 00:30 on Tuesday in Copenhagen: 1 day, a day late.
        (
            copenhagen(2026, 3, 2, 10),
            datetime(2026, 3, 2, 23, 30, tzinfo=UTC),
            date(2026, 3, 2),
            1,
            False,
        ),
    ],
)
def test_working_days_to_the_first_answer_in_copenhagen_time(
    received, answered_at, deadline, workdays, in_time
):
    case = CaseFactory(created_at=received, deadline=deadline)

    assert services.record_first_answer(case, answered_at) is True

    assert facts(case) == (answered_at, workdays, in_time)
    assert services.record_first_answer(case, answered_at + timedelta(days=1)) is False
    assert facts(case) == (answered_at, workdays, in_time)


def test_the_migration_backfills_the_first_message_shown_to_the_enquirer():
    # Received Friday 6 March 2026; a note on Monday, the first message on Wednesday 11 March
    # (3 working days), another on Friday 13 March.
    answered = CaseFactory(created_at=copenhagen(2026, 3, 6, 9), deadline=date(2026, 3, 10))
    for kind, shared, day in [
        (CaseEvent.Kind.NOTE, False, 9),
        (CaseEvent.Kind.MESSAGE, True, 13),
        (CaseEvent.Kind.MESSAGE, True, 11),
    ]:
        answered.events.create(
            kind=kind, shared_with_enquirer=shared, text="…", created_at=copenhagen(2026, 3, day)
        )
    # Only a note and a status change: no answer.
    unanswered = CaseFactory(created_at=copenhagen(2026, 3, 6, 9))
    unanswered.events.create(kind=CaseEvent.Kind.NOTE, text="Ringede op.")
    # Already recorded: left as it is.
    recorded = CaseFactory(
        created_at=copenhagen(2026, 3, 6, 9),
        first_answer_at=copenhagen(2026, 3, 6, 12),
        first_answer_workdays=0,
    )
    recorded.events.create(
        kind=CaseEvent.Kind.MESSAGE, shared_with_enquirer=True, created_at=copenhagen(2026, 3, 20)
    )

    backfill(apps, None)

    # Deadline 10 March, answered 11 March: late.
    assert facts(answered) == (copenhagen(2026, 3, 11), 3, False)
    assert facts(unanswered) == (None, None, None)
    assert facts(recorded) == (copenhagen(2026, 3, 6, 12), 0, True)


def test_a_corrected_deadline_decides_again_whether_the_first_answer_was_in_time(caseworker):
    # In time is read from the answer's day and the deadline, never stored: it cannot go stale.
    # Answered on 11 March; the deadline was 10 March (late), then corrected to 12 March.
    case = CaseFactory(created_at=copenhagen(2026, 3, 6, 9), deadline=date(2026, 3, 10))
    services.record_first_answer(case, copenhagen(2026, 3, 11, 10))
    assert facts(case)[2] is False

    services.update_case(case=case, changes={"deadline": date(2026, 3, 12)}, by=caseworker)

    case.refresh_from_db()
    assert facts(case) == (copenhagen(2026, 3, 11, 10), 3, True)
    # Back to the 10th: late again.
    services.update_case(case=case, changes={"deadline": date(2026, 3, 10)}, by=caseworker)
    case.refresh_from_db()
    assert case.first_answer_in_time is False


def test_a_corrected_deadline_on_an_unanswered_case_records_no_answer(caseworker):
    case = CaseFactory(created_at=copenhagen(2026, 3, 6, 9), deadline=date(2026, 3, 10))

    services.update_case(case=case, changes={"deadline": date(2026, 3, 12)}, by=caseworker)

    case.refresh_from_db()
    assert facts(case) == (None, None, None)
