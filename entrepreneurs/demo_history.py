"""Two years of demo history for the dashboard's criterion 3: course sessions already held, with
their enrolments, and applications for start-up support already decided.

The rest of the entrepreneurs demo happens "now" (coming sessions, four applications this
month). The dashboard compares a period with the year before, so it needs a past: a session of
one of the two courses every quarter, and an application decided every two months or so.

Dated back from today from a fixed seed and written in bulk (a few dozen queries). Loading again
adds nothing: the history is found by its registrations' and cases' submission keys. The old
decisions carry no letter, as if retention had removed it with the rest of the case's papers.
"""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from entrepreneurs.applications.demo import SCHEME_SLUG
from entrepreneurs.courses.demo import DEMO_PEOPLE, ERHVERVSHUSET, IDEHUSET
from entrepreneurs.models import (
    COURSE_KIND,
    Course,
    CourseEnrolment,
    CourseSession,
    Decision,
    GrantApplication,
    SchemePeriod,
    SupportScheme,
)
from portal.cases.models import Case, CaseEvent
from portal.cases.services import first_answer_facts, number_in_bulk
from portal.cases.workdays import add_working_days
from portal.registrations.models import Occasion, Registration
from portal.registry.models import Company, Contact

SEED = 2021  # the strategy's year
KEY_PREFIX = "demo-history-entrepreneurs-"
DEMO_CASEWORKER = "sagsbehandler"

# Sessions held: (course slug, days ago it started, seats, enrolled).
PAST_SESSIONS = [
    ("fra-ide-til-virksomhed", 700, 14, 11),
    ("oekonomi-og-budget", 610, 20, 9),
    ("fra-ide-til-virksomhed", 520, 14, 14),
    ("oekonomi-og-budget", 430, 20, 12),
    ("fra-ide-til-virksomhed", 330, 14, 13),
    ("oekonomi-og-budget", 250, 20, 15),
    ("fra-ide-til-virksomhed", 160, 14, 14),
    ("oekonomi-og-budget", 75, 20, 17),
]

# Applications decided: (enterprise, city, days ago received, kroner asked, kroner granted or
# None for a refusal).
PAST_APPLICATIONS = [
    ("Gram Gårdbutik", "Gram", 690, 40_000, 35_000),
    ("Vojens Vaskeri", "Vojens", 600, 50_000, 50_000),
    ("Genbrugsværkstedet Hammelev", "Hammelev", 540, 30_000, None),
    ("Christiansfeld Syværksted", "Christiansfeld", 450, 25_000, 25_000),
    ("Kaffe og Kage i Vojens", "Vojens", 380, 45_000, 30_000),
    ("Haderslev Flytteservice", "Haderslev", 300, 40_000, 40_000),
    ("Grønne Tage Sønderjylland", "Haderslev", 240, 50_000, None),
    ("Bogcaféen i Gram", "Gram", 170, 20_000, 20_000),
    ("Fjordens Fiskeværksted", "Haderslev", 110, 35_000, 35_000),
    ("Sy og Snak i Christiansfeld", "Christiansfeld", 60, 15_000, 15_000),
]


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _month(day: date) -> str:
    with translation.override("da"):
        return date_format(day, "F Y")


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@transaction.atomic
def load_demo_entrepreneurs_history() -> None:
    rng = random.Random(SEED)
    today = timezone.localdate()
    _load_sessions(today, rng)
    _load_decisions(today, rng)


def _load_sessions(today: date, rng: random.Random) -> int:
    if Registration.objects.filter(submission_key__startswith=KEY_PREFIX).exists():
        return 0
    courses = {course.slug: course for course in Course.objects.all()}
    registrations, enrolments = [], []
    for number, (slug, days_ago, capacity, enrolled) in enumerate(PAST_SESSIONS):
        course = courses.get(slug)
        if course is None:  # the courses' own demo did not run
            continue
        day = _weekday(today - timedelta(days=days_ago))
        one_day = slug == "oekonomi-og-budget"
        starts_at = _moment(day, 9 if one_day else 17)
        ends_at = _moment(day if one_day else day + timedelta(weeks=2), 16 if one_day else 20)
        occasion = Occasion.objects.create(
            kind=COURSE_KIND,
            title=f"{course.title} – {_month(day)}",
            starts_at=starts_at,
            ends_at=ends_at,
            registration_deadline=starts_at - timedelta(days=2),
            capacity=capacity,
            max_seats_per_registration=1,
            address=ERHVERVSHUSET if one_day else IDEHUSET,
            published=True,
        )
        CourseSession.objects.create(occasion=occasion, course=course)
        people = rng.sample(DEMO_PEOPLE, k=min(enrolled, len(DEMO_PEOPLE)))
        for seat, (name, has_cvr, idea) in enumerate(people + people[: enrolled - len(people)]):
            created_at = starts_at - timedelta(days=rng.randint(3, 40), hours=rng.randint(0, 10))
            cancelled = rng.random() < 0.1
            status = (
                Registration.Status.CANCELLED
                if cancelled
                else rng.choices(
                    [Registration.Status.ATTENDED, Registration.Status.NO_SHOW], [9, 1]
                )[0]
            )
            registrations.append(
                Registration(
                    occasion=occasion,
                    name=name,
                    email=f"kursist{number}.{seat}@example.dk",
                    status=status,
                    created_at=created_at,
                    confirmed_at=created_at,
                    cancelled_at=created_at + timedelta(days=2) if cancelled else None,
                    cancelled_by=Registration.CancelledBy.PERSON if cancelled else "",
                    submission_key=f"{KEY_PREFIX}course-{number}-{seat}",
                )
            )
            enrolments.append((has_cvr, idea))
    Registration.objects.bulk_create(registrations)
    CourseEnrolment.objects.bulk_create(
        CourseEnrolment(registration=registration, has_cvr=has_cvr, idea=idea)
        for registration, (has_cvr, idea) in zip(registrations, enrolments, strict=True)
    )
    return len(registrations)


