"""Reads for the public support pages."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from entrepreneurs.models import SchemePeriod, SupportScheme


@dataclass(frozen=True)
class SchemeState:
    """A scheme as a visitor sees it today: the period open now, or the next one."""

    scheme: SupportScheme
    current: SchemePeriod | None
    upcoming: SchemePeriod | None

    @property
    def is_open(self) -> bool:
        return self.current is not None


def scheme_state(scheme: SupportScheme, day: date) -> SchemeState:
    """From the scheme's prefetched `coming_periods` (see `schemes_with_periods`)."""
    periods = scheme.coming_periods
    current = next((p for p in periods if p.opens_on <= day <= p.closes_on), None)
    upcoming = next((p for p in periods if p.opens_on > day), None)
    return SchemeState(scheme=scheme, current=current, upcoming=upcoming)


def schemes_with_periods(day: date):
    """Published schemes with their periods that have not closed yet, in two queries."""
    return SupportScheme.objects.published().prefetch_related(
        Prefetch(
            "periods",
            queryset=SchemePeriod.objects.filter(closes_on__gte=day).order_by("opens_on"),
            to_attr="coming_periods",
        )
    )


def support_page_schemes(day: date) -> list[SchemeState]:
    """The schemes open now, then those opening later (by their next opening); closed ones
    without a next period are left out."""
    states = [scheme_state(scheme, day) for scheme in schemes_with_periods(day)]
    shown = [state for state in states if state.current or state.upcoming]
    return sorted(
        shown,
        key=lambda state: (
            not state.is_open,
            state.upcoming.opens_on if not state.is_open else day,
        ),
    )
