"""Principle 3's measures for success criterion 3: course enrolments, applications for
start-up support, the kroner granted and what is left of the pools.

Money is counted by the decisions: a correction is a decision of its own, so each decision
counts what it changed, its amount less the amount of the decision it corrects. The months then
add up to what the decisions in force grant, and a period already reported keeps its number
when a grant is corrected later (the correction counts in its own month).
"""

from datetime import date

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from entrepreneurs.models import (
    COURSE_KIND,
    Decision,
    GrantApplication,
    SchemePeriod,
    SupportScheme,
)
from portal.dashboard.measures import Criterion, Measure, Unit
from portal.dashboard.periods import Period
from portal.registrations.models import Registration

# Money is the caseworker's and the manager's to see (both roles have it).
MONEY = "entrepreneurs.view_grantapplication"

# What a decision changed in kroner: a grant adds its amount; a correction adds the difference
# to the decision it corrects (a grant turned into a refusal takes the whole amount back).
CHANGE_IN_KRONER = Coalesce(F("amount"), 0) - Coalesce(F("corrects__amount"), 0)


def course_enrolments():
    return Registration.objects.filter(occasion__kind=COURSE_KIND).exclude(
        status=Registration.Status.CANCELLED
    )


def pool_remaining(period: Period) -> int | None:
    """What is left, at the end of `period`, of the pools of the year the period ends in: each
    scheme's yearly pool less what the decisions made by then grant in it (never below 0,
    when the manager has allowed more), added up over the schemes open that year or with
    grants in its pool. One query; None when no scheme had a pool that year."""
    year = period.last.year
    granted = (
        Decision.objects.filter(
            application__scheme=OuterRef("pk"), pool_year=year, decided_at__lt=period.end_at
        )
        .order_by()
        .values("application__scheme")
        .annotate(total=Sum(CHANGE_IN_KRONER, output_field=IntegerField()))
        .values("total")
    )
    open_that_year = SchemePeriod.objects.filter(
        opens_on__lte=date(year, 12, 31), closes_on__gte=date(year, 1, 1)
    ).values("scheme")
    with_grants = Decision.objects.filter(pool_year=year).values("application__scheme")
    result = (
        SupportScheme.objects.filter(Q(pk__in=open_that_year) | Q(pk__in=with_grants))
        .annotate(granted=Coalesce(Subquery(granted, output_field=IntegerField()), Value(0)))
        .aggregate(
            schemes=Count("pk"),
            remaining=Sum(Greatest(F("yearly_pool") - F("granted"), Value(0))),
        )
    )
    if not result["schemes"]:
        return None
    return result["remaining"] or 0


ENROLMENTS = Measure(
    name="entrepreneurs.course_enrolments",
    label=_("Tilmeldinger til iværksætterkurser"),
    explanation=_(
        "Tilmeldinger til kursushold, talt efter den dag, tilmeldingen kom. Tilmeldinger på "
        "venteliste tæller med, og opdelingen viser dem for sig; afmeldte tilmeldinger og "
        "tilmeldinger til aflyste hold tæller ikke."
    ),
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=course_enrolments,
    date_field="created_at",
    breakdown="status",
    trend=True,
    order=50,
)

APPLICATIONS = Measure(
    name="entrepreneurs.applications",
    label=_("Ansøgninger om iværksætterstøtte"),
    explanation=_(
        "Indsendte ansøgninger om støtte til at starte en virksomhed, talt efter den dag, de "
        "blev modtaget. Kladder, der ikke er sendt, tæller ikke."
    ),
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: GrantApplication.objects.all(),
    date_field="created_at",
    trend=True,
    order=60,
)

GRANTED = Measure(
    name="entrepreneurs.granted",
    label=_("Bevilget iværksætterstøtte"),
    explanation=_(
        "Det beløb, kommunen har bevilget i støtte, talt efter datoen for afgørelsen. Rettes "
        "en afgørelse, tæller forskellen i den måned, den blev rettet."
    ),
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: Decision.objects.all(),
    date_field="decided_at",
    value=Sum(CHANGE_IN_KRONER, output_field=IntegerField()),
    unit=Unit.KRONER,
    trend=True,
    order=70,
    permission=MONEY,
)

POOL_REMAINING = Measure(
    name="entrepreneurs.pool_remaining",
    label=_("Tilbage i støttepuljerne"),
    explanation=_(
        "Hvad der ved periodens slutning er tilbage af årets puljer: hver ordnings pulje for "
        "det år, perioden slutter i, minus det, der er bevilget af den til og med da."
    ),
    criterion=Criterion.NEW_ENTERPRISES,
    compute=pool_remaining,
    unit=Unit.KRONER,
    # No trend: month by month it would cost a query a month, and the granted kroner's trend
    # already shows how the pools are drawn down.
    order=80,
    permission=MONEY,
)

ENTREPRENEURS_MEASURES = [ENROLMENTS, APPLICATIONS, GRANTED, POOL_REMAINING]
