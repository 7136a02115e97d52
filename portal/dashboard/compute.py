"""Each measure for a period, compared with the same period a year before, in the database.

A flow measure costs one query however long the period (grouped by month, both years at once),
plus two for a breakdown; a stock two (four with its months), plus two for a breakdown; a
computed measure one call per period and one per month when it has a trend. Nothing here loops
over rows.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Case as DbCase
from django.db.models import DateTimeField, Q, QuerySet, Value, When
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from portal.dashboard.measures import Criterion, Measure, Number, measures
from portal.dashboard.periods import COPENHAGEN, Period

NOT_GIVEN = "–"


@dataclass
class Figure:
    """A measure's numbers for one period: plain data, so a final report can keep them as JSON
    and draw the same charts years later, whatever retention has removed since."""

    name: str
    label: str
    explanation: str
    criterion: str
    unit: str
    value: Number | None
    previous: Number | None
    months: list[tuple[str, Number | None]] = field(default_factory=list)  # ("2026-03", 12)
    previous_months: list[tuple[str, Number | None]] = field(default_factory=list)
    breakdown: list[tuple[str, Number, Number]] = field(default_factory=list)  # label, now, before
    trend: bool = False
    breakdown_by: str = ""  # what the breakdown is by: "sagstype", "status"

    @property
    def change(self) -> Number | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def change_percent(self) -> int | None:
        """The change as a whole percentage of last year's; None when last year was 0."""
        if self.change is None or not self.previous:
            return None
        return round(Decimal(self.change) * 100 / Decimal(self.previous))

    def to_json(self) -> dict:
        data = asdict(self)
        return _jsonable(data)

    @classmethod
    def from_json(cls, data: dict) -> "Figure":
        data = dict(data)
        for key in ("value", "previous"):
            data[key] = _number(data[key])
        for key in ("months", "previous_months"):
            data[key] = [(month, _number(value)) for month, value in data[key]]
        data["breakdown"] = [
            (label, _number(now), _number(before)) for label, now, before in data["breakdown"]
        ]
        return cls(**data)


def _jsonable(value):
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def _number(value):
    if isinstance(value, dict):
        return Decimal(value["decimal"])
    return value


def _final_field(measure: Measure, path: str):
    """The model field at the end of a lookup path such as "occasion__starts_at"."""
    model = measure.queryset().model
    *relations, name = path.split(LOOKUP_SEP)
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return model._meta.get_field(name)


def _bounds(measure: Measure, period: Period) -> tuple:
    if isinstance(_final_field(measure, measure.date_field), DateTimeField):
        return period.start_at, period.end_at
    return period.start, period.end


def _in(measure: Measure, period: Period) -> Q:
    start, end = _bounds(measure, period)
    return Q(**{f"{measure.date_field}__gte": start, f"{measure.date_field}__lt": end})


def _before_end(measure: Measure, period: Period) -> Q:
    return Q(**{f"{measure.date_field}__lt": _bounds(measure, period)[1]})


def _before_start(measure: Measure, period: Period) -> Q:
    return Q(**{f"{measure.date_field}__lt": _bounds(measure, period)[0]})


def _aggregate(queryset: QuerySet, measure: Measure) -> Number:
    return queryset.aggregate(value=measure.value)["value"] or 0


def _month_key(month: date) -> str:
    return f"{month:%Y-%m}"


def _month(measure: Measure):
    if isinstance(_final_field(measure, measure.date_field), DateTimeField):
        return TruncMonth(measure.date_field, tzinfo=COPENHAGEN)
    return TruncMonth(measure.date_field)


def _month_of(row: dict) -> str:
    month = row["month"]
    return _month_key(month.date() if isinstance(month, datetime) else month)


def _per_month(measure: Measure, condition: Q) -> dict[str, Number]:
    """The measure's flow per month where `condition` holds, in one query."""
    rows = (
        measure.queryset()
        .filter(condition)
        .annotate(month=_month(measure))
        .values("month")
        .annotate(value=measure.value)
        .order_by("month")
    )
    return {_month_of(row): row["value"] or 0 for row in rows}


def _per_month_both(
    measure: Measure, period: Period, before: Period
) -> tuple[dict[str, Number], dict[str, Number]]:
    """The flow per month in `period` and in `before`, in one query. Grouped by which period
    too: a range that starts mid-month shares a calendar month with its year before."""
    rows = (
        measure.queryset()
        .filter(_in(measure, period) | _in(measure, before))
        .annotate(
            month=_month(measure),
            current=DbCase(When(_in(measure, period), then=Value(True)), default=Value(False)),
        )
        .values("current", "month")
        .annotate(value=measure.value)
        .order_by("month")
    )
    now, earlier = {}, {}
    for row in rows:
        (now if row["current"] else earlier)[_month_of(row)] = row["value"] or 0
    return now, earlier


