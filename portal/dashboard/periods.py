"""The periods the strategy's measures are counted for: a month, a quarter, a year or any range
of days, always in Copenhagen time, and the same period a year before to compare with.

A period is written in URLs and stored on reports as a short slug: "2026", "2026-K2",
"2026-03" or "2026-01-15_2026-02-14" (first and last day, both included).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"

_SLUGS = (
    (re.compile(r"^(\d{4})$"), YEAR),
    (re.compile(r"^(\d{4})-K([1-4])$"), QUARTER),
    (re.compile(r"^(\d{4})-(\d{2})$"), MONTH),
    (re.compile(r"^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$"), CUSTOM),
)

# The earliest and latest years anyone may ask for: the portal has no data before, and a typo
# such as 20266 must not reach the database.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def quarter_number(day: date) -> int:
    """1 to 4: the quarter of the year `day` is in."""
    return (day.month + 2) // 3


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # the first day, included
    end: date  # the day after the last, not included

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a period ends after it starts")
        # A year before the first, so that a period in 2000 has one to compare with.
        if not (FIRST_YEAR - 1 <= self.start.year and self.last.year <= LAST_YEAR):
            raise ValueError("a period lies between 2000 and 2100")

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(YEAR, date(year, 1, 1), date(year + 1, 1, 1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        if not 1 <= quarter <= 4:
            raise ValueError("a quarter is 1 to 4")
        start = date(year, 3 * quarter - 2, 1)
        return cls(QUARTER, start, _first_of_next_month(start.replace(month=3 * quarter)))

    @classmethod
    def quarter_of(cls, day: date) -> "Period":
        """The quarter `day` is in."""
        return cls.quarter(day.year, quarter_number(day))

    @classmethod
    def quarter_before(cls, day: date) -> "Period":
        """The last whole quarter before the one `day` is in."""
        return cls.quarter_of(cls.quarter_of(day).start - timedelta(days=1))

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        start = date(year, month, 1)
        return cls(MONTH, start, _first_of_next_month(start))

    @classmethod
    def days(cls, first: date, last: date) -> "Period":
        """From `first` up to and including `last`."""
        return cls(CUSTOM, first, last + timedelta(days=1))

    @classmethod
    def parse(cls, slug: str) -> "Period":
        """The period a slug names; ValueError for anything else (also before 2000)."""
        period = cls._parse(slug)
        if period.start.year < FIRST_YEAR:
            raise ValueError(f"no period {slug!r} before {FIRST_YEAR}")
        return period

    @classmethod
    def _parse(cls, slug: str) -> "Period":
        for pattern, kind in _SLUGS:
            match = pattern.match(slug or "")
            if not match:
                continue
            if kind == YEAR:
                return cls.year(int(match[1]))
            if kind == QUARTER:
                return cls.quarter(int(match[1]), int(match[2]))
            if kind == MONTH:
                return cls.month(int(match[1]), int(match[2]))
            return cls.days(date.fromisoformat(match[1]), date.fromisoformat(match[2]))
        raise ValueError(f"no period {slug!r}")

    @property
    def slug(self) -> str:
        if self.kind == YEAR:
            return f"{self.start.year}"
        if self.kind == QUARTER:
            return f"{self.start.year}-K{quarter_number(self.start)}"
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        return f"{self.start.isoformat()}_{self.last.isoformat()}"

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def label(self) -> str:
        """In Danish (or the active language): "2026", "2. kvartal 2026", "marts 2026"; a
        period cut short by `up_to()` says up to which day."""
        if self.is_whole:
            return self._whole_label()
        return _("%(period)s til og med %(last)s") % {
            "period": self._whole_label(),
            "last": date_format(self.last, "j. F"),
        }

    def _whole_label(self) -> str:
        if self.kind == YEAR:
            return str(self.start.year)
        if self.kind == QUARTER:
            return _("%(quarter)s. kvartal %(year)s") % {
                "quarter": quarter_number(self.start),
                "year": self.start.year,
            }
        if self.kind == MONTH:
            return date_format(self.start, "F Y")
        return _("%(first)s – %(last)s") % {
            "first": date_format(self.start, "j. F Y"),
            "last": date_format(self.last, "j. F Y"),
        }

    @property
    def start_at(self) -> datetime:
        """Midnight at the start of the first day, Copenhagen time."""
        return datetime.combine(self.start, time.min, tzinfo=COPENHAGEN)

    @property
    def end_at(self) -> datetime:
        """Midnight after the last day, Copenhagen time."""
        return datetime.combine(self.end, time.min, tzinfo=COPENHAGEN)

    def year_before(self) -> "Period":
        """The same days a year earlier, to compare with (28 February for a 29th). The last
        day is shifted, not the day after it: 1 January to 28 February 2028 (a leap year) is
        compared with 1 January to 28 February 2027."""
        return Period(
            self.kind,
            _shift_year(self.start, -1),
            _shift_year(self.last, -1) + timedelta(days=1),
        )

    def up_to(self, today: date) -> "Period":
        """The part of the period up to and including `today`: a year still running is compared
        with the same days of last year, not with the whole of it. A period wholly in the past
        is itself; one that has not begun stays whole (it counts nothing yet)."""
        if self.start <= today < self.last:
            return Period(self.kind, self.start, today + timedelta(days=1))
        return self

    def whole(self) -> "Period":
        """The whole period this one is part of (2026 for 2026 up to 1 December)."""
        return self if self.kind == CUSTOM else Period._parse(self.slug)

    @property
    def is_whole(self) -> bool:
        """Whether the period ends where its kind says (a year on 31 December, and so on)."""
        return self == self.whole()

    def months(self) -> list[date]:
        """The first day of every month the period touches, in order."""
        month = self.start.replace(day=1)
        months = []
        while month < self.end:
            months.append(month)
            month = _first_of_next_month(month)
        return months
