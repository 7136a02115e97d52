"""Measures and rows for the report, export and public-figure tests: companies made on given
days, counted by two test measures whose right answers the tests work out by hand."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Sum

from portal.dashboard.measures import Criterion, Measure, Unit
from portal.dashboard.models import Tally
from portal.registry.models import Company
from tests.factories import CompanyFactory

CPH = ZoneInfo("Europe/Copenhagen")

NEW_COMPANIES = Measure(
    name="tests.new_companies",
    label="Nye virksomheder i registret",
    explanation="Virksomheder oprettet i registret i perioden.",
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: Company.objects.all(),
    date_field="created_at",
    breakdown="kind",
    trend=True,
    public=True,
)

SOCIAL_ECONOMY = Measure(
    name="tests.social_economy",
    label="Socialøkonomiske virksomheder",
    explanation="Socialøkonomiske virksomheder i registret ved periodens slutning.",
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: Company.objects.filter(kind=Company.Kind.SOCIAL_ECONOMY),
    date_field="created_at",
    stock=True,
    public=True,
)

GRANTED = Measure(
    name="tests.granted",
    label="Bevilget",
    explanation="Beløb bevilget i perioden.",
    criterion=Criterion.PARTNERSHIPS,
    queryset=lambda: Tally.objects.filter(name="tests.kroner"),
    date_field="day",
    value=Sum("count"),
    unit=Unit.KRONER,
)

NOT_PUBLIC = Measure(
    name="tests.secret",
    label="Ikke offentligt",
    explanation="Kun til udvalget.",
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Tally.objects.filter(name="tests.secret"),
    date_field="day",
    value=Sum("count"),
)

ALL = (NEW_COMPANIES, SOCIAL_ECONOMY, GRANTED, NOT_PUBLIC)


def company(created: datetime, **fields) -> Company:
    made = CompanyFactory(**fields)
    Company.objects.filter(pk=made.pk).update(created_at=created)  # auto_now_add
    return made


def third_quarters() -> None:
    """Q3 2026: 3 companies (2 social-economy), Q3 2025: 2 (1 social-economy); one in 2024.
    Granted: 12.500 kr. in Q3 2026, 10.000 kr. in Q3 2025."""
    company(datetime(2024, 5, 1, 12, tzinfo=CPH), kind=Company.Kind.SOCIAL_ECONOMY)
    company(datetime(2025, 7, 10, 12, tzinfo=CPH), kind=Company.Kind.SOCIAL_ECONOMY)
    company(datetime(2025, 9, 30, 12, tzinfo=CPH))
    company(datetime(2026, 7, 1, 9, tzinfo=CPH), kind=Company.Kind.SOCIAL_ECONOMY)
    company(datetime(2026, 8, 15, 9, tzinfo=CPH), kind=Company.Kind.SOCIAL_ECONOMY)
    company(datetime(2026, 9, 30, 23, 30, tzinfo=CPH))  # still Q3 in Copenhagen
    company(datetime(2026, 10, 1, 0, 30, tzinfo=CPH))  # Q4
    Tally.objects.create(name="tests.kroner", day="2026-08-01", count=12500)
    Tally.objects.create(name="tests.kroner", day="2025-08-01", count=10000)
