"""The demo's two years of history: believable numbers for the dashboard, loaded again without
duplicates, in a bounded number of queries."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from guidance.demo_history import KEY_PREFIX, load_demo_history
from guidance.measures import ARTICLE_VIEW, SELF_CHECK
from guidance.models import Enquiry, Outreach
from portal.cases.measures import ANSWERED_IN_TIME, MEDIAN_WORKDAYS, RECEIVED
from portal.cases.models import Case, CaseCounter, CaseEvent
from portal.dashboard.compute import figure
from portal.dashboard.models import Tally
from portal.dashboard.periods import Period
from portal.registry.demo import load_demo_companies

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    load_demo_companies()
    return load_demo_history()


def test_two_years_of_enquiries_mostly_answered_within_the_deadline(history):
    today = timezone.localdate()
    cases = Case.objects.filter(submission_key__startswith=KEY_PREFIX)

    assert 110 <= history["cases"] == cases.count() <= 180
    assert Enquiry.objects.filter(case__in=cases).count() == history["cases"]
    oldest = timezone.localdate(cases.order_by("created_at").first().created_at)
    assert today - timedelta(days=740) < oldest < today - timedelta(days=670)
    assert not cases.filter(created_at__gte=timezone.now()).exists()
    # Every answered case has its answer in the journal, shown to the enquirer.
    answered = cases.filter(first_answer_at__isnull=False)
    assert answered.count() >= 0.9 * history["cases"]
    assert (
        CaseEvent.objects.filter(
            case__in=answered, kind=CaseEvent.Kind.MESSAGE, shared_with_enquirer=True
        ).count()
        == answered.count()
    )
    assert not answered.filter(first_answer_at__lte=F("created_at")).exists()

    last_year = Period.days(today - timedelta(days=365), today - timedelta(days=1))
    median = figure(MEDIAN_WORKDAYS, last_year).value
    in_time = figure(ANSWERED_IN_TIME, last_year).value
    assert 1 <= median <= 4
    assert 70 <= in_time < 100  # a few late


def test_fewer_enquiries_in_july_and_more_this_year_than_the_year_before(history):
    months = dict(figure(RECEIVED, Period.days(*_last_two_years())).months)
    july = [count for month, count in months.items() if month.endswith("-07")]
    october = [count for month, count in months.items() if month.endswith("-10")]
    assert sum(july) < sum(october)
    today = timezone.localdate()
    last_twelve = Period.days(today - timedelta(days=365), today - timedelta(days=1))
    result = figure(RECEIVED, last_twelve)
    assert result.value > result.previous


def _last_two_years():
    today = timezone.localdate()
    return today - timedelta(days=730), today - timedelta(days=1)


def test_references_follow_the_dates_and_the_counters_move_on(history):
    cases = list(
        Case.objects.filter(submission_key__startswith=KEY_PREFIX).order_by("created_at", "pk")
    )
    for year in {case.created_at.year for case in cases}:
        numbers = [
            int(case.reference.rsplit("-", 1)[1])
            for case in cases
            if timezone.localdate(case.created_at).year == year
        ]
        assert numbers == list(range(1, len(numbers) + 1))
        assert CaseCounter.objects.get(year=year).last_number == len(numbers)


def test_contacts_and_day_counts_cover_the_two_years(history):
    today = timezone.localdate()
    assert 20 <= history["outreach"] == Outreach.objects.count() <= 60
    days = Tally.objects.filter(name=SELF_CHECK).values_list("day", flat=True)
    assert max(days) == today - timedelta(days=1)
    assert min(days) < today - timedelta(days=670)
    per_day = figure_per_day(today - timedelta(days=30), today - timedelta(days=1))
    assert 3 <= per_day <= 60


def figure_per_day(first, last) -> float:
    views = Tally.objects.filter(name=ARTICLE_VIEW, day__range=(first, last))
    return sum(views.values_list("count", flat=True)) / ((last - first).days + 1)


def test_loading_again_adds_nothing(history, django_assert_max_num_queries):
    before = (Case.objects.count(), Outreach.objects.count(), Tally.objects.count())

    with django_assert_max_num_queries(10):
        again = load_demo_history()

    assert again == {"cases": 0, "outreach": 0, "tallies": 0}
    assert (Case.objects.count(), Outreach.objects.count(), Tally.objects.count()) == before


def test_the_history_is_written_in_bulk(django_assert_max_num_queries):
    load_demo_companies()
    with django_assert_max_num_queries(60):
        load_demo_history()