def _load_decisions(today: date, rng: random.Random) -> int:
    if Case.objects.filter(submission_key__startswith=KEY_PREFIX).exists():
        return 0
    scheme = SupportScheme.objects.filter(slug=SCHEME_SLUG).first()
    caseworker = get_user_model().objects.filter(username=DEMO_CASEWORKER).first()
    if scheme is None or caseworker is None:  # the applications' demo or the users are missing
        return 0
    # The scheme was open last year too: its pool is history.
    last_year = today.year - 1
    SchemePeriod.objects.get_or_create(
        scheme=scheme, opens_on=date(last_year, 1, 1), closes_on=date(last_year, 12, 31)
    )
    # Some of the enterprises are the registry's demo companies that started or moved here with
    # the grant: the case is the one that led to it.
    companies = {
        company.name: company
        for company in Company.objects.filter(name__in=[row[0] for row in PAST_APPLICATIONS])
    }
    cases, rows = [], []
    for number, (enterprise, city, days_ago, asked, granted) in enumerate(PAST_APPLICATIONS):
        company = companies.get(enterprise)
        received_at = _moment(today - timedelta(days=days_ago), 10) + timedelta(
            minutes=rng.randint(0, 400)
        )
        deadline = add_working_days(timezone.localdate(received_at), scheme.decision_working_days)
        decided_at = _moment(
            add_working_days(timezone.localdate(received_at), rng.randint(12, 28)), 13
        )
        first_name = DEMO_PEOPLE[number % len(DEMO_PEOPLE)][0]
        contact = Contact(name=first_name, email=f"ansoeger{number}@example.dk")
        case = Case(
            kind=Case.Kind.GRANT,
            status=Case.Status.CLOSED,
            subject=f"Ansøgning om støtte: {enterprise}",
            contact=contact,
            company=company,
            led_to_arrival=bool(granted and company and company.arrival),
            assignee=caseworker,
            deadline=deadline,
            created_at=received_at,
            closed_at=decided_at,
            submission_key=f"{KEY_PREFIX}grant-{number:02d}",
        )
        for name, value in first_answer_facts(case, decided_at).items():
            setattr(case, name, value)
        cases.append(case)
        rows.append((case, enterprise, city, asked, granted, deadline, received_at, decided_at))
    Contact.objects.bulk_create([case.contact for case in cases])
    for case in cases:
        case.contact_id = case.contact.pk
    number_in_bulk(cases)
    Case.objects.bulk_create(cases)
    applications, decisions, events = [], [], []
    for case, enterprise, city, asked, granted, deadline, received_at, decided_at in rows:
        application = GrantApplication(
            case=case,
            scheme=scheme,
            address="Storegade 1",
            postcode={"Gram": "6510", "Vojens": "6500", "Christiansfeld": "6070"}.get(city, "6100"),
            city=city,
            enterprise_name=enterprise,
            legal_form="association",
            social_purpose="Job og fællesskab for mennesker på kanten af arbejdsmarkedet.",
            criterion_purpose="Et socialt formål: job og træning.",
            criterion_sales="Vi sælger varer og ydelser til private og virksomheder.",
            criterion_surplus="Overskuddet bliver i virksomheden.",
            criterion_independence="Egen bestyrelse uden offentlige medlemmer.",
            criterion_cvr="Vi har eller får et CVR-nummer ved stiftelsen.",
            business_model="Salg til private og faste aftaler med virksomheder.",
            target_group="Mennesker uden job i mere end et år.",
            expected_employees=3,
            amount_requested=asked,
            de_minimis_received=0,
            declared_at=received_at,
            expected_decision_on=deadline,
            created_at=received_at,
        )
        applications.append(application)
        decisions.append(
            Decision(
                application=application,
                outcome=Decision.Outcome.APPROVED if granted else Decision.Outcome.REJECTED,
                amount=granted,
                reasons=(
                    "Virksomheden opfylder de fem kendetegn, og budgettet er rimeligt."
                    if granted
                    else "Virksomheden opfylder ikke alle fem kendetegn."
                ),
                legal_basis=scheme.legal_basis,
                complaint_guidance=scheme.complaint_guidance,
                complaint_deadline=timezone.localdate(decided_at)
                + timedelta(weeks=scheme.complaint_weeks),
                pool_year=timezone.localdate(decided_at).year,
                decided_by=caseworker,
                decided_at=decided_at,
                letter_html="",
            )
        )
        events += [
            CaseEvent(
                case=case,
                kind=CaseEvent.Kind.STATUS_CHANGE,
                created_at=received_at,
                text="Sagen er modtaget",
                new_status=Case.Status.RECEIVED,
                shared_with_enquirer=True,
            ),
            CaseEvent(
                case=case,
                kind=CaseEvent.Kind.STATUS_CHANGE,
                created_at=decided_at,
                author=caseworker,
                old_status=Case.Status.RECEIVED,
                new_status=Case.Status.CLOSED,
                shared_with_enquirer=True,
            ),
        ]
    GrantApplication.objects.bulk_create(applications)
    Decision.objects.bulk_create(decisions)
    CaseEvent.objects.bulk_create(events)
    return len(cases)
