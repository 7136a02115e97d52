"""compute.figure(): flows by month in Copenhagen time, stocks at the period's end, computed
measures, the year before, breakdowns, and a bounded number of queries.

The rows are made by hand; each expected number is counted by hand in a comment.
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from portal.dashboard.compute import Figure, dashboard, figure
from portal.dashboard.measures import Criterion, Measure, Unit, measures
from portal.dashboard.models import Tally
from portal.dashboard.periods import Period
from portal.registry.models import Company
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")


def _company(created: datetime, **fields) -> Company:
    company = CompanyFactory(**fields)
    Company.objects.filter(pk=company.pk).update(created_at=created)  # auto_now_add
    return company


REGISTERED = Measure(
    name="tests.registered",
    label="Virksomheder oprettet",
    explanation="Virksomheder oprettet i registret i perioden.",
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: Company.objects.all(),
    date_field="created_at",
    breakdown="kind",
    trend=True,
)

IN_REGISTRY = Measure(
    name="tests.in_registry",
    label="Virksomheder i registret",
    explanation="Virksomheder i registret ved periodens slutning.",
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: Company.objects.all(),
    date_field="created_at",
    stock=True,
    trend=True,
)

VIEWS = Measure(
    name="tests.views",
    label="Visninger",
    explanation="Visninger talt pr. dag.",
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Tally.objects.filter(name="tests.view"),
    date_field="day",
    value=Sum("count"),
    trend=True,
)


def test_a_flow_counts_by_copenhagen_time_at_the_year_edges():
    _company(datetime(2025, 12, 31, 23, 30, tzinfo=CPH))  # 2025 in Copenhagen
    _company(datetime(2025, 12, 31, 23, 30, tzinfo=UTC))  # 1 January 00:30 in Copenhagen: 2026
    _company(datetime(2026, 1, 1, 0, 30, tzinfo=UTC))  # 01:30 in Copenhagen: 2026
    _company(datetime(2026, 7, 15, 12, 0, tzinfo=CPH), kind=Company.Kind.SOCIAL_ECONOMY)
    _company(datetime(2027, 1, 1, 0, 0, tzinfo=CPH))  # the next year

    result = figure(REGISTERED, Period.year(2026))

    assert (result.value, result.previous) == (3, 1)
    assert result.change == 2
    assert result.change_percent == 200
    months = dict(result.months)
    assert months["2026-01"] == 2 and months["2026-07"] == 1 and sum(months.values()) == 3
    assert dict(result.previous_months)["2025-12"] == 1
    assert result.breakdown == [
        ("Ordinær virksomhed", 2, 1),
        ("Socialøkonomisk virksomhed", 1, 0),
    ]


def test_a_quarter_is_compared_with_the_same_quarter_a_year_before():
    _company(datetime(2025, 4, 1, 0, 5, tzinfo=CPH))  # Q2 2025
    _company(datetime(2025, 3, 31, 23, 55, tzinfo=CPH))  # Q1 2025: not counted
    _company(datetime(2026, 6, 30, 23, 59, tzinfo=CPH))  # Q2 2026
    _company(datetime(2026, 5, 2, 10, 0, tzinfo=CPH))  # Q2 2026

    result = figure(REGISTERED, Period.quarter(2026, 2))

    assert (result.value, result.previous) == (2, 1)
    assert [month for month, _value in result.months] == ["2026-04", "2026-05", "2026-06"]
    assert result.change_percent == 100


def test_a_stock_is_what_there_is_at_the_end_of_the_period():
    _company(datetime(2024, 6, 1, 12, 0, tzinfo=CPH))
    _company(datetime(2025, 3, 1, 12, 0, tzinfo=CPH))
    _company(datetime(2026, 2, 10, 12, 0, tzinfo=CPH))
    _company(datetime(2027, 1, 5, 12, 0, tzinfo=CPH))  # after 2026: not there yet

    result = figure(IN_REGISTRY, Period.year(2026))

    # At the end of 2026: the 2024, 2025 and 2026 companies; at the end of 2025: two.
    assert (result.value, result.previous) == (3, 2)
    months = dict(result.months)
    assert months["2026-01"] == 2 and months["2026-02"] == 3 and months["2026-12"] == 3


def test_a_date_field_measure_and_a_sum():
    Tally.objects.create(name="tests.view", key="a", day=date(2026, 3, 1), count=5)
    Tally.objects.create(name="tests.view", key="b", day=date(2026, 3, 31), count=2)
    Tally.objects.create(name="tests.view", key="a", day=date(2026, 4, 1), count=7)
    Tally.objects.create(name="tests.view", key="a", day=date(2025, 3, 15), count=4)
    Tally.objects.create(name="tests.other", key="a", day=date(2026, 3, 2), count=100)

    result = figure(VIEWS, Period.month(2026, 3))

    assert (result.value, result.previous) == (7, 4)  # 5 + 2; 4


def test_a_computed_measure_is_asked_for_each_period_and_month():
    asked = []

    def share(period: Period) -> Decimal:
        asked.append(period)
        return Decimal("12.5")

    measure = Measure(
        name="tests.share",
        label="Andel",
        explanation="En andel.",
        criterion=Criterion.ONE_ENTRY,
        compute=share,
        unit=Unit.PERCENT,
        trend=True,
    )
    result = figure(measure, Period.days(date(2026, 1, 15), date(2026, 2, 14)))

    assert result.value == Decimal("12.5") and result.change == 0
    # The period, the year before, then each month cut to the period, both years.
    assert asked[0] == Period.days(date(2026, 1, 15), date(2026, 2, 14))
    assert (asked[2].start, asked[2].end) == (date(2026, 1, 15), date(2026, 2, 1))
    assert (asked[3].start, asked[3].end) == (date(2026, 2, 1), date(2026, 2, 15))
    assert len(asked) == 6


def test_no_change_percent_against_nothing():
    result = figure(REGISTERED, Period.year(2030))
    assert (result.value, result.previous, result.change, result.change_percent) == (0, 0, 0, None)


def test_a_figure_survives_json_as_a_final_report_keeps_it():
    result = Figure(
        name="x",
        label="X",
        explanation="Y",
        criterion="one_entry",
        unit="kroner",
        value=Decimal("1250.50"),
        previous=None,
        months=[("2026-01", Decimal("1.5")), ("2026-02", None)],
        breakdown=[("A", 1, 2)],
        trend=True,
    )
    import json

    assert Figure.from_json(json.loads(json.dumps(result.to_json()))) == result


def _queries(period: Period) -> int:
    with CaptureQueriesContext(connection) as queries:
        figure(REGISTERED, period)
        figure(IN_REGISTRY, period)
    return len(queries)


def test_the_queries_do_not_grow_with_the_rows():
    _company(datetime(2026, 5, 1, 12, 0, tzinfo=CPH))
    few = _queries(Period.year(2026))
    for month in range(1, 13):
        for day in (3, 17):
            _company(datetime(2026, month, day, 12, 0, tzinfo=CPH))
            _company(datetime(2025, month, day, 12, 0, tzinfo=CPH))
    assert _queries(Period.year(2026)) == few
    # Flow with a breakdown: 1 + 2; stock with a trend: 2 + 2.
    assert few == 7


def test_the_dashboard_groups_by_criterion_and_leaves_out_what_the_user_may_not_see(
    caseworker, manager
):
    secret = Measure(
        name="tests.secret",
        label="Hemmeligt",
        explanation="Kun for ledere.",
        criterion=Criterion.ONE_ENTRY,
        queryset=lambda: Company.objects.all(),
        date_field="created_at",
        permission="auth.change_user",
    )
    with measures.only(REGISTERED, VIEWS, secret):
        sections = dashboard(Period.year(2026), user=caseworker)
        assert [section.criterion for section in sections] == [
            "one_entry",
            "partnerships",
            "new_enterprises",
        ]
        assert [f.name for f in sections[0].figures] == ["tests.views"]
        assert [f.name for f in sections[2].figures] == ["tests.registered"]
        # The manager may change users, so sees it.
        assert [f.name for f in dashboard(Period.year(2026), user=manager)[0].figures] == [
            "tests.secret",
            "tests.views",
        ]


def test_a_range_that_shares_a_month_with_its_year_before_counts_each_row_once():
    # 2 December 2025 – 1 December 2026, and before it 2 December 2024 – 1 December 2025:
    # December 2025 belongs to both, its 1st to the year before and the rest to the period.
    _company(datetime(2025, 12, 1, 12, 0, tzinfo=CPH))  # the year before
    _company(datetime(2025, 12, 26, 12, 0, tzinfo=CPH))  # the period
    _company(datetime(2026, 6, 1, 12, 0, tzinfo=CPH))  # the period

    result = figure(REGISTERED, Period.days(date(2025, 12, 2), date(2026, 12, 1)))

    assert (result.value, result.previous) == (2, 1)
    assert dict(result.months)["2025-12"] == 1
    assert dict(result.previous_months)["2025-12"] == 1
