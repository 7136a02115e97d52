"""Load for principle 3 (`manage.py generate_load`): course sessions with enrolments, and grant
applications (each on its own case, with continuing references) with the decisions on the
closed ones, counted against two schemes' yearly pools, over the last three years. Bulk inserts
only: no e-mails, no letters rendered, no history rows."""

from datetime import timedelta

from django.utils import timezone

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
from portal.cases.models import Case
from portal.cases.workdays import add_working_days
from portal.loadgen import (
    YEARS,
    Count,
    Load,
    LoadGenerator,
    bulk_cases,
    given_dates,
    unsaved_registrations,
)
from portal.registrations.models import Occasion, Registration

ADDRESS = "Erhvervshus Sydjylland, Simmerstedvej 1A, 6100 Haderslev"
SCHEMES = [
    ("lastpulje-opstart", "Lastpuljen til opstart", 50_000, 600_000),
    ("lastpulje-udvikling", "Lastpuljen til udvikling", 100_000, 800_000),
]
COURSES = [
    ("lastkursus-fra-ide-til-virksomhed", "Fra idé til socialøkonomisk virksomhed"),
    ("lastkursus-forretningsplan", "Forretningsplan og budget"),
]
IDEAS = [
    "En café, hvor unge uden uddannelse lærer at lave mad.",
    "Et cykelværksted med job til borgere på kanten af arbejdsmarkedet.",
    "Et genbrugsværksted for møbler med praktikpladser.",
]
SCHEME_TEXT = "Lastdata: ikke en rigtig ordning."


def generate_entrepreneurs_load(load: Load) -> str:
    sessions, enrolments = _courses(load)
    applications, decisions = _grants(load)
    return (
        f"Iværksættere: {sessions} kursushold, {enrolments} kursustilmeldinger, "
        f"{applications} ansøgninger, {decisions} afgørelser."
    )


def _courses(load: Load) -> tuple[int, int]:
    """Sessions over three years (a few coming); the enrolments spread over them."""
    rng = load.rng
    courses = [
        Course.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": title,
                "description": title,
                "audience": "Iværksættere med en social idé.",
                "outcomes": "En plan\nEt budget",
                "teacher": "Erhvervshuset",
                "published": True,
            },
        )[0]
        for slug, title in COURSES
    ]
    count = load.count("sessions")
    occasions = []
    for number in range(count):
        if rng.random() < 0.06:
            day = timezone.localdate(load.now) + timedelta(days=rng.randint(5, 90))
        else:
            day = load.day(days=YEARS * 365 - 90)  # made and registered for before it
        starts_at = load.at(day, 9)
        created = min(starts_at - timedelta(days=rng.randint(30, 90)), load.now)
        occasions.append(
            Occasion(
                kind=COURSE_KIND,
                title=f"Kursushold {number + 1}",
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=7),
                registration_deadline=starts_at - timedelta(days=3),
                capacity=20,
                address=ADDRESS,
                published=True,
                created_at=created,
                updated_at=created,
            )
        )
    with given_dates(Occasion):
        Occasion.objects.bulk_create(occasions)
    CourseSession.objects.bulk_create(
        CourseSession(occasion=occasion, course=rng.choice(courses)) for occasion in occasions
    )
    wanted = load.count("enrolments")
    registrations = [
        registration
        for index, occasion in enumerate(occasions)
        for registration in unsaved_registrations(
            load,
            occasion,
            min(wanted // count + (index < wanted % count), occasion.capacity),
            name="Kursist",
        )
    ]
    Registration.objects.bulk_create(registrations, batch_size=2000)
    CourseEnrolment.objects.bulk_create(
        (
            CourseEnrolment(
                registration=registration,
                has_cvr=rng.random() < 0.3,
                idea=rng.choice(IDEAS),
            )
            for registration in registrations
        ),
        batch_size=2000,
    )
    return len(occasions), len(registrations)


def _schemes(load: Load) -> list[SupportScheme]:
    today = timezone.localdate(load.now)
    schemes = []
    for slug, name, max_amount, pool in SCHEMES:
        scheme, _created = SupportScheme.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "summary": name,
                "legal_basis": "Lov om erhvervsfremme § 14 (lastdata).",
                "eligibility": SCHEME_TEXT,
                "max_amount": max_amount,
                "yearly_pool": pool,
                "text_who_can_apply": SCHEME_TEXT,
                "text_what_is_funded": SCHEME_TEXT,
                "text_assessment": SCHEME_TEXT,
                "text_processing_time": SCHEME_TEXT,
                "complaint_guidance": SCHEME_TEXT,
                "published": False,
            },
        )
        for year in range(today.year - YEARS, today.year + 1):
            SchemePeriod.objects.get_or_create(
                scheme=scheme,
                opens_on=today.replace(year=year, month=1, day=1),
                closes_on=today.replace(year=year, month=12, day=31),
            )
        schemes.append(scheme)
    return schemes


