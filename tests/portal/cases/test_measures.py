"""The cases' measures: received, answered, the median working days to the first answer and the
share answered within the deadline, each worked out by hand for a period and the year before."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.cases.measures import (
    ANSWERED,
    ANSWERED_IN_TIME,
    MEDIAN_WORKDAYS,
    RECEIVED,
    answered_in_time,
    answered_in_time_by_month,
    median_workdays,
    median_workdays_by_month,
)
from portal.cases.models import Case
from portal.dashboard.compute import figure
from portal.dashboard.measures import Criterion, measures
from portal.dashboard.periods import COPENHAGEN, Period
from portal.privacy import services as privacy
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def copenhagen(*args) -> datetime:
    return datetime(*args, tzinfo=COPENHAGEN)


def received(at: datetime, **fields) -> Case:
    return CaseFactory(created_at=at, **fields)


def answered(at: datetime, workdays: int, **fields) -> Case:
    """A case first answered at `at` after `workdays` working days (received a week before);
    in time or late by its `deadline`."""
    return CaseFactory(
        created_at=at - timedelta(days=7),
        first_answer_at=at,
        first_answer_workdays=workdays,
        **fields,
    )


def test_the_cases_measures_are_registered_first_in_criterion_one():
    one_entry = [m.name for m in measures.entries() if m.criterion == Criterion.ONE_ENTRY]
    assert one_entry[:4] == [
        "cases.received",
        "cases.answered",
        "cases.median_workdays",
        "cases.answered_in_time",
    ]
    assert all(str(m.explanation) for m in (RECEIVED, ANSWERED, MEDIAN_WORKDAYS, ANSWERED_IN_TIME))


# --- Received -------------------------------------------------------------------------------


def test_a_case_belongs_to_the_year_it_was_received_in_copenhagen_time():
    # 31 Dec 2025 22:30 UTC is 23:30 in Copenhagen: still 2025.
    received(datetime(2025, 12, 31, 22, 30, tzinfo=UTC))
    # 31 Dec 2025 23:30 UTC is 00:30 on 1 January in Copenhagen: 2026.
    received(datetime(2025, 12, 31, 23, 30, tzinfo=UTC))
    # 1 Jan 2026 00:30 UTC (01:30 in Copenhagen): 2026.
    received(datetime(2026, 1, 1, 0, 30, tzinfo=UTC))

    assert figure(RECEIVED, Period.year(2025)).value == 1
    assert figure(RECEIVED, Period.year(2026)).value == 2
    assert figure(RECEIVED, Period.quarter(2025, 4)).value == 1
    assert figure(RECEIVED, Period.quarter(2026, 1)).value == 2
    assert figure(RECEIVED, Period.month(2025, 12)).months == [("2025-12", 1)]


def test_received_counts_every_kind_against_the_year_before_with_months_and_kinds():
    # 2026 Q1: two advice cases (January, March) and a grant application (March).
    received(copenhagen(2026, 1, 5, 9, 0))
    received(copenhagen(2026, 3, 31, 23, 59))
    received(copenhagen(2026, 3, 2, 10, 0), kind=Case.Kind.GRANT)
    # The year before, 2025 Q1: one partnership proposal. Outside both: April 2026, Dec 2024.
    received(copenhagen(2025, 2, 14, 12, 0), kind=Case.Kind.PARTNERSHIP)
    received(copenhagen(2026, 4, 1, 0, 0))
    received(copenhagen(2024, 12, 31, 23, 0))

    result = figure(RECEIVED, Period.quarter(2026, 1))

    assert (result.value, result.previous) == (3, 1)
    assert result.months == [("2026-01", 1), ("2026-02", 0), ("2026-03", 2)]
    assert result.previous_months == [("2025-01", 0), ("2025-02", 1), ("2025-03", 0)]
    assert result.breakdown == [
        ("Henvendelse om rådgivning", 2, 0),
        ("Ansøgning om støtte", 1, 0),
        ("Forslag om partnerskab", 0, 1),
    ]


# --- Answered -------------------------------------------------------------------------------


def test_answered_counts_cases_by_their_first_answer_not_by_when_they_came_in():
    # Received in December 2025, answered on 2 January 2026: answered in 2026.
    answered(copenhagen(2026, 1, 2, 10, 0), 2)
    # Answered 31 December 2025 23:30 Copenhagen time: 2025.
    answered(copenhagen(2025, 12, 31, 23, 30), 1)
    answered(copenhagen(2026, 6, 30, 12, 0), 3)
    # Not answered: not counted anywhere.
    received(copenhagen(2026, 2, 1, 9, 0))

    result = figure(ANSWERED, Period.year(2026))

    assert (result.value, result.previous) == (2, 1)
    assert dict(result.months)["2026-01"] == 1
    assert dict(result.months)["2026-06"] == 1


# --- Median working days --------------------------------------------------------------------


def test_median_of_an_odd_number_is_the_middle_one():
    # Q1 2026: 1, 3 and 7 working days: the middle one is 3.
    answered(copenhagen(2026, 1, 10, 10, 0), 7)
    answered(copenhagen(2026, 2, 10, 10, 0), 1)
    answered(copenhagen(2026, 3, 31, 23, 30), 3)
    # Outside: answered at 00:30 on 1 April, and in December 2025.
    answered(copenhagen(2026, 4, 1, 0, 30), 20)
    answered(copenhagen(2025, 12, 31, 23, 30), 20)

    assert median_workdays(Period.quarter(2026, 1)) == 3


def test_median_of_an_even_number_is_the_mean_of_the_middle_two_with_one_decimal():
    # 1, 3, 4 and 9: (3 + 4) / 2 = 3.5.
    for workdays in (9, 1, 4, 3):
        answered(copenhagen(2026, 2, 10, 10, 0), workdays)
    # The year before: 2 and 4: (2 + 4) / 2 = 3, a whole number.
    answered(copenhagen(2025, 2, 3, 10, 0), 2)
    answered(copenhagen(2025, 3, 3, 10, 0), 4)

    result = figure(MEDIAN_WORKDAYS, Period.quarter(2026, 1))

    assert result.value == Decimal("3.5")
    assert result.previous == 3
    assert result.change == Decimal("0.5")
    assert result.months == [("2026-01", None), ("2026-02", Decimal("3.5")), ("2026-03", None)]
    assert result.previous_months == [("2025-01", None), ("2025-02", 2), ("2025-03", 4)]


def test_median_is_none_when_nothing_was_answered():
    received(copenhagen(2026, 2, 10, 10, 0))
    assert median_workdays(Period.quarter(2026, 1)) is None


def test_median_costs_one_query_however_many_cases(django_assert_num_queries):
    for workdays in range(30):
        answered(copenhagen(2026, 2, 10, 10, 0), workdays)
    answered(copenhagen(2026, 2, 11, 10, 0), 14)
    with django_assert_num_queries(1):
        # 0 … 29 and another 14: 31 cases, the 16th is 14.
        assert median_workdays(Period.quarter(2026, 1)) == 14


def test_the_months_of_the_median_and_the_share_come_in_one_query_each_and_agree(
    django_assert_num_queries,
):
    # First answers in January 2026 after 8, 1, 7, 2, then 1 and 9 working days: sorted
    # 1, 1, 2, 7, 8, 9, so the median is (2 + 7) / 2 = 4.5; in March one case, 3.
    for workdays in (8, 1, 7, 2):
        answered(copenhagen(2026, 1, 20, 10, 0), workdays, deadline=date(2026, 1, 21))
    answered(copenhagen(2026, 3, 2, 10, 0), 3, deadline=date(2026, 3, 4))
    # Deadlines in January: those four and one more in time, one late, one never answered:
    # 5 of 7 = 71.4 %.
    answered(copenhagen(2026, 1, 9, 10, 0), 1, deadline=date(2026, 1, 12))
    answered(copenhagen(2026, 1, 30, 10, 0), 9, deadline=date(2026, 1, 23))
    received(copenhagen(2026, 1, 20, 10, 0), deadline=date(2026, 1, 27))
    quarter = Period.quarter(2026, 1)

    with django_assert_num_queries(2):
        medians = median_workdays_by_month(quarter)
        shares = answered_in_time_by_month(quarter)

    assert medians == {"2026-01": Decimal("4.5"), "2026-03": 3}
    assert shares["2026-01"] == Decimal("71.4")
    for month in (1, 3):
        assert medians[f"2026-0{month}"] == median_workdays(Period.month(2026, month))
        assert shares[f"2026-0{month}"] == answered_in_time(Period.month(2026, month))
    assert "2026-02" not in medians


# --- Within the deadline --------------------------------------------------------------------


def test_share_in_time_counts_an_unanswered_overdue_case_as_a_miss():
    # Deadlines in Q1 2025, all passed: in time, late, and never answered.
    answered(copenhagen(2025, 1, 8, 10, 0), 2, deadline=date(2025, 1, 10))
    answered(copenhagen(2025, 2, 20, 10, 0), 8, deadline=date(2025, 2, 12))
    received(copenhagen(2025, 3, 20, 10, 0), deadline=date(2025, 3, 27))
    # A deadline on 1 April is the next quarter's.
    received(copenhagen(2025, 3, 25, 10, 0), deadline=date(2025, 4, 1))
    # The year before, Q1 2024: one case, answered in time.
    answered(copenhagen(2024, 3, 1, 10, 0), 1, deadline=date(2024, 3, 5))

    result = figure(ANSWERED_IN_TIME, Period.quarter(2025, 1))

    # 1 of 3 = 33.33… %, with one decimal.
    assert result.value == Decimal("33.3")
    assert result.previous == 100
    assert result.months == [("2025-01", 100), ("2025-02", 0), ("2025-03", 0)]


def test_share_in_time_leaves_out_deadlines_not_yet_passed():
    today = timezone.localdate()
    period = Period.days(today - timedelta(days=20), today + timedelta(days=20))
    now = timezone.now()
    # Passed: one in time, one late.
    answered(now - timedelta(days=12), 3, deadline=today - timedelta(days=10))
    answered(now - timedelta(days=2), 9, deadline=today - timedelta(days=3))
    # Not passed yet (today is still in time, and so is next week): not counted, answered or not.
    received(now, deadline=today)
    answered(now, 0, deadline=today + timedelta(days=7))

    assert answered_in_time(period) == 50


def test_share_in_time_is_none_when_no_deadline_has_passed():
    received(copenhagen(2025, 3, 20, 10, 0), deadline=date(2025, 3, 27))
    assert answered_in_time(Period.quarter(2025, 2)) is None


# --- Anonymised cases -----------------------------------------------------------------------


def test_anonymised_cases_are_still_counted():
    for day in (5, 6, 7):
        answered(
            copenhagen(2025, 3, day, 10, 0),
            day - 4,  # 1, 2 and 3 working days: the median is 2
            status=Case.Status.CLOSED,
            closed_at=copenhagen(2025, 3, 20, 10, 0),
            deadline=date(2025, 3, 6),
        )
    period = Period.year(2025)
    before = [figure(m, period).value for m in (RECEIVED, ANSWERED, MEDIAN_WORKDAYS)]

    # Five years after they were closed, retention anonymises them.
    privacy.apply_retention(now=copenhagen(2030, 6, 1, 12, 0))

    assert Case.objects.filter(anonymised_at__isnull=False).count() == 3
    assert before == [3, 3, 2]
    assert [figure(m, period).value for m in (RECEIVED, ANSWERED, MEDIAN_WORKDAYS)] == before
    # 2 of 3 within the deadline.
    assert answered_in_time(period) == Decimal("66.7")


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 20])
def test_received_costs_three_queries_however_many_cases(count, django_assert_num_queries):
    for number in range(count):
        received(copenhagen(2026, 1 + number % 12, 10, 10, 0))
    with django_assert_num_queries(3):  # the months of both years, then two breakdowns
        assert figure(RECEIVED, Period.year(2026)).value == count
    with django_assert_num_queries(1):
        assert figure(ANSWERED, Period.year(2026)).value == 0