def _series(values: dict[str, Number], period: Period) -> list[tuple[str, Number]]:
    return [(_month_key(month), values.get(_month_key(month), 0)) for month in period.months()]


def _breakdown_counts(measure: Measure, condition: Q) -> dict:
    rows = (
        measure.queryset()
        .filter(condition)
        .values(measure.breakdown)
        .annotate(value=measure.value)
        .order_by()
    )
    return {row[measure.breakdown]: row["value"] or 0 for row in rows}


def _breakdown(measure: Measure, now: Q, before: Q) -> list[tuple[str, Number, Number]]:
    """Every choice of the breakdown field in its own order, then values outside the choices."""
    current, previous = _breakdown_counts(measure, now), _breakdown_counts(measure, before)
    choices = dict(_final_field(measure, measure.breakdown).flatchoices)
    keys = [key for key in choices if key in current or key in previous]
    keys += sorted(
        (key for key in {*current, *previous} if key not in choices), key=lambda key: str(key)
    )
    return [
        (
            str(choices.get(key) or key or _("Ikke angivet")),
            current.get(key, 0),
            previous.get(key, 0),
        )
        for key in keys
    ]


def _breakdown_by(measure: Measure) -> str:
    return str(_final_field(measure, measure.breakdown).verbose_name)


def figure(measure: Measure, period: Period) -> Figure:
    """The measure for `period` and the same period a year before."""
    before = period.year_before()
    result = Figure(
        name=measure.name,
        label=str(measure.label),
        explanation=str(measure.explanation),
        criterion=str(measure.criterion),
        unit=str(measure.unit),
        value=None,
        previous=None,
        trend=measure.trend,
    )
    if measure.compute is not None:
        result.value, result.previous = measure.compute(period), measure.compute(before)
        if measure.trend:
            result.months = _computed_months(measure, period)
            result.previous_months = _computed_months(measure, before)
        return result

    if measure.stock:
        if measure.trend:
            # The stock at the end of the last month is the stock at the end of the period.
            result.months = _cumulative(measure, period)
            result.previous_months = _cumulative(measure, before)
            result.value, result.previous = result.months[-1][1], result.previous_months[-1][1]
        else:
            result.value = _aggregate(
                measure.queryset().filter(_before_end(measure, period)), measure
            )
            result.previous = _aggregate(
                measure.queryset().filter(_before_end(measure, before)), measure
            )
        if measure.breakdown:
            result.breakdown = _breakdown(
                measure, _before_end(measure, period), _before_end(measure, before)
            )
            result.breakdown_by = _breakdown_by(measure)
        return result

    now, earlier = _per_month_both(measure, period, before)
    result.months = _series(now, period)
    result.previous_months = _series(earlier, before)
    result.value = sum(value for _month, value in result.months)
    result.previous = sum(value for _month, value in result.previous_months)
    if measure.breakdown:
        result.breakdown = _breakdown(measure, _in(measure, period), _in(measure, before))
        result.breakdown_by = _breakdown_by(measure)
    if not measure.trend:
        result.months, result.previous_months = [], []
    return result


def _computed_months(measure: Measure, period: Period) -> list[tuple[str, Number | None]]:
    if measure.compute_months is not None:
        values = measure.compute_months(period)
        return [(_month_key(month), values.get(_month_key(month))) for month in period.months()]
    return [
        (_month_key(month), measure.compute(_month_within(month, period)))
        for month in period.months()
    ]


def month_key(month: date) -> str:
    """How a month is named in a figure's series: "2026-03"."""
    return _month_key(month)


def _month_within(month: date, period: Period) -> Period:
    """The part of `month` inside `period` (a custom period may start or end mid-month)."""
    whole = Period.month(month.year, month.month)
    return Period(whole.kind, max(whole.start, period.start), min(whole.end, period.end))


def _cumulative(measure: Measure, period: Period) -> list[tuple[str, Number]]:
    """A stock at the end of each month: what there was before the period, plus each month's
    additions (two queries)."""
    running = _aggregate(measure.queryset().filter(_before_start(measure, period)), measure)
    added = _per_month(measure, _in(measure, period))
    series = []
    for month in period.months():
        running += added.get(_month_key(month), 0)
        series.append((_month_key(month), running))
    return series


@dataclass
class Section:
    criterion: str
    label: str
    figures: list[Figure]


def dashboard(period: Period, *, user=None, names: list[str] | None = None) -> list[Section]:
    """Every measure `user` may see (or only those in `names`), grouped by success criterion
    in the strategy's order."""
    chosen = [
        measure for measure in measures.entries(user=user) if names is None or measure.name in names
    ]
    return [
        Section(
            criterion=criterion.value,
            label=str(criterion.label),
            figures=[
                figure(measure, period) for measure in chosen if measure.criterion == criterion
            ],
        )
        for criterion in Criterion
    ]
