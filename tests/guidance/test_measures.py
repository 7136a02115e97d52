"""Principle 1's measures: enquiries by topic and by who asks, self-checks, article views and
contacts with companies, each worked out by hand for a period and the year before."""

from datetime import UTC, date, datetime

import pytest

from guidance.measures import (
    ARTICLE_VIEW,
    ARTICLE_VIEWS,
    ENQUIRIES_BY_ROLE,
    ENQUIRIES_BY_TOPIC,
    OUTREACH,
    SELF_CHECK,
    SELF_CHECKS,
)
from guidance.models import Enquiry, Outreach
from portal.cases.models import Case
from portal.dashboard.compute import figure
from portal.dashboard.measures import Criterion, measures
from portal.dashboard.models import Tally
from portal.dashboard.periods import COPENHAGEN, Period
from portal.privacy import services as privacy
from tests.guidance.factories import OutreachFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

Role, Topic = Enquiry.Role, Enquiry.Topic


def enquiry(at: datetime, topic: str, role: str, **case_fields) -> Enquiry:
    case = CaseFactory(created_at=at, **case_fields)
    return Enquiry.objects.create(case=case, role=role, topic=topic, message="Hej", created_at=at)


def tally(name: str, day: date, count: int, key: str = "") -> Tally:
    return Tally.objects.create(name=name, key=key, day=day, count=count)


@pytest.fixture
def enquiries():
    """Q1 2026: four enquiries (one of them at 00:30 on 1 January in Copenhagen); Q1 2025:
    one; outside both: 31 March 2026 at 22:30 UTC (00:30 on 1 April in Copenhagen)."""
    enquiry(datetime(2025, 12, 31, 23, 30, tzinfo=UTC), Topic.OTHER, Role.COMPANY)
    enquiry(datetime(2026, 1, 20, 10, tzinfo=COPENHAGEN), Topic.START, Role.ENTREPRENEUR)
    enquiry(datetime(2026, 2, 3, 10, tzinfo=COPENHAGEN), Topic.START, Role.PRIVATE)
    enquiry(datetime(2026, 3, 9, 10, tzinfo=COPENHAGEN), Topic.FUNDING, Role.ENTREPRENEUR)
    enquiry(datetime(2025, 3, 1, 10, tzinfo=COPENHAGEN), Topic.START, Role.ASSOCIATION)
    enquiry(datetime(2026, 3, 31, 22, 30, tzinfo=UTC), Topic.NETWORK, Role.PRIVATE)


def test_the_measures_belong_to_criterion_one_after_the_cases():
    names = [m.name for m in measures.entries() if m.criterion == Criterion.ONE_ENTRY]
    ours = [
        "guidance.enquiries_by_topic",
        "guidance.enquiries_by_role",
        "guidance.self_checks",
        "guidance.article_views",
        "guidance.outreach",
    ]
    assert [name for name in names if name.startswith("guidance.")] == ours
    assert names.index("cases.received") < names.index(ours[0])


def test_enquiries_by_topic_in_the_choices_order(enquiries):
    result = figure(ENQUIRIES_BY_TOPIC, Period.quarter(2026, 1))

    assert (result.value, result.previous) == (4, 1)
    assert result.breakdown == [
        ("At starte en socialøkonomisk virksomhed", 2, 1),
        ("Økonomisk støtte", 1, 0),
        ("Andet", 1, 0),
    ]


def test_enquiries_by_role(enquiries):
    result = figure(ENQUIRIES_BY_ROLE, Period.quarter(2026, 1))

    assert (result.value, result.previous) == (4, 1)
    assert result.breakdown == [
        ("Privatperson", 1, 0),
        ("Iværksætter", 2, 0),
        ("Etableret virksomhed", 1, 0),
        ("Forening", 0, 1),
    ]


