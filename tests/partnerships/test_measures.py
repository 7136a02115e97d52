"""The partnerships' measures for the dashboard (success criterion 2), each on hand-made rows
with the right answer counted by hand in the test: the year 2025 against 2024, with rows on both
sides of the years' edges in Copenhagen time."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.measures import MEASURES
from partnerships.models import (
    Listing,
    MatchNotice,
    Partnership,
    PartnershipResult,
    PartnershipStatusChange,
)
from portal.dashboard.compute import figure
from portal.dashboard.measures import Criterion, measures
from portal.dashboard.periods import Period
from tests.partnerships.factories import ListingFactory, PartnershipFactory, ResultFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")
YEAR = Period.year(2025)

Status = Partnership.Status
Kind = Partnership.Kind


def measure(name: str):
    return next(entry for entry in measures.entries() if entry.name == name)


def at(*args, tz=CPH) -> datetime:
    return datetime(*args, tzinfo=tz)


def partnership(created: datetime, status: str = Status.IDEA, **fields) -> Partnership:
    made = PartnershipFactory(status=status, **fields)
    Partnership.objects.filter(pk=made.pk).update(created_at=created)  # auto_now_add
    return made


def changes(made: Partnership, *steps: tuple[str, datetime]) -> None:
    for status, moment in steps:
        PartnershipStatusChange.objects.create(partnership=made, status=status, changed_at=moment)


def test_every_measure_is_registered_for_criterion_two_in_danish():
    registered = {entry.name: entry for entry in measures.entries()}

    for declared in MEASURES:
        assert registered[declared.name] == declared
        assert declared.criterion == Criterion.PARTNERSHIPS
        assert str(declared.label) and str(declared.explanation).endswith(".")
    assert {m.name for m in MEASURES if m.public} == {
        "partnerships.formed",
        "partnerships.jobs",
        "partnerships.employed_from_edge",
    }


def test_partnerships_in_the_register_at_the_end_of_the_period_by_their_status_today():
    partnership(at(2023, 6, 1), Status.ENDED)
    partnership(at(2024, 12, 31, 23, 30), Status.ACTIVE)  # 2024 in Copenhagen
    partnership(at(2024, 12, 31, 23, 30, tz=UTC), Status.IDEA)  # 00:30 on 1 January 2025
    partnership(at(2025, 12, 31, 23, 30), Status.DEVELOPMENT)
    partnership(at(2026, 1, 1, 0, 30), Status.IDEA)  # after the period

    result = figure(measure("partnerships.by_status"), YEAR)

    # End of 2025: all but the last; end of 2024: the ended one and the active one.
    assert (result.value, result.previous) == (4, 2)
    assert result.breakdown == [
        ("Idé", 1, 0),
        ("Under udvikling", 1, 0),
        ("Aktivt", 1, 1),
        ("Afsluttet", 1, 1),
    ]
    # Month by month: 3 at the end of January (the two from before and the one on 1 January),
    # still 3 at the end of November, 4 at the end of December.
    assert result.months[0] == ("2025-01", 3)
    assert result.months[10] == ("2025-11", 3)
    assert result.months[11] == ("2025-12", 4)


def test_a_stock_for_a_past_period_is_what_there_was_at_its_end():
    partnership(at(2023, 3, 1))
    partnership(at(2023, 11, 30, 23, 59))
    partnership(at(2023, 12, 1, 0, 0))  # December, after the period

    result = figure(measure("partnerships.by_status"), Period.month(2023, 11))

    assert (result.value, result.previous) == (2, 0)


def test_partnerships_by_kind():
    partnership(at(2024, 5, 1), kind=Kind.MUNICIPALITY)
    partnership(at(2025, 2, 1), kind=Kind.ORDINARY)
    partnership(at(2025, 3, 1), kind=Kind.ORDINARY)
    partnership(at(2025, 4, 1), kind=Kind.SOCIAL_ECONOMY)

    result = figure(measure("partnerships.by_kind"), YEAR)

    assert (result.value, result.previous) == (4, 1)
    assert result.breakdown == [
        ("Kommunen og en socialøkonomisk virksomhed", 1, 1),
        ("Flere socialøkonomiske virksomheder", 1, 0),
        ("En ordinær og en socialøkonomisk virksomhed", 2, 0),
    ]


def test_new_partnerships_are_counted_in_the_month_they_were_created():
    partnership(at(2024, 12, 31, 23, 30))  # 2024
    partnership(at(2024, 12, 31, 23, 30, tz=UTC))  # 1 January 2025, 00:30 in Copenhagen
    partnership(at(2025, 12, 31, 23, 30), Status.ENDED)
    partnership(at(2026, 1, 1, 0, 30))

    result = figure(measure("partnerships.new"), YEAR)

    assert (result.value, result.previous) == (2, 1)
    assert result.months[0] == ("2025-01", 1) and result.months[11] == ("2025-12", 1)
    assert sum(value for _month, value in result.months) == 2


def test_a_partnership_is_formed_the_first_time_it_is_agreed_or_active():
    kernen = partnership(at(2024, 3, 1), kind=Kind.MUNICIPALITY)
    changes(
        kernen,
        (Status.IDEA, at(2024, 3, 1)),
        (Status.AGREED, at(2024, 12, 31, 23, 30)),  # formed in 2024
        (Status.DEVELOPMENT, at(2025, 2, 1)),
        (Status.AGREED, at(2025, 5, 1)),  # again: not formed twice
        (Status.ACTIVE, at(2025, 6, 1)),
    )
    created_active = partnership(at(2024, 12, 31, 23, 30, tz=UTC), Status.ACTIVE)
    changes(created_active, (Status.ACTIVE, at(2024, 12, 31, 23, 30, tz=UTC)))  # 1 Jan 2025
    agreed_then_active = partnership(at(2025, 1, 10))
    changes(
        agreed_then_active,
        (Status.IDEA, at(2025, 1, 10)),
        (Status.AGREED, at(2025, 3, 1)),
        (Status.ACTIVE, at(2025, 4, 1)),
    )
    still_an_idea = partnership(at(2025, 2, 1))
    changes(still_an_idea, (Status.IDEA, at(2025, 2, 1)), (Status.DEVELOPMENT, at(2025, 3, 1)))
    next_year = partnership(at(2025, 11, 1))
    changes(next_year, (Status.IDEA, at(2025, 11, 1)), (Status.AGREED, at(2026, 1, 1, 0, 30)))

    result = figure(measure("partnerships.formed"), YEAR)

    # 2025: the one created active on 1 January and the one agreed in March; 2024: Kernen.
    assert (result.value, result.previous) == (2, 1)
    assert [month for month, value in result.months if value] == ["2025-01", "2025-03"]
    assert result.breakdown == [
        ("Kommunen og en socialøkonomisk virksomhed", 0, 1),
        ("En ordinær og en socialøkonomisk virksomhed", 2, 0),
    ]


def test_results_are_summed_by_their_date_and_kind():
    ResultFactory(date=date(2024, 12, 31), kind=PartnershipResult.Kind.JOBS, number=4)
    ResultFactory(date=date(2025, 1, 1), kind=PartnershipResult.Kind.JOBS, number=3)
    ResultFactory(date=date(2025, 12, 31), kind=PartnershipResult.Kind.JOBS, number=2)
    ResultFactory(date=date(2026, 1, 1), kind=PartnershipResult.Kind.JOBS, number=5)
    ResultFactory(date=date(2025, 6, 1), kind=PartnershipResult.Kind.TRAINING_PLACES, number=7)
    ResultFactory(date=date(2025, 6, 1), kind=PartnershipResult.Kind.EMPLOYED_FROM_EDGE, number=2)
    ResultFactory(date=date(2024, 6, 1), kind=PartnershipResult.Kind.EMPLOYED_FROM_EDGE, number=1)

    jobs = figure(measure("partnerships.jobs"), YEAR)
    training = figure(measure("partnerships.training_places"), YEAR)
    employed = figure(measure("partnerships.employed_from_edge"), YEAR)

    assert (jobs.value, jobs.previous) == (3 + 2, 4)
    assert (training.value, training.previous) == (7, 0)
    assert (employed.value, employed.previous) == (2, 1)
    assert jobs.months[0] == ("2025-01", 3) and jobs.months[11] == ("2025-12", 2)


def _listing(published: datetime | None, **fields) -> Listing:
    return ListingFactory(published_at=published, **fields)


def test_listings_are_counted_when_first_published_and_withdrawn_ones_not_at_all():
    offer, need = Listing.Kind.OFFER, Listing.Kind.NEED
    _listing(at(2024, 12, 31, 23, 30), kind=offer)  # 2024
    _listing(at(2025, 3, 1), kind=offer)
    _listing(at(2025, 12, 31, 23, 30), kind=need)
    # Published in July, then edited: waiting for approval again, but it was published.
    _listing(at(2025, 7, 1), kind=offer, status=Listing.Status.PENDING)
    # Published, then withdrawn by the company: not counted.
    _listing(at(2025, 5, 1), status=Listing.Status.WITHDRAWN, withdrawn_at=at(2025, 6, 1))
    # Never published: withdrawn before approval, waiting, refused.
    _listing(None, status=Listing.Status.WITHDRAWN, withdrawn_at=at(2025, 6, 1))
    _listing(None, status=Listing.Status.PENDING)
    _listing(None, status=Listing.Status.REJECTED, rejection_reason="Ikke et tilbud.")
    _listing(at(2026, 1, 1, 0, 30), kind=need)  # 2026

    result = figure(measure("partnerships.listings_published"), YEAR)

    assert (result.value, result.previous) == (3, 1)
    assert result.breakdown == [("Tilbud", 2, 1), ("Behov", 1, 0)]


def test_matches_are_the_notices_sent_in_the_period():
    first, second, third = ListingFactory(), ListingFactory(), ListingFactory()
    for listing, new, sent in [
        (first, second, at(2024, 12, 31, 23, 30)),
        (first, third, at(2025, 1, 1, 0, 30)),
        (second, third, at(2025, 12, 31, 23, 30)),
        (third, first, at(2026, 1, 1, 0, 30)),
    ]:
        notice = MatchNotice.objects.create(listing=listing, new_listing=new)
        MatchNotice.objects.filter(pk=notice.pk).update(sent_at=sent)  # auto_now_add

    result = figure(measure("partnerships.matches"), YEAR)

    assert (result.value, result.previous) == (2, 1)


def _queries() -> list[int]:
    counts = []
    for declared in MEASURES:
        with CaptureQueriesContext(connection) as queries:
            figure(declared, YEAR)
        counts.append(len(queries))
    return counts


def _rows(month: int) -> None:
    made = partnership(at(2025, month, 2))
    changes(made, (Status.AGREED, at(2025, month, 3)))
    ResultFactory(partnership=made, date=date(2025, month, 4), number=2)
    ResultFactory(
        partnership=made, date=date(2025, month, 4), kind=PartnershipResult.Kind.TRAINING_PLACES
    )
    listing = _listing(at(2025, month, 5))
    MatchNotice.objects.create(listing=listing, new_listing=ListingFactory())


def test_the_queries_for_a_figure_do_not_grow_with_the_rows():
    _rows(1)
    few = _queries()
    for month in range(2, 13):
        _rows(month)

    assert _queries() == few
    # A flow is one query (both years), a breakdown two more; a stock two, its months four.
    assert max(few) <= 8


def _demo_counts() -> list[int]:
    return [
        model.objects.count()
        for model in (Partnership, PartnershipStatusChange, PartnershipResult, Listing, MatchNotice)
    ]


def test_the_demo_history_loads_twice_and_gives_the_dashboard_a_year_to_compare_with():
    from partnerships.exchange.demo import load_demo_listing_history, load_demo_listings
    from partnerships.register.demo import load_demo_partnership_history, load_demo_partnerships
    from partnerships.register.selectors import quiet_partnerships
    from portal.registry.demo import load_demo_companies

    load_demo_companies()
    for _twice in range(2):
        load_demo_partnerships()
        load_demo_partnership_history()
        load_demo_listings()
        load_demo_listing_history()
        if _twice == 0:
            counts = _demo_counts()
    assert _demo_counts() == counts

    # Each of the last two years has something to compare (the exact counting is tested on
    # hand-made rows above; the demo's dates move with today).
    today = timezone.localdate()
    for name in [
        "partnerships.new",
        "partnerships.formed",
        "partnerships.jobs",
        "partnerships.employed_from_edge",
        "partnerships.listings_published",
        "partnerships.matches",
    ]:
        for days in (0, 365):
            last = today - timedelta(days=days)
            year = figure(measure(name), Period.days(last - timedelta(days=364), last))
            assert year.value > 0, (name, days)
    assert [p.title for p in quiet_partnerships()] == ["Grøn pleje af kommunens arealer"]
