"""The strategy's yardstick, declared once by the app that owns each number.

An app registers its measures in its extensions.py:

    measures.register(Measure(
        name="network.meetings_held",
        label=_("Netværksmøder afholdt"),
        explanation=_("Møder, der ikke er aflyst, talt i den måned de blev holdt."),
        criterion=Criterion.PARTNERSHIPS,
        queryset=lambda: Meeting.objects.filter(occasion__cancelled_at__isnull=True),
        date_field="occasion__starts_at",
    ))

and portal (the dashboard, the committee report, the public key figures) reads them; portal
never imports an app. How a measure is computed for a period is in compute.py.

A measure is one of three shapes:
- a flow (the default): what happened in the period, by `date_field`; `value` must add up
  over months (Count, Sum), since totals are the sum of the months;
- a stock (`stock=True`): how many there are at the end of the period (`date_field` before the
  period's end), e.g. social-economy enterprises in the registry;
- anything else (a median, a share, what is left of a pool) is `compute`, a function of the
  period that asks the database for the answer.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Aggregate, Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.dashboard.periods import Period
from portal.extensions import Registry

Number = int | Decimal


class Criterion(models.TextChoices):
    """The strategy's three success criteria; the dashboard and the report group by them."""

    ONE_ENTRY = "one_entry", _("Én indgang til rådgivning og viden")
    PARTNERSHIPS = "partnerships", _("Partnerskaber kortlagt og indgået")
    NEW_ENTERPRISES = "new_enterprises", _("Nye socialøkonomiske virksomheder")


class Unit(models.TextChoices):
    COUNT = "count", _("antal")
    KRONER = "kroner", _("kr.")
    WORKDAYS = "workdays", _("arbejdsdage")
    PERCENT = "percent", _("procent")


@dataclass(frozen=True)
class Measure:
    name: str  # "app.what", unique
    label: Promise  # Danish, short: "Henvendelser modtaget"
    explanation: Promise  # how it is counted, in a sentence or two, for the committee
    criterion: Criterion
    queryset: Callable[[], QuerySet] | None = None  # what is counted (not for `compute`)
    date_field: str = ""  # when it happened: a DateField or DateTimeField, may span relations
    value: Aggregate = Count("pk")  # or Sum("amount"); must add up over months
    stock: bool = False
    compute: Callable[[Period], Number | None] | None = None
    # For a computed measure with a trend: its value for every month of a period at once
    # ({"2026-03": 4, …}, months cut to the period), so the trend costs one query, not one a
    # month. Without it, `compute` is asked month by month.
    compute_months: Callable[[Period], dict[str, Number | None]] | None = None
    unit: Unit = Unit.COUNT
    # A field with choices to break the period's rows down by (a chart and a table).
    breakdown: str = ""
    # Whether the dashboard draws the measure month by month.
    trend: bool = False
    # Whether the manager may show it on the public about page.
    public: bool = False
    order: int = 100
    permission: str | None = None

    def __post_init__(self) -> None:
        if self.compute is None and (self.queryset is None or not self.date_field):
            raise ValueError(f"{self.name}: a measure needs a queryset and a date_field")
        if self.compute is not None and (self.stock or self.breakdown):
            raise ValueError(f"{self.name}: a computed measure has no stock or breakdown")


measures: Registry[Measure] = Registry("measures")
