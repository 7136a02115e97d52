"""When a case is late: by its first answer's deadline until it is answered, then only by the
next step's deadline, if the caseworker set one. The inbox filter, the admin-home tile and the
case itself (is_overdue) agree."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from portal.cases import selectors, services
from portal.cases.models import Case
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def overdue_references(today: date) -> set[str]:
    return set(Case.objects.overdue(today).values_list("reference", flat=True))


def test_an_unanswered_case_is_late_after_its_deadline():
    case = CaseFactory()
    after = case.deadline + timedelta(days=1)

    assert case.reference not in overdue_references(case.deadline)
    assert case.reference in overdue_references(after)
    assert case.is_overdue(after)


def test_a_reply_ends_the_lateness_even_when_it_came_late(caseworker):
    case = CaseFactory()
    late = case.deadline + timedelta(days=3)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.IN_PROGRESS)
    case.refresh_from_db()

    services.reply(case=case, text="Undskyld ventetiden. Her er svaret.", by=caseworker)
    case.refresh_from_db()

    assert case.reference not in overdue_references(late)
    assert not case.is_overdue(late)
    assert case.current_deadline() is None


def test_a_phone_call_that_answered_counts_as_the_answer(caseworker):
    case = CaseFactory()

    services.record_phone_call(case=case, text="Ringede og forklarede reglerne.", by=caseworker)
    case.refresh_from_db()

    assert case.first_answer_at is not None
    assert not case.is_overdue(case.deadline + timedelta(days=10))


def test_a_phone_call_that_did_not_answer_is_only_journalled(caseworker):
    case = CaseFactory()

    services.record_phone_call(
        case=case, text="Ingen svarede; lagt besked.", by=caseworker, answered=False
    )
    case.refresh_from_db()

    assert case.first_answer_at is None
    assert case.events.filter(kind="phone", text="Ingen svarede; lagt besked.").exists()


def test_after_the_answer_the_next_steps_deadline_counts(caseworker):
    case = CaseFactory()
    services.reply(case=case, text="Vi vender tilbage med et tilbud.", by=caseworker)
    next_step = timezone.localdate() + timedelta(days=7)
    services.update_case(case=case, changes={"next_deadline": next_step}, by=caseworker)
    case.refresh_from_db()

    assert case.current_deadline() == next_step
    assert case.reference not in overdue_references(next_step)
    assert case.reference in overdue_references(next_step + timedelta(days=1))
    assert case.is_overdue(next_step + timedelta(days=1))


def test_a_case_waiting_for_the_enquirer_is_never_late():
    case = CaseFactory()
    Case.objects.filter(pk=case.pk).update(status=Case.Status.WAITING, next_deadline=case.deadline)

    assert case.reference not in overdue_references(case.deadline + timedelta(days=30))


def test_a_grant_application_stays_due_by_its_decision_after_a_first_reply(caseworker):
    contact = CaseFactory().contact
    case = services.open_case(
        kind=Case.Kind.GRANT,
        contact=contact,
        subject="Ansøgning om opstartsstøtte",
        answer_within_working_days=20,
    )
    services.reply(case=case, text="Vi har modtaget ansøgningen.", by=caseworker)
    case.refresh_from_db()

    assert case.next_deadline == case.deadline
    assert case.reference in overdue_references(case.deadline + timedelta(days=1))


def test_the_query_the_case_and_its_summary_agree_on_every_kind_of_case(
    django_assert_max_num_queries,
):
    """One rule, three readers: the inbox filter and admin-home tile (the query), the inbox's
    Frist column (is_overdue) and the case page's summary."""
    today = timezone.localdate()
    past, future = today - timedelta(days=5), today + timedelta(days=5)
    answered_at = timezone.now() - timedelta(days=1)
    grid = [
        (status, answered, deadline, next_deadline)
        for status in Case.Status.values
        for answered in (True, False)
        for deadline in (past, future)
        for next_deadline in (past, future, None)
    ]
    cases = [
        CaseFactory(
            status=status,
            first_answer_at=answered_at if answered else None,
            deadline=deadline,
            next_deadline=next_deadline,
        )
        for status, answered, deadline, next_deadline in grid
    ]

    with django_assert_max_num_queries(1):
        by_query = set(Case.objects.overdue(today).values_list("pk", flat=True))
    by_method = {case.pk for case in cases if case.is_overdue(today)}
    summaries = {case.pk: selectors.case_summary(case, today) for case in cases}

    assert by_query == by_method
    assert {pk for pk, summary in summaries.items() if summary.overdue} == by_method
    # A date on the page is marked late exactly when the case is.
    marked = {
        pk
        for pk, summary in summaries.items()
        if summary.deadline_overdue or summary.next_deadline_overdue
    }
    assert marked == by_method
    # The grid holds both kinds: late, and not.
    assert 0 < len(by_method) < len(cases)
    # An answered case is never marked late by its first answer's deadline.
    assert not any(
        summaries[case.pk].deadline_overdue for case in cases if case.first_answer_at is not None
    )


def test_before_the_first_answer_only_the_first_answers_deadline_counts(caseworker):
    """A next step set early (a call promised) does not make an unanswered case late while its
    first answer is still due: the inbox shows and sorts by the deadline it is measured by."""
    case = CaseFactory()
    services.update_case(
        case=case, changes={"next_deadline": case.deadline - timedelta(days=3)}, by=caseworker
    )
    case.refresh_from_db()
    day_before_deadline = case.deadline - timedelta(days=1)

    assert case.current_deadline() == case.deadline
    assert not case.is_overdue(day_before_deadline)
    assert case.reference not in overdue_references(day_before_deadline)
