"""The network's measures for the dashboard (success criterion 2), each on hand-made rows with the
right answer counted by hand in the test: the year 2025 against 2024, with rows on both sides of
the years' edges in Copenhagen time."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network.measures import MEASURES, follow_ups_overdue
from network.models import FollowUp, Meeting
from portal.dashboard.compute import figure
from portal.dashboard.measures import Criterion, measures
from portal.dashboard.periods import Period
from portal.registrations.models import Registration
from tests.factories import CompanyFactory, OccasionFactory, RegistrationFactory
from tests.network.factories import FollowUpFactory, MeetingFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")
YEAR = Period.year(2025)

S = Registration.Status


def measure(name: str):
    return next(entry for entry in measures.entries() if entry.name == name)


def at(*args, tz=CPH) -> datetime:
    return datetime(*args, tzinfo=tz)


def meeting(starts: datetime, **occasion) -> Meeting:
    return MeetingFactory(
        occasion__starts_at=starts, **{f"occasion__{k}": v for k, v in occasion.items()}
    )


def registration(held: Meeting, status: str = S.CONFIRMED, **fields) -> Registration:
    fields.setdefault("created_at", held.occasion.starts_at - timedelta(days=10))
    return RegistrationFactory(occasion=held.occasion, status=status, **fields)


def test_every_measure_is_registered_for_criterion_two_in_danish():
    registered = {entry.name: entry for entry in measures.entries()}

    for declared in MEASURES:
        assert registered[declared.name] == declared
        assert declared.criterion == Criterion.PARTNERSHIPS
        assert str(declared.label) and str(declared.explanation).endswith(".")
    assert {m.name for m in MEASURES if m.public} == {
        "network.meetings_held",
        "network.attendance",
    }


def test_meetings_held_by_their_start_in_copenhagen_not_cancelled_nor_drafts():
    meeting(at(2024, 12, 31, 23, 30))  # the evening of New Year's Eve: 2024
    meeting(at(2024, 12, 31, 23, 30, tz=UTC))  # 00:30 on 1 January 2025 in Copenhagen
    meeting(at(2025, 6, 12, 15))
    meeting(at(2025, 12, 31, 23, 30))
    meeting(at(2025, 3, 5, 15), cancelled_at=at(2025, 3, 1), cancellation_reason="Sygdom.")
    meeting(at(2025, 4, 5, 15), published=False)
    meeting(at(2026, 1, 1, 0, 30))

    result = figure(measure("network.meetings_held"), YEAR)

    assert (result.value, result.previous) == (3, 1)
    assert [month for month, value in result.months if value] == ["2025-01", "2025-06", "2025-12"]


def test_a_meeting_is_held_once_it_has_begun():
    today = timezone.localdate()
    now = timezone.now()
    meeting(now - timedelta(days=2))
    meeting(now + timedelta(hours=2))  # later today, or just after midnight: not held yet

    result = figure(
        measure("network.meetings_held"),
        Period.days(today - timedelta(days=20), today + timedelta(days=1)),
    )

    assert result.value == 1


def test_registrations_count_the_waiting_list_but_not_the_cancelled():
    january = meeting(at(2025, 1, 20, 15))
    other_kind = OccasionFactory(starts_at=at(2025, 2, 1, 9))  # a course session, say
    registration(january, created_at=at(2024, 12, 31, 23, 30))  # 2024
    registration(january, created_at=at(2024, 12, 31, 23, 30, tz=UTC))  # 1 January 2025
    registration(january, S.WAITING, created_at=at(2025, 1, 2))
    registration(january, S.ATTENDED, created_at=at(2025, 1, 3))
    registration(january, S.NO_SHOW, created_at=at(2025, 1, 4))
    registration(january, S.CANCELLED, created_at=at(2025, 1, 5), cancelled_at=at(2025, 1, 6))
    RegistrationFactory(occasion=other_kind, created_at=at(2025, 1, 7))

    result = figure(measure("network.registrations"), YEAR)

    assert (result.value, result.previous) == (4, 1)
    assert result.breakdown == [
        ("Tilmeldt", 1, 1),
        ("På venteliste", 1, 0),
        ("Deltog", 1, 0),
        ("Udeblev", 1, 0),
    ]


def test_attendance_sums_the_seats_of_those_who_came_by_the_meetings_date():
    december = meeting(at(2024, 12, 31, 23, 30))  # 2024
    new_year = meeting(at(2024, 12, 31, 23, 30, tz=UTC))  # 1 January 2025, 00:30
    registration(december, S.ATTENDED, seats=2)
    # Registered in December 2024 for the meeting held in 2025: it counts in 2025.
    registration(new_year, S.ATTENDED, seats=3, created_at=at(2024, 12, 20))
    registration(new_year, S.ATTENDED, seats=1)
    registration(new_year, S.NO_SHOW, seats=2)
    registration(new_year, S.CANCELLED, seats=4)
    registration(new_year, S.CONFIRMED, seats=1)  # attendance not marked
    RegistrationFactory(occasion__starts_at=at(2025, 2, 1, 9), status=S.ATTENDED, seats=4)

    result = figure(measure("network.attendance"), YEAR)

    assert (result.value, result.previous) == (3 + 1, 2)
    assert result.months[0] == ("2025-01", 4)


def test_companies_reached_counts_each_company_once_however_many_meetings():
    kernen, cykler, genbrug, bageri, aeblehaven = CompanyFactory.create_batch(5)
    old = meeting(at(2024, 12, 31, 23, 30))  # 2024
    first = meeting(at(2024, 12, 31, 23, 30, tz=UTC))  # 1 January 2025
    second = meeting(at(2025, 9, 10, 15))
    cancelled = meeting(at(2025, 10, 1, 15), cancelled_at=at(2025, 9, 1))
    registration(old, S.ATTENDED, company=kernen)
    registration(old, S.ATTENDED, company=aeblehaven)
    registration(first, S.ATTENDED, company=kernen)
    registration(second, S.CONFIRMED, company=kernen)  # the same company again
    registration(second, S.ATTENDED, company=kernen)  # and a colleague of theirs
    registration(first, S.NO_SHOW, company=cykler)  # had a seat
    registration(first, S.CANCELLED, company=genbrug)
    registration(second, S.WAITING, company=bageri)  # never had a seat
    registration(cancelled, S.CONFIRMED, company=aeblehaven)
    registration(second, S.ATTENDED, company=None, company_name="Uden CVR")

    result = figure(measure("network.companies_reached"), YEAR)

    # 2025: Kernen and the bicycle workshop; 2024: Kernen and Æblehaven.
    assert (result.value, result.previous) == (2, 2)


def test_companies_reached_leaves_out_meetings_not_held_yet_or_never_published():
    kernen, cykler, bageri = CompanyFactory.create_batch(3)
    now = timezone.now()
    registration(meeting(now - timedelta(days=3)), S.ATTENDED, company=kernen)
    registration(meeting(now + timedelta(days=10)), S.CONFIRMED, company=cykler)  # coming
    registration(meeting(now - timedelta(days=2), published=False), S.ATTENDED, company=bageri)
    this_year = Period.year(timezone.localdate().year)
    if (now - timedelta(days=3)).year != now.year:  # the first days of January
        this_year = Period.days(timezone.localdate() - timedelta(days=10), timezone.localdate())

    assert figure(measure("network.companies_reached"), this_year).value == 1


def _follow_up(due: date, done: date | None = None, created: datetime | None = None):
    made = FollowUpFactory(due_on=due, done_on=done)
    FollowUp.objects.filter(pk=made.pk).update(
        created_at=created or datetime.combine(due - timedelta(days=30), datetime.min.time(), CPH)
    )
    return made


def test_follow_ups_done_by_the_day_they_were_held():
    _follow_up(date(2024, 12, 1), done=date(2024, 12, 31))
    _follow_up(date(2024, 12, 1), done=date(2025, 1, 1))
    _follow_up(date(2025, 12, 1), done=date(2025, 12, 31))
    _follow_up(date(2025, 12, 1), done=date(2026, 1, 1))
    _follow_up(date(2025, 6, 1))  # still open

    result = figure(measure("network.follow_ups_done"), YEAR)

    assert (result.value, result.previous) == (2, 1)


def test_follow_ups_overdue_at_the_end_of_a_past_period():
    # Due on the last day, held after New Year: overdue when 2025 ended.
    _follow_up(date(2025, 12, 31), done=date(2026, 1, 5))
    _follow_up(date(2025, 12, 31), done=date(2025, 12, 31))  # held on the day
    _follow_up(date(2025, 6, 1), created=at(2025, 5, 1))  # never held
    _follow_up(date(2026, 1, 1))  # due after the period
    _follow_up(date(2025, 10, 1), created=at(2026, 2, 1))  # planned afterwards, back-dated
    _follow_up(date(2025, 3, 1), done=date(2025, 4, 1), created=at(2025, 1, 2))  # late but held
    # At the end of 2024: overdue, held in January.
    _follow_up(date(2024, 12, 15), done=date(2025, 1, 10), created=at(2024, 11, 1))

    result = figure(measure("network.follow_ups_overdue"), YEAR)

    # 2025: the one held on 5 January 2026 and the one never held; 2024: the one from December.
    assert (result.value, result.previous) == (2, 1)


def test_follow_ups_overdue_in_a_period_still_running_are_those_overdue_today():
    today = date(2025, 6, 15)
    running = Period.year(2025).up_to(today)
    _follow_up(date(2025, 6, 14), created=at(2025, 1, 2))  # due yesterday: overdue
    _follow_up(date(2025, 6, 15), created=at(2025, 1, 2))  # due today: not yet
    _follow_up(date(2025, 6, 1), done=date(2025, 6, 15), created=at(2025, 1, 2))  # held today

    assert follow_ups_overdue(running, today=today) == 1


def _queries() -> list[int]:
    counts = []
    for declared in MEASURES:
        with CaptureQueriesContext(connection) as queries:
            figure(declared, YEAR)
        counts.append(len(queries))
    return counts


def _rows(month: int) -> None:
    held = meeting(at(2025, month, 10, 15))
    company = CompanyFactory()
    registration(held, S.ATTENDED, company=company, seats=2)
    registration(held, S.WAITING)
    _follow_up(date(2025, month, 1), done=date(2025, month, 2))
    _follow_up(date(2025, month, 3))


def test_the_queries_for_a_figure_do_not_grow_with_the_rows():
    _rows(1)
    few = _queries()
    for month in range(2, 13):
        _rows(month)

    assert _queries() == few
    # A flow is one query (both years), a breakdown two more; computed ones one per year.
    assert max(few) <= 3


def test_the_demo_history_loads_twice_and_gives_the_dashboard_a_year_to_compare_with():
    from network.demo import load_demo_meetings
    from network.demo_followups import load_demo_follow_ups
    from network.demo_history import load_demo_follow_up_history, load_demo_meeting_history
    from portal.registry.demo import load_demo_companies

    load_demo_companies()
    for _twice in range(2):
        load_demo_meetings()
        load_demo_meeting_history()
        load_demo_follow_ups()
        load_demo_follow_up_history()
        if _twice == 0:
            counts = (
                Meeting.objects.count(),
                Registration.objects.count(),
                FollowUp.objects.count(),
            )
    assert (Meeting.objects.count(), Registration.objects.count(), FollowUp.objects.count()) == (
        counts
    )
    assert counts[0] == 5 + 10

    # Each of the last two years has something to compare (the exact counting is tested on
    # hand-made rows above; the demo's dates move with today).
    today = timezone.localdate()
    for name in [
        "network.meetings_held",
        "network.registrations",
        "network.attendance",
        "network.companies_reached",
        "network.follow_ups_done",
    ]:
        for days in (0, 365):
            last = today - timedelta(days=days)
            year = figure(measure(name), Period.days(last - timedelta(days=364), last))
            assert year.value > 0, (name, days)
    statuses = set(Registration.objects.values_list("status", flat=True))
    assert {S.ATTENDED, S.NO_SHOW, S.CANCELLED} <= statuses
