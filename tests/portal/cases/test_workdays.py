"""Deadlines in Danish working days, checked against the real 2026 calendar."""

from datetime import date

import pytest

from portal.cases.workdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # An ordinary week: Monday + 5 is the next Monday.
        (date(2026, 3, 2), 5, date(2026, 3, 9)),
        # Received the Wednesday before Easter: Maundy Thursday, Good Friday, the weekend and
        # Easter Monday (2, 3, 6 April 2026) do not count.
        (date(2026, 4, 1), 5, date(2026, 4, 13)),
        # Received on Maundy Thursday itself, a holiday: the first working day is 7 April.
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        # Received on a Saturday: due the Monday after.
        (date(2026, 11, 28), 1, date(2026, 11, 30)),
        # Received Friday 27 November 2026: due Friday 4 December.
        (date(2026, 11, 27), 5, date(2026, 12, 4)),
        # Christmas 2026: 24 December closed, 25 and 26 December holidays, 31 December closed,
        # 1 January holiday.
        (date(2026, 12, 22), 5, date(2027, 1, 4)),
        # Ascension Day, Thursday 14 May 2026.
        (date(2026, 5, 13), 1, date(2026, 5, 15)),
        # Whit Monday, 25 May 2026.
        (date(2026, 5, 22), 1, date(2026, 5, 26)),
        # Grundlovsdag, Friday 5 June 2026: the municipality is closed.
        (date(2026, 6, 4), 1, date(2026, 6, 8)),
        # Store Bededag (1 May 2026) is no longer a public holiday since 2024.
        (date(2026, 4, 30), 1, date(2026, 5, 1)),
    ],
)
def test_add_working_days_skips_weekends_holidays_and_closing_days(received, days, due):
    assert add_working_days(received, days) == due


def test_closing_days_come_from_settings(settings):
    settings.CASES_CLOSED_DAYS = []
    assert is_working_day(date(2026, 6, 5))
    assert is_working_day(date(2026, 12, 24))
    assert add_working_days(date(2026, 6, 4), 1) == date(2026, 6, 5)

    settings.CASES_CLOSED_DAYS = ["03-03"]
    assert not is_working_day(date(2026, 3, 3))


def test_zero_days_is_the_same_day():
    assert add_working_days(date(2026, 12, 24), 0) == date(2026, 12, 24)


def test_negative_days_count_backwards():
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("start", "days"),
    [(date(2026, 4, 1), 5), (date(2026, 12, 22), 5), (date(2026, 6, 1), 20)],
)
def test_working_days_between_is_the_inverse_of_add_working_days(start, days):
    due = add_working_days(start, days)
    assert working_days_between(start, due) == days
    assert working_days_between(due, start) == -days


def test_working_days_between_over_christmas():
    # 23, 28, 29, 30 December 2026 are the only working days after the 22nd in the year.
    assert working_days_between(date(2026, 12, 22), date(2026, 12, 31)) == 4
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 24)) == 0
