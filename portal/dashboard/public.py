"""The key figures on the public about page: counted each night (and when the manager saves
one), stored with the day they were counted, so the public page reads stored rows only.

Only a measure declared `public=True` may be shown; one that is no longer registered (its app
removed) is left off the page rather than shown with a stale label.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.dashboard.charts import format_value
from portal.dashboard.compute import figure
from portal.dashboard.measures import Measure, measures
from portal.dashboard.models import PublicFigure
from portal.dashboard.periods import FIRST_YEAR, Period


def public_measures() -> list[Measure]:
    return [measure for measure in measures.entries() if measure.public]


def scope_period(measure: Measure, scope: str, today: date) -> Period:
    """The period a figure is counted for. A stock is what there is today, whatever the scope;
    "i alt" for a flow is everything since the portal's first year."""
    this_year = Period.year(today.year).up_to(today)
    if measure.stock:
        return this_year
    if scope == PublicFigure.Scope.LAST_YEAR:
        return Period.year(today.year - 1)
    if scope == PublicFigure.Scope.NOW:
        return Period.days(date(FIRST_YEAR, 1, 1), today)
    return this_year


def count(row: PublicFigure, today: date | None = None) -> PublicFigure:
    """Count one figure now and store it with today's date."""
    today = today or timezone.localdate()
    measure = measures.get(row.measure)
    if measure is None or not measure.public:
        return row
    value = figure(measure, scope_period(measure, row.scope, today)).value
    row.value = None if value is None else Decimal(value).quantize(Decimal("0.1"))
    row.counted_on = today
    PublicFigure.objects.filter(pk=row.pk).update(value=row.value, counted_on=today)
    return row


def refresh_public_figures(today: date | None = None) -> int:
    """The nightly job: count every figure the manager chose; how many were counted."""
    today = today or timezone.localdate()
    counted = 0
    for row in PublicFigure.objects.all():
        if count(row, today).counted_on == today:
            counted += 1
    return counted


# The scope after the label, in the middle of a sentence ("Partnerskaber indgået, i år
# indtil nu"): its own words, as a lower-cased choice label is wrong in German.
IN_A_SENTENCE = {
    PublicFigure.Scope.THIS_YEAR: gettext_lazy("i år indtil nu"),
    PublicFigure.Scope.LAST_YEAR: gettext_lazy("sidste år"),
    PublicFigure.Scope.NOW: gettext_lazy("i alt i dag"),
}


@dataclass(frozen=True)
class KeyFigure:
    number: str
    label: str
    # A manager's own label is Danish, on every language's page.
    label_is_danish: bool
    scope: str
    counted_on: str


def key_figures() -> list[KeyFigure]:
    """What /om/ shows, in the manager's order: one query."""
    shown = []
    for row in PublicFigure.objects.filter(value__isnull=False, counted_on__isnull=False):
        measure = measures.get(row.measure)
        if measure is None or not measure.public:
            continue
        scope = _("i dag") if measure.stock else str(IN_A_SENTENCE[row.scope])
        shown.append(
            KeyFigure(
                number=format_value(integral(row.value), measure.unit),
                label=row.label or str(measure.label),
                label_is_danish=bool(row.label),
                scope=scope,
                counted_on=_("Opgjort den %(date)s")
                % {"date": date_format(row.counted_on, "DATE_FORMAT")},
            )
        )
    return shown


def integral(value: Decimal):
    return int(value) if value == value.to_integral_value() else value
