"""Danish working days: no weekends, no public holidays, no days the municipality is closed.

The public holidays come from the `holidays` package (Store Bededag is gone from 2024 on); the
municipality's own closing days (Grundlovsdag, 24 and 31 December by default) from the setting
`CASES_CLOSED_DAYS` as "MM-DD" strings.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def _closed_days() -> set[tuple[int, int]]:
    days = settings.CASES_CLOSED_DAYS
    return {(int(month), int(day)) for month, day in (value.split("-") for value in days)}


def is_working_day(day: date, *, closed: set[tuple[int, int]] | None = None) -> bool:
    closed = _closed_days() if closed is None else closed
    return (
        day.weekday() < 5
        and day not in _public_holidays(day.year)
        and (day.month, day.day) not in closed
    )


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start`; `start` itself never counts.

    An enquiry received on a Saturday with 1 working day to answer is due on Monday (if
    Monday is a working day). Negative `days` count backwards.
    """
    closed = _closed_days()
    step = timedelta(days=1 if days >= 0 else -1)
    day = start
    remaining = abs(days)
    while remaining:
        day += step
        if is_working_day(day, closed=closed):
            remaining -= 1
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days after `a` up to and including `b`; negative when `b` is before `a`.

    The inverse of `add_working_days`: `working_days_between(d, add_working_days(d, n)) == n`.
    """
    if b < a:
        return -working_days_between(b, a)
    closed = _closed_days()
    return sum(
        1
        for offset in range(1, (b - a).days + 1)
        if is_working_day(a + timedelta(days=offset), closed=closed)
    )