def _grants(load: Load) -> tuple[int, int]:
    """Applications on grant cases; a closed case was decided when it closed, two in three
    granted (never more than asked for or the scheme allows), the rest refused."""
    rng = load.rng
    schemes = _schemes(load)
    cases = bulk_cases(
        load,
        load.count("grants"),
        kind=Case.Kind.GRANT,
        subjects=["Ansøgning om iværksætterstøtte"],
        contact_name="Ansøger",
        email_prefix="ansoeger",
        company_share=0.3,
    )
    applications, decisions = [], []
    for number, case in enumerate(cases):
        scheme = rng.choice(schemes)
        received_on = timezone.localdate(case.created_at)
        requested = rng.randrange(10_000, scheme.max_amount + 1, 5_000)
        application = GrantApplication(
            case=case,
            scheme=scheme,
            address="Storegade 1",
            postcode="6100",
            city="Haderslev",
            enterprise_name=f"Lastiværksætter {number + 1}",
            social_purpose=rng.choice(IDEAS),
            criterion_purpose="Socialt formål.",
            criterion_sales="Salg af ydelser.",
            criterion_surplus="Overskuddet geninvesteres.",
            criterion_independence="Uafhængig.",
            criterion_cvr="Får CVR-nummer ved opstart.",
            business_model="Salg til private og virksomheder.",
            target_group="Borgere på kanten af arbejdsmarkedet.",
            expected_employees=rng.randint(1, 5),
            amount_requested=requested,
            declared_at=case.created_at,
            expected_decision_on=add_working_days(received_on, scheme.decision_working_days),
            created_at=case.created_at,
        )
        applications.append(application)
        if case.status != Case.Status.CLOSED:
            continue
        decided_at = case.closed_at
        approved = rng.random() < 0.65
        decisions.append(
            Decision(
                application=application,
                outcome=Decision.Outcome.APPROVED if approved else Decision.Outcome.REJECTED,
                amount=min(requested, scheme.max_amount) if approved else None,
                reasons="Ansøgningen opfylder betingelserne."
                if approved
                else "Ansøgningen opfylder ikke betingelserne.",
                legal_basis=scheme.legal_basis,
                complaint_guidance=scheme.complaint_guidance,
                complaint_deadline=timezone.localdate(decided_at) + timedelta(weeks=4),
                pool_year=timezone.localdate(decided_at).year,
                decided_by=rng.choice(load.staff),
                decided_at=decided_at,
                letter_html="<p>Lastdata: intet brev.</p>",
            )
        )
    GrantApplication.objects.bulk_create(applications, batch_size=2000)
    Decision.objects.bulk_create(decisions, batch_size=2000)
    return len(applications), len(decisions)


GENERATOR = LoadGenerator(
    name="entrepreneurs",
    generate=generate_entrepreneurs_load,
    counts=(
        Count("sessions", 100, "Kursushold."),
        Count("enrolments", 400, "Kursustilmeldinger."),
        Count("grants", 300, "Ansøgninger om støtte."),
    ),
    order=50,
)