def test_anonymised_enquiries_keep_their_topic_and_role(enquiries):
    old = enquiry(
        datetime(2025, 3, 20, 10, tzinfo=COPENHAGEN),
        Topic.START,
        Role.ENTREPRENEUR,
        status=Case.Status.CLOSED,
        closed_at=datetime(2025, 3, 25, 10, tzinfo=COPENHAGEN),
    )

    privacy.apply_retention(now=datetime(2030, 6, 1, tzinfo=COPENHAGEN))

    old.refresh_from_db()
    assert old.case.anonymised_at is not None and old.message == "Anonymiseret"
    # Q1 2025: the association's enquiry and the anonymised one.
    result = figure(ENQUIRIES_BY_TOPIC, Period.quarter(2025, 1))
    assert result.value == 2
    assert result.breakdown == [("At starte en socialøkonomisk virksomhed", 2, 0)]


def test_self_checks_sum_the_day_counts_by_month():
    tally(SELF_CHECK, date(2026, 1, 31), 5)
    tally(SELF_CHECK, date(2026, 2, 1), 3)
    tally(SELF_CHECK, date(2026, 4, 1), 7)  # the next quarter
    tally(SELF_CHECK, date(2025, 3, 31), 2)  # the year before
    tally(ARTICLE_VIEW, date(2026, 2, 1), 100, key="de-fem-kendetegn")  # not a self-check

    result = figure(SELF_CHECKS, Period.quarter(2026, 1))

    assert (result.value, result.previous) == (8, 2)
    assert result.months == [("2026-01", 5), ("2026-02", 3), ("2026-03", 0)]
    assert result.previous_months == [("2025-01", 0), ("2025-02", 0), ("2025-03", 2)]


def test_article_views_add_up_every_article():
    tally(ARTICLE_VIEW, date(2026, 3, 1), 12, key="de-fem-kendetegn")
    tally(ARTICLE_VIEW, date(2026, 3, 1), 4, key="finansiering")
    tally(ARTICLE_VIEW, date(2026, 3, 2), 6, key="de-fem-kendetegn")
    tally(ARTICLE_VIEW, date(2025, 3, 2), 9, key="de-fem-kendetegn")
    tally(SELF_CHECK, date(2026, 3, 1), 50)

    result = figure(ARTICLE_VIEWS, Period.month(2026, 3))

    # 12 + 4 + 6 = 22 against 9.
    assert (result.value, result.previous) == (22, 9)
    assert result.change_percent == 144


def test_outreach_by_date_and_outcome():
    for day, outcome in [
        (date(2026, 1, 1), Outreach.Outcome.INTERESTED),
        (date(2026, 6, 30), Outreach.Outcome.INTERESTED),
        (date(2026, 12, 31), Outreach.Outcome.NOT_REACHED),
        (date(2025, 5, 5), Outreach.Outcome.REFERRED_TO_PARTNERSHIP),
        (date(2027, 1, 1), Outreach.Outcome.INTERESTED),
        (date(2024, 12, 31), Outreach.Outcome.INTERESTED),
    ]:
        OutreachFactory(date=day, outcome=outcome)

    result = figure(OUTREACH, Period.year(2026))

    assert (result.value, result.previous) == (3, 1)
    assert dict(result.months)["2026-06"] == 1
    assert result.breakdown == [
        ("Interesseret", 2, 0),
        ("Henvist til partnerskab", 0, 1),
        ("Ikke truffet", 1, 0),
    ]


@pytest.mark.parametrize("days", [3, 30])
def test_a_flow_costs_one_query_and_two_more_with_a_breakdown(days, django_assert_num_queries):
    for day in range(1, days + 1):
        tally(SELF_CHECK, date(2026, 1 + day % 12, 1 + day % 28), 1)
        OutreachFactory(date=date(2026, 1 + day % 12, 1 + day % 28))

    with django_assert_num_queries(1):
        assert figure(SELF_CHECKS, Period.year(2026)).value == days
    with django_assert_num_queries(3):
        assert figure(OUTREACH, Period.year(2026)).value == days
