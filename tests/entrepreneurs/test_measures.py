"""Principle 3's measures for success criterion 3: course enrolments, applications, kroner
granted and what is left of the pools. Each expected number is worked out in a comment."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from entrepreneurs.applications.demo import load_demo_applications
from entrepreneurs.courses.demo import load_demo_courses
from entrepreneurs.demo_history import (
    PAST_APPLICATIONS,
    PAST_SESSIONS,
    load_demo_entrepreneurs_history,
)
from entrepreneurs.measures import (
    APPLICATIONS,
    ENROLMENTS,
    GRANTED,
    POOL_REMAINING,
    pool_remaining,
)
from entrepreneurs.models import ApplicationDraft, CourseSession, Decision, SchemePeriod
from portal.cases.models import Case
from portal.dashboard.compute import dashboard, figure
from portal.dashboard.measures import measures
from portal.dashboard.periods import Period
from portal.registrations.models import Registration
from portal.registry.demo import load_demo_arrivals, load_demo_companies
from tests.entrepreneurs.factories import (
    CourseSessionFactory,
    GrantApplicationFactory,
    SupportSchemeFactory,
)
from tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
APPROVED, REJECTED = Decision.Outcome.APPROVED, Decision.Outcome.REJECTED


def _now() -> datetime:
    return timezone.localtime()


def _at(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CPH)


def _decide(application, by, outcome, amount, decided_at, *, pool_year=None, corrects=None):
    return Decision.objects.create(
        application=application,
        outcome=outcome,
        amount=amount if outcome == APPROVED else None,
        reasons="Begrundelse.",
        legal_basis="Lov om erhvervsfremme § 14.",
        complaint_guidance="Klagevejledning.",
        complaint_deadline=decided_at.date(),
        # A correction counts in the pool of the decision it corrects, as decide() does.
        pool_year=pool_year or (corrects.pool_year if corrects else decided_at.year),
        corrects=corrects,
        decided_by=by,
        decided_at=decided_at,
        letter_html="<p>Brev</p>",
    )


def _grant(scheme, by, amount, decided_at, **kwargs):
    application = GrantApplicationFactory(scheme=scheme, created_at=decided_at)
    return _decide(application, by, APPROVED, amount, decided_at, **kwargs)


def _scheme(pool: int, *periods: tuple[date, date]):
    scheme = SupportSchemeFactory(yearly_pool=pool, open_period=False)
    for opens_on, closes_on in periods:
        SchemePeriod.objects.create(scheme=scheme, opens_on=opens_on, closes_on=closes_on)
    return scheme


def test_every_measure_is_registered_for_criterion_3_with_danish_text():
    for measure in (ENROLMENTS, APPLICATIONS, GRANTED, POOL_REMAINING):
        assert measures.get(measure.name) is measure
        assert measure.criterion == "new_enterprises"
        assert str(measure.label) and str(measure.explanation)
    assert (GRANTED.unit, POOL_REMAINING.unit) == ("kroner", "kroner")


def test_the_money_is_for_the_caseworker_and_the_manager_only(caseworker, manager, outsider):
    money = {GRANTED.name, POOL_REMAINING.name}
    for user in (caseworker, manager):
        assert money <= {measure.name for measure in measures.entries(user=user)}
    assert not money & {measure.name for measure in measures.entries(user=outsider)}


def test_course_enrolments_count_all_but_the_cancelled_by_copenhagen_time():
    session = CourseSessionFactory()

    def enrol(created, **fields):
        return RegistrationFactory(occasion=session.occasion, created_at=created, **fields)

    enrol(_at(2025, 3, 1))  # confirmed: counts
    enrol(_at(2025, 4, 1), waiting=True)  # on the waiting list: counts
    enrol(_at(2025, 12, 31, 23, 30), status=Registration.Status.ATTENDED)  # the last half hour
    enrol(_at(2025, 5, 1), status=Registration.Status.CANCELLED)  # cancelled: never
    enrol(_at(2026, 1, 1, 0, 30))  # the next year
    enrol(_at(2024, 9, 1))  # the year before
    # A registration for something that is not a course (a network meeting, say).
    RegistrationFactory(
        occasion=OccasionFactory(kind="network.meeting"), created_at=_at(2025, 3, 1)
    )

    result = figure(ENROLMENTS, Period.year(2025))

    # 2025: 1 March, 1 April, 31 December = 3; 2024: 1 September = 1.
    assert (result.value, result.previous) == (3, 1)
    months = dict(result.months)
    assert (months["2025-03"], months["2025-05"], months["2025-12"]) == (1, 0, 1)
    assert result.breakdown == [("Tilmeldt", 1, 1), ("På venteliste", 1, 0), ("Deltog", 1, 0)]


def test_applications_count_when_submitted_and_drafts_do_not():
    scheme = SupportSchemeFactory()
    GrantApplicationFactory(scheme=scheme, created_at=_at(2025, 6, 1))
    GrantApplicationFactory(scheme=scheme, created_at=_at(2025, 12, 31, 23, 30))
    GrantApplicationFactory(scheme=scheme, created_at=_at(2026, 1, 1, 0, 30))  # next year
    GrantApplicationFactory(scheme=scheme, created_at=_at(2024, 7, 1))  # the year before
    # A draft being filled in, never sent.
    ApplicationDraft.objects.create(
        scheme=scheme,
        email="idé@example.dk",
        created_at=_at(2025, 5, 1),
        expires_at=_at(2025, 6, 1),
    )

    result = figure(APPLICATIONS, Period.year(2025))

    # 2025: 1 June and 31 December = 2; 2024: 1 July = 1.
    assert (result.value, result.previous) == (2, 1)


def test_kroner_granted_count_by_the_decision_date_and_corrections_by_theirs(caseworker):
    scheme = SupportSchemeFactory()
    _grant(scheme, caseworker, 40_000, _at(2025, 3, 10))
    before = _grant(scheme, caseworker, 30_000, _at(2024, 11, 5))
    # Corrected in February 2025 to 20.000 kr.: 10.000 kr. less, in February.
    _decide(before.application, caseworker, APPROVED, 20_000, _at(2025, 2, 1), corrects=before)
    _decide(GrantApplicationFactory(scheme=scheme), caseworker, REJECTED, None, _at(2025, 5, 5))
    _grant(scheme, caseworker, 25_000, _at(2025, 12, 31, 23, 30))  # the last half hour
    _grant(scheme, caseworker, 10_000, _at(2026, 1, 1, 0, 30))  # the next year
    # Granted in June, turned into a refusal in August: nothing in all.
    withdrawn = _grant(scheme, caseworker, 15_000, _at(2025, 6, 1))
    _decide(withdrawn.application, caseworker, REJECTED, None, _at(2025, 8, 1), corrects=withdrawn)

    result = figure(GRANTED, Period.year(2025))

    # 2025: 40.000 − 10.000 + 25.000 + 15.000 − 15.000 = 55.000; 2024: 30.000.
    assert (result.value, result.previous) == (55_000, 30_000)
    months = dict(result.months)
    assert months["2025-02"] == -10_000
    assert (months["2025-03"], months["2025-06"], months["2025-08"]) == (40_000, 15_000, -15_000)
    assert months["2025-12"] == 25_000


def test_the_pool_remaining_is_each_open_schemes_pool_less_what_was_granted_by_then(caseworker):
    big = _scheme(
        300_000, (date(2024, 1, 1), date(2024, 12, 31)), (date(2025, 1, 1), date(2025, 12, 31))
    )
    _grant(big, caseworker, 100_000, _at(2024, 6, 1))
    _grant(big, caseworker, 40_000, _at(2025, 3, 10))
    late = _grant(big, caseworker, 50_000, _at(2025, 11, 15))
    _decide(late.application, caseworker, APPROVED, 30_000, _at(2025, 12, 20), corrects=late)
    # Decided in December for next year's pool: nothing of 2025's.
    _grant(big, caseworker, 45_000, _at(2025, 12, 28), pool_year=2026)
    # The manager allowed more than its pool: nothing is left, and never less than nothing.
    small = _scheme(100_000, (date(2025, 2, 1), date(2025, 6, 30)))
    _grant(small, caseworker, 120_000, _at(2025, 4, 1))
    # No application period in 2025, but a grant in its pool that year: it had a pool.
    quiet = _scheme(50_000)
    _grant(quiet, caseworker, 10_000, _at(2025, 5, 1))
    # Opens only in 2027: no pool in 2025.
    _scheme(200_000, (date(2027, 1, 1), date(2027, 12, 31)))

    # End of 2025: big 300.000 − 40.000 − 50.000 + 20.000 = 230.000; small 0; quiet 40.000.
    # End of 2024: only big had a pool: 300.000 − 100.000 = 200.000.
    result = figure(POOL_REMAINING, Period.year(2025))
    assert (result.value, result.previous) == (270_000, 200_000)

    # End of September 2025: big 260.000, small 0, quiet 40.000.
    assert pool_remaining(Period.quarter(2025, 3)) == 300_000
    # End of March 2025: big 260.000, small 100.000 (granted in April), quiet 50.000 (May).
    assert pool_remaining(Period.quarter(2025, 1)) == 410_000
    # No scheme had a pool in 2023: not given, rather than 0 kr.
    assert pool_remaining(Period.year(2023)) is None


def test_the_entrepreneurs_measures_for_a_year_take_a_bounded_number_of_queries(
    caseworker, django_assert_max_num_queries
):
    scheme = _scheme(300_000, (date(2025, 1, 1), date(2025, 12, 31)))
    session = CourseSessionFactory()
    for day in range(1, 11):
        RegistrationFactory(occasion=session.occasion, created_at=_at(2025, 2, day))
        _grant(scheme, caseworker, 1_000, _at(2025, 2, day))
    names = [ENROLMENTS.name, APPLICATIONS.name, GRANTED.name, POOL_REMAINING.name]

    # A flow is one query each, two more for the enrolments' breakdown; the pool one for each
    # year and one for each month of both.
    with django_assert_max_num_queries(3 + 2 + 2 + 24):
        sections = dashboard(Period.year(2025), names=names)

    figures = {f.name: f for section in sections for f in section.figures}
    # Ten enrolments, ten applications, ten grants of 1.000 kr. from a pool of 300.000 kr.
    assert figures[ENROLMENTS.name].value == 10
    assert figures[APPLICATIONS.name].value == 10
    assert figures[GRANTED.name].value == 10_000
    assert figures[POOL_REMAINING.name].value == 290_000


def test_the_demo_history_gives_last_year_numbers_and_loads_twice_without_duplicates(
    django_user_model,
):
    django_user_model.objects.create_user(username="sagsbehandler", is_staff=True)
    load_demo_companies()
    load_demo_arrivals()
    load_demo_courses()
    load_demo_applications()
    load_demo_entrepreneurs_history()
    load_demo_entrepreneurs_history()

    held = CourseSession.objects.filter(occasion__starts_at__lt=_now())
    assert held.count() == len(PAST_SESSIONS)
    decided = Decision.objects.filter(application__case__status=Case.Status.CLOSED)
    assert decided.count() == len(PAST_APPLICATIONS)
    assert all(
        case.first_answer_at for case in Case.objects.filter(kind=Case.Kind.GRANT, status="closed")
    )
    # The four registry companies new here got their grant in the history: those cases led to it.
    assert {case.company.name for case in Case.objects.filter(led_to_arrival=True)} == {
        "Gram Gårdbutik",
        "Vojens Vaskeri",
        "Christiansfeld Syværksted",
        "Haderslev Flytteservice",
    }
    # Every past decision is a first decision the pool counts; the grants add up as listed.
    granted = sum(granted or 0 for *_rest, granted in PAST_APPLICATIONS)
    assert figure(GRANTED, Period.days(date(2010, 1, 1), _now().date())).value == granted
    last_year = Period.year(_now().year - 1)
    for measure in (ENROLMENTS, APPLICATIONS, GRANTED, POOL_REMAINING):
        assert figure(measure, last_year).value, measure.name
