"""The cases' measures for the dashboard (success criterion 1: one entry to advice).

Every case counts, whatever its kind and also once anonymised: anonymisation blanks the
personal data but keeps the row, its dates and its first answer.
"""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.cases.models import Case
from portal.dashboard.measures import Criterion, Measure, Number, Unit
from portal.dashboard.periods import Period

ONE_DECIMAL = Decimal("0.1")


def _rounded(value: Decimal) -> Number:
    """One decimal, or a whole number when there is nothing after the comma."""
    value = value.quantize(ONE_DECIMAL)
    return int(value) if value == value.to_integral_value() else value


def median_workdays(period: Period) -> Number | None:
    """The median working days to the first answer of the cases first answered in `period`.

    Two queries whatever the number of cases: the count, then the middle one or two values of
    the sorted column (an even count's median is the mean of its two middle values)."""
    workdays = (
        Case.objects.filter(
            first_answer_at__gte=period.start_at,
            first_answer_at__lt=period.end_at,
            first_answer_workdays__isnull=False,
        )
        .order_by("first_answer_workdays")
        .values_list("first_answer_workdays", flat=True)
    )
    count = workdays.count()
    if not count:
        return None
    middle = count // 2
    if count % 2:
        return workdays[middle]
    low, high = workdays[middle - 1 : middle + 1]
    return _rounded(Decimal(low + high) / 2)


def answered_in_time(period: Period) -> Number | None:
    """The share in percent of the cases whose deadline fell in `period` and has passed that
    got their first answer by the deadline; a case still unanswered is a miss. One query."""
    counts = Case.objects.filter(
        deadline__gte=period.start,
        deadline__lt=min(period.end, timezone.localdate()),
    ).aggregate(due=Count("pk"), in_time=Count("pk", filter=Q(first_answer_in_time=True)))
    if not counts["due"]:
        return None
    return _rounded(Decimal(counts["in_time"]) * 100 / counts["due"])


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
    unit=Unit.PERCENT,
    trend=True,
    order=13,
)

CASE_MEASURES = [RECEIVED, ANSWERED, MEDIAN_WORKDAYS, ANSWERED_IN_TIME]
