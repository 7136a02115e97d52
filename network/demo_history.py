"""Demo history for the dashboard: ten network meetings over the two years before the demo's
own (network/demo.py), with registrations from the demo companies and the attendance marked
(most came, some did not, a few cancelled; one meeting was cancelled), and follow-up dialogues
held over the same years, some of them late.

History is written as it stands after the fact, without e-mails: the registrations are made
directly in their final state instead of through register(), which would queue confirmations
for meetings long over. A meeting is found again by its title, a follow-up by its company and
agenda, so loading twice changes nothing; the dates count from today.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from network import services
from network.demo import BIBLIOTEKET, ERHVERVSHUSET, KERNEN, RAADHUSET
from network.models import MEETING_KIND, FollowUp, Meeting
from portal.accounts.demo_staff import demo_staff_user
from portal.registrations.models import Occasion, Registration
from portal.registry.models import Company

S = Registration.Status
CAME, STAYED_AWAY, CANCELLED = S.ATTENDED, S.NO_SHOW, S.CANCELLED
Audience = Meeting.Audience
Topic = FollowUp.Topic

# (title, days ago, hours, address, audience, description, parties as (company, seats,
# outcome)); a meeting with "cancelled" was called off that many days before it.
MEETINGS = [
    {
        "title": "Opstartsmøde: netværket for socialøkonomi i Haderslev",
        "days": 700,
        "hours": (15, 17),
        "address": RAADHUSET,
        "audience": Audience.EVERYONE,
        "description": "Netværkets første møde: hvad skal vi bruge hinanden til?",
        "parties": [
            ("Café Kernen", 2, CAME),
            ("Åens Cykelværksted", 1, CAME),
            ("Østergades Genbrug", 2, CAME),
            ("Æblehaven Grønne Hænder", 1, CAME),
            ("Aarø Rengøringskooperativ", 2, STAYED_AWAY),
            ("Sønderjysk Emballage A/S", 1, CAME),
        ],
    },
    {
        "title": "Sociale klausuler i kommunens udbud",
        "days": 620,
        "hours": (14, 16),
        "address": RAADHUSET,
        "audience": Audience.SOCIAL_ECONOMY,
        "description": "Indkøbsafdelingen forklarer sociale klausuler og reserverede kontrakter.",
        "parties": [
            ("Café Kernen", 1, CAME),
            ("Vojens Vaskeri", 2, CAME),
            ("Haderslev Flytteservice", 1, CAME),
            ("Christiansfeld Syværksted", 1, CANCELLED),
            ("Aarø Rengøringskooperativ", 1, CAME),
        ],
    },
    {
        "title": "Morgenmøde: når ordinære og socialøkonomiske virksomheder mødes",
        "days": 540,
        "hours": (8, 10),
        "address": ERHVERVSHUSET,
        "audience": Audience.EVERYONE,
        "description": "Speed-dating mellem ordinære og socialøkonomiske virksomheder.",
        "parties": [
            ("Sønderjysk Emballage A/S", 2, CAME),
            ("Kirkepladsens Bageri ApS", 1, CAME),
            ("Gram Tømrer og Snedker ApS", 1, STAYED_AWAY),
            ("Christiansfeld Syværksted", 1, CAME),
            ("Aarø Rengøringskooperativ", 2, CAME),
            ("Gram Gårdbutik", 1, CAME),
        ],
    },
    {
        "title": "Frivillige i socialøkonomiske virksomheder",
        "days": 470,
        "hours": (16, 18),
        "address": BIBLIOTEKET,
        "audience": Audience.SOCIAL_ECONOMY,
        "description": "Hvordan finder, fastholder og takker man frivillige?",
        "cancelled": 5,
        "parties": [
            ("Østergades Genbrug", 2, CANCELLED),
            ("Åens Cykelværksted", 1, CANCELLED),
            ("Gram Gårdbutik", 1, CANCELLED),
        ],
    },
    {
        "title": "Løntilskud, fleksjob og mentorer: jobcentrets ordninger",
        "days": 400,
        "hours": (13, 15),
        "address": RAADHUSET,
        "audience": Audience.EVERYONE,
        "description": "Jobcentret gennemgår ordningerne og svarer på spørgsmål.",
        "parties": [
            ("Café Kernen", 2, CAME),
            ("Vojens Vaskeri", 1, CAME),
            ("Sønderjysk Emballage A/S", 1, CAME),
            ("Æblehaven Grønne Hænder", 2, CAME),
            ("Haderslev Flytteservice", 1, STAYED_AWAY),
            ("Kirkepladsens Bageri ApS", 1, CANCELLED),
            ("Gram Tømrer og Snedker ApS", 1, CAME),
        ],
    },
    {
        "title": "Netværkscafé: et år med netværket",
        "days": 340,
        "hours": (16, 18),
        "address": KERNEN,
        "audience": Audience.EVERYONE,
        "description": "Vi ser tilbage på netværkets første år over kaffe og kage.",
        "parties": [
            ("Café Kernen", 3, CAME),
            ("Åens Cykelværksted", 2, CAME),
            ("Østergades Genbrug", 1, CAME),
            ("Christiansfeld Syværksted", 1, CAME),
            ("Gram Gårdbutik", 2, STAYED_AWAY),
        ],
    },
    {
        "title": "Økonomistyring for små socialøkonomiske virksomheder",
        "days": 270,
        "hours": (15, 17),
        "address": ERHVERVSHUSET,
        "audience": Audience.SOCIAL_ECONOMY,
        "description": "Budget, likviditet og regnskab, når overskuddet går til formålet.",
        "parties": [
            ("Vojens Vaskeri", 1, CAME),
            ("Christiansfeld Syværksted", 1, CAME),
            ("Haderslev Flytteservice", 2, CAME),
            ("Aarø Rengøringskooperativ", 1, CAME),
            ("Æblehaven Grønne Hænder", 1, CANCELLED),
        ],
    },
    {
        "title": "Fra praktik til læreplads",
        "days": 200,
        "hours": (14, 16),
        "address": RAADHUSET,
        "audience": Audience.EVERYONE,
        "description": "Virksomheder fortæller, hvordan en praktik blev til en læreplads.",
        "parties": [
            ("Gram Tømrer og Snedker ApS", 2, CAME),
            ("Åens Cykelværksted", 1, CAME),
            ("Sønderjysk Emballage A/S", 1, STAYED_AWAY),
            ("Café Kernen", 1, CAME),
            ("Østergades Genbrug", 1, CAME),
        ],
    },
    {
        "title": "Grøn omstilling i socialøkonomiske virksomheder",
        "days": 130,
        "hours": (15, 17),
        "address": BIBLIOTEKET,
        "audience": Audience.EVERYONE,
        "description": "Genbrug, mindre madspild og grønne opgaver som forretning.",
        "parties": [
            ("Æblehaven Grønne Hænder", 2, CAME),
            ("Gram Gårdbutik", 1, CAME),
            ("Kirkepladsens Bageri ApS", 1, CAME),
            ("Østergades Genbrug", 2, CAME),
            ("Vojens Vaskeri", 1, STAYED_AWAY),
        ],
    },
    {
        "title": "Sådan fortæller I jeres sociale formål",
        "days": 75,
        "hours": (9, 11),
        "address": ERHVERVSHUSET,
        "audience": Audience.SOCIAL_ECONOMY,
        "description": "Kommunikation om det sociale formål på hjemmesiden og i tilbud.",
        "parties": [
            ("Café Kernen", 1, CAME),
            ("Christiansfeld Syværksted", 1, CAME),
            ("Haderslev Flytteservice", 1, CAME),
            ("Aarø Rengøringskooperativ", 2, CANCELLED),
            ("Åens Cykelværksted", 1, CAME),
        ],
    },
]

# Held follow-ups: (CVR, topics, agenda, due days ago, held days ago).
FOLLOW_UPS = [
    ("96100159", [Topic.DEVELOPMENT], "Opstart af frokostordningen: hvad mangler I?", 650, 648),
    ("96100310", [Topic.RECRUITMENT], "Rekruttering af unge til værkstedet.", 600, 590),
    ("96100426", [Topic.RETENTION], "Fastholdelse af de frivillige i butikken.", 520, 530),
    ("96100582", [Topic.PARTNERSHIPS], "Samarbejde med kommunens Park og Vej?", 470, 460),
    ("96101066", [Topic.DEVELOPMENT], "Vaskeriets nye kunder efter aftalen.", 420, 400),
    ("96100647", [Topic.RECRUITMENT, Topic.RETENTION], "Nye medlemmer af kooperativet.", 360, 361),
    ("96101074", [Topic.DEVELOPMENT], "Syværkstedet efter aftalen sluttede.", 300, 270),
    ("96101082", [Topic.PARTNERSHIPS], "Flere kommunale flytteopgaver?", 240, 239),
    ("96101058", [Topic.DEVELOPMENT], "Gårdbutikkens salg til caféer.", 170, 150),
    ("96100159", [Topic.RETENTION], "Fastholdelse af køkkenholdet.", 110, 112),
    ("96100310", [Topic.PARTNERSHIPS], "Servicetjek af kommunens cykler: næste år?", 60, 58),
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _weekday_before(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


@transaction.atomic
def load_demo_meeting_history() -> list[Meeting]:
    contact_person = demo_staff_user()
    companies = {company.name: company for company in Company.objects.prefetch_related("contacts")}
    meetings = []
    for data in MEETINGS:
        meeting = Meeting.objects.filter(
            occasion__kind=MEETING_KIND, occasion__title=data["title"]
        ).first()
        if meeting is None:
            meeting = _create(data, contact_person=contact_person, companies=companies)
        meetings.append(meeting)
    return meetings


def _create(data: dict, *, contact_person, companies: dict[str, Company]) -> Meeting:
    day = _weekday_before(timezone.localdate() - datetime.timedelta(days=data["days"]))
    start_hour, end_hour = data["hours"]
    starts_at = _at(day, start_hour)
    meeting = services.create_meeting(
        title=data["title"],
        starts_at=starts_at,
        ends_at=_at(day, end_hour),
        registration_deadline=starts_at - datetime.timedelta(days=3),
        capacity=25,
        address=data["address"],
        published=True,
        description=data["description"],
        agenda="Velkomst\nOplæg\nNetværk og kaffe",
        audience=data["audience"],
        contact_person=contact_person,
        by=contact_person,
    )
    called_off = None
    if "cancelled" in data:
        called_off = starts_at - datetime.timedelta(days=data["cancelled"])
        Occasion.objects.filter(pk=meeting.pk).update(
            cancelled_at=called_off, cancellation_reason="For få tilmeldte."
        )
    rows = []
    for number, (name, seats, outcome) in enumerate(data["parties"]):
        company = companies.get(name)
        person = company.contacts.all()[0] if company and company.contacts.all() else None
        if person is None:
            continue  # the registry's demo companies were changed by hand
        registered = starts_at - datetime.timedelta(days=20 - 2 * number, hours=3)
        cancelled = outcome == CANCELLED
        rows.append(
            Registration(
                occasion=meeting.occasion,
                name=person.name,
                email=person.email,
                phone=person.phone,
                company=company,
                company_name=company.name,
                seats=seats,
                listed=True,
                status=outcome,
                created_at=registered,
                confirmed_at=registered,
                cancelled_at=(called_off or starts_at - datetime.timedelta(days=2))
                if cancelled
                else None,
                cancelled_by=(
                    (
                        Registration.CancelledBy.OCCASION
                        if called_off
                        else Registration.CancelledBy.PERSON
                    )
                    if cancelled
                    else ""
                ),
                submission_key=f"demo-network-history-{meeting.pk}-{number}",
            )
        )
    Registration.objects.bulk_create(rows)
    meeting.occasion.refresh_from_db()
    return meeting


@transaction.atomic
def load_demo_follow_up_history() -> list[FollowUp]:
    today = timezone.localdate()
    caseworker = demo_staff_user()
    companies = {company.cvr: company for company in Company.objects.filter(cvr__gt="")}
    loaded = []
    for cvr, topics, agenda, due, held in FOLLOW_UPS:
        if cvr not in companies:
            continue
        follow_up, _created = FollowUp.objects.update_or_create(
            company=companies[cvr],
            agenda=agenda,
            defaults={
                "topics": topics,
                "due_on": today - datetime.timedelta(days=due),
                "done_on": today - datetime.timedelta(days=held),
                "outcome": "Samtalen er holdt; aftaler skrevet i virksomhedens journal.",
                "assignee": caseworker,
            },
        )
        # Planned a month before it was due (created_at is set when it is first saved).
        planned = timezone.make_aware(
            datetime.datetime.combine(
                today - datetime.timedelta(days=due + 30), datetime.time(10, 0)
            )
        )
        FollowUp.objects.filter(pk=follow_up.pk).update(created_at=planned)
        loaded.append(follow_up)
    return loaded
