"""The cases' measures for the dashboard (success criterion 1: one entry to advice).

Every case counts, whatever its kind and also once anonymised: anonymisation blanks the
personal data but keeps the row, its dates and its first answer.
"""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.cases.models import Case
from portal.dashboard.compute import month_key
from portal.dashboard.measures import Criterion, Measure, Number, Unit
from portal.dashboard.periods import COPENHAGEN, Period

ONE_DECIMAL = Decimal("0.1")


def _rounded(value: Decimal) -> Number:
    """One decimal, or a whole number when there is nothing after the comma."""
    value = value.quantize(ONE_DECIMAL)
    return int(value) if value == value.to_integral_value() else value


def _median(histogram: Counter) -> Number:
    """The median of values given as {value: how many}: the middle one, or the mean of the
    two middle ones for an even count."""
    count = sum(histogram.values())
    wanted = {(count - 1) // 2, count // 2}
    found, seen = [], 0
    for value in sorted(histogram):
        for position in sorted(wanted):
            if seen <= position < seen + histogram[value]:
                found.append(value)
        seen += histogram[value]
    return _rounded(Decimal(sum(found)) / len(found))


def _answered_in(period: Period):
    return Case.objects.filter(
        first_answer_at__gte=period.start_at,
        first_answer_at__lt=period.end_at,
        first_answer_workdays__isnull=False,
    )


def median_workdays(period: Period) -> Number | None:
    """The median working days to the first answer of the cases first answered in `period`.

    One query whatever the number of cases: how many cases took each number of working days
    (a few dozen rows at most); the median is read off those counts."""
    rows = (
        _answered_in(period).values("first_answer_workdays").annotate(cases=Count("pk")).order_by()
    )
    histogram = Counter({row["first_answer_workdays"]: row["cases"] for row in rows})
    return _median(histogram) if histogram else None


def median_workdays_by_month(period: Period) -> dict[str, Number]:
    """median_workdays() for each month of `period`, in one query (counts per month and number
    of working days)."""
    rows = (
        _answered_in(period)
        .annotate(month=TruncMonth("first_answer_at", tzinfo=COPENHAGEN))
        .values("month", "first_answer_workdays")
        .annotate(cases=Count("pk"))
        .order_by()
    )
    histograms: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        histograms[month_key(row["month"].date())][row["first_answer_workdays"]] += row["cases"]
    return {month: _median(histogram) for month, histogram in histograms.items()}


def _due_in(period: Period):
    """The cases whose deadline fell in `period` and has passed, with the day of their first
    answer."""
    return Case.objects.filter(
        deadline__gte=period.start,
        deadline__lt=min(period.end, timezone.localdate()),
    ).annotate(answered_on=TruncDate("first_answer_at", tzinfo=COPENHAGEN))


# Case.first_answer_in_time in the database: answered on (Copenhagen) or before the deadline.
IN_TIME = {"due": Count("pk"), "in_time": Count("pk", filter=Q(answered_on__lte=F("deadline")))}


def _share(counts: dict) -> Number | None:
    if not counts["due"]:
        return None
    return _rounded(Decimal(counts["in_time"]) * 100 / counts["due"])


def answered_in_time(period: Period) -> Number | None:
    """The share in percent of the cases whose deadline fell in `period` and has passed that
    got their first answer by the deadline; a case still unanswered is a miss. One query."""
    return _share(_due_in(period).aggregate(**IN_TIME))


def answered_in_time_by_month(period: Period) -> dict[str, Number | None]:
    """answered_in_time() for each month of `period` (by the deadline's month), in one query."""
    rows = (
        _due_in(period)
        .annotate(month=TruncMonth("deadline"))
        .values("month")
        .annotate(**IN_TIME)
        .order_by()
    )
    return {month_key(row["month"]): _share(row) for row in rows}


RECEIVED = Measure(
    name="cases.received",
    label=_("Henvendelser modtaget"),
    explanation=_(
        "Alle sager, der er kommet ind ad portalens ene indgang: henvendelser om rådgivning, "
        "ansøgninger om støtte, forslag om partnerskab og opfølgninger. Hver sag tælles den "
        "dag, den blev modtaget (dansk tid). Anonymiserede sager tælles med."
    ),
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Case.objects.all(),
    date_field="created_at",
    breakdown="kind",
    trend=True,
    public=True,
    order=10,
)

ANSWERED = Measure(
    name="cases.answered",
    label=_("Henvendelser besvaret"),
    explanation=_(
        "Sager, der fik deres første svar i perioden, uanset hvornår de kom ind. Det første "
        "svar er den første besked fra kommunen til henvenderen: et svar, en besked sammen "
        "med en ny status eller en afgørelse."
    ),
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Case.objects.all(),
    date_field="first_answer_at",
    trend=True,
    order=11,
)

MEDIAN_WORKDAYS = Measure(
    name="cases.median_workdays",
    label=_("Arbejdsdage til første svar (median)"),
    explanation=_(
        "For sagerne, der fik deres første svar i perioden: antallet af arbejdsdage fra "
        "modtagelsen til det første svar, hvor halvdelen af sagerne blev besvaret hurtigere og "
        "halvdelen langsommere. Weekender, helligdage og kommunens lukkedage tæller ikke med."
    ),
    criterion=Criterion.ONE_ENTRY,
    compute=median_workdays,
    compute_months=median_workdays_by_month,
    unit=Unit.WORKDAYS,
    trend=True,
    order=12,
)

ANSWERED_IN_TIME = Measure(
    name="cases.answered_in_time",
    label=_("Besvaret inden for svarfristen"),
    explanation=_(
        "Af de sager, hvis svarfrist lå i perioden og er udløbet: hvor stor en andel der fik "
        "deres første svar senest på fristen. En sag, der stadig ikke er besvaret, tæller som "
        "for sent. Sager, hvis frist ikke er udløbet endnu, er ikke med. For en ansøgning om "
        "støtte er fristen den dag, afgørelsen er lovet."
    ),
    criterion=Criterion.ONE_ENTRY,
    compute=answered_in_time,
    compute_months=answered_in_time_by_month,
    unit=Unit.PERCENT,
    trend=True,
    order=13,
)

CASE_MEASURES = [RECEIVED, ANSWERED, MEDIAN_WORKDAYS, ANSWERED_IN_TIME]
