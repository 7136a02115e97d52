"""Periods: what a slug names, the year before, a running period cut at today, Danish labels."""

from datetime import date

import pytest

from portal.dashboard.periods import Period


@pytest.mark.parametrize(
    ("slug", "start", "end"),
    [
        ("2026", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026-K1", date(2026, 1, 1), date(2026, 4, 1)),
        ("2026-K4", date(2026, 10, 1), date(2027, 1, 1)),
        ("2026-02", date(2026, 2, 1), date(2026, 3, 1)),
        ("2026-12", date(2026, 12, 1), date(2027, 1, 1)),
        ("2026-01-15_2026-02-14", date(2026, 1, 15), date(2026, 2, 15)),
    ],
)
def test_a_slug_names_its_days_and_round_trips(slug, start, end):
    period = Period.parse(slug)
    assert (period.start, period.end) == (start, end)
    assert period.slug == slug
    assert Period.parse(period.slug) == period


@pytest.mark.parametrize(
    "slug",
    [
        "",
        "20266",
        "2026-K5",
        "2026-13",
        "2026-02-30_2026-03-01",
        "2026-03-01_2026-02-01",
        "1999",
        "2026-01-01_2101-01-01",
        "x; DROP TABLE",
    ],
)
def test_anything_else_is_refused(slug):
    with pytest.raises(ValueError):
        Period.parse(slug)


def test_the_year_before_is_the_same_days_and_29_february_becomes_the_28th():
    assert Period.parse("2026-K2").year_before() == Period.parse("2025-K2")
    leap = Period.days(date(2024, 2, 29), date(2024, 3, 1)).year_before()
    assert (leap.start, leap.last) == (date(2023, 2, 28), date(2023, 3, 1))


def test_a_running_period_is_cut_at_today_and_says_so():
    running = Period.year(2026).up_to(date(2026, 12, 1))
    assert (running.start, running.last) == (date(2026, 1, 1), date(2026, 12, 1))
    assert running.label == "2026 til og med 1. december"
    # Compared with the same days a year before, not with the whole of 2025.
    assert running.year_before().last == date(2025, 12, 1)
    # A period in the past or not yet begun is left whole.
    assert Period.year(2025).up_to(date(2026, 12, 1)) == Period.year(2025)
    assert Period.year(2027).up_to(date(2026, 12, 1)) == Period.year(2027)


def test_labels_are_danish():
    assert Period.parse("2026-K3").label == "3. kvartal 2026"
    assert Period.parse("2026-03").label == "marts 2026"
    assert Period.parse("2026-01-15_2026-02-14").label == "15. januar 2026 – 14. februar 2026"


def test_bounds_are_copenhagen_midnight():
    period = Period.year(2026)
    assert period.start_at.isoformat() == "2026-01-01T00:00:00+01:00"
    assert Period.parse("2026-07").start_at.isoformat() == "2026-07-01T00:00:00+02:00"


def test_months_lists_every_month_touched():
    assert Period.parse("2026-01-15_2026-03-02").months() == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]


def test_the_first_year_has_a_year_before_to_compare_with():
    assert Period.parse("2000").year_before() == Period("year", date(1999, 1, 1), date(2000, 1, 1))


def test_a_range_ending_in_late_february_of_a_leap_year_keeps_its_last_day_a_year_before():
    # 1 January – 28 February 2028: the day after is 29 February, but the year before ends on
    # 28 February 2027, not the 27th.
    before = Period.days(date(2028, 1, 1), date(2028, 2, 28)).year_before()
    assert (before.start, before.last) == (date(2027, 1, 1), date(2027, 2, 28))
    # A year still running on 28 February 2028.
    running = Period.year(2028).up_to(date(2028, 2, 28)).year_before()
    assert running.last == date(2027, 2, 28)
    # 29 February itself becomes the 28th.
    assert Period.days(date(2028, 2, 1), date(2028, 2, 29)).year_before().last == date(2027, 2, 28)
    # Whole periods stay whole.
    assert Period.month(2028, 2).year_before() == Period.month(2027, 2)
    assert Period.year(2028).year_before() == Period.year(2027)


def test_the_quarter_of_a_day_and_the_whole_quarter_before_it():
    assert Period.quarter_of(date(2026, 12, 1)) == Period.parse("2026-K4")
    assert Period.quarter_before(date(2026, 12, 1)) == Period.parse("2026-K3")
    assert Period.quarter_before(date(2027, 1, 1)) == Period.parse("2026-K4")
    assert Period.quarter_before(date(2026, 3, 31)) == Period.parse("2025-K4")
