"""Demo data: network meetings in Haderslev, with registrations from the demo companies.

Three coming meetings (one with exactly two seats left, one full with a waiting list, one
open) and two past ones with attendance marked. Every seat is taken through register(), as the
public form takes it, so the counts, the waiting list and the e-mails are what they would be.
A meeting that is already there (by its title) is left as it is: `make run` loads the demo
every time.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from network import services
from network.models import MEETING_KIND, Meeting
from portal.accounts.demo_staff import demo_staff_user
from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.registrations import services as registrations
from portal.registrations.models import Occasion, Registration
from portal.registry.models import Company

RAADHUSET = "Haderslev Rådhus, Gåskærgade 26, 6100 Haderslev"
ERHVERVSHUSET = "Erhvervshus Sydjylland, Simmerstedvej 1A, 6100 Haderslev"
BIBLIOTEKET = "Haderslev Bibliotek, Bispegade 15, 6100 Haderslev"
KERNEN = "Café Kernen, Nørregade 41, 6100 Haderslev"

# The demo's caseworker (created by `load_demo` after the loaders; made here if need be).

# (company name, seats, needs, on the participants list); the company's demo contact registers.
DEMO_MEETINGS = [
    {
        "title": "Rekruttering fra kanten af arbejdsmarkedet",
        "days": 19,
        "hours": (15, 17),
        "capacity": 20,
        "address": RAADHUSET,
        "audience": Meeting.Audience.EVERYONE,
        "description": (
            "Hvordan finder og fastholder man medarbejdere, der har været længe væk fra "
            "arbejdsmarkedet? Café Kernen og Sønderjysk Emballage fortæller, hvad der virkede "
            "for dem, og jobcentret fortæller om løntilskud, fleksjob og mentorordninger."
        ),
        "agenda": (
            "Velkomst og kaffe\n"
            "Café Kernen: sådan oplærer vi nye medarbejdere i køkkenet\n"
            "Sønderjysk Emballage: vores første medarbejder i fleksjob\n"
            "Jobcentret: ordninger, der kan hjælpe jer i gang\n"
            "Netværk ved bordene"
        ),
        "parties": [
            ("Café Kernen", 4, "To af os er vegetarer.", True),
            ("Åens Cykelværksted", 3, "", True),
            ("Østergades Genbrug", 3, "", False),
            ("Æblehaven Grønne Hænder", 2, "Kørestolsadgang, tak.", True),
            ("Aarø Rengøringskooperativ", 2, "", True),
            ("Sønderjysk Emballage A/S", 2, "", True),
            ("Gram Tømrer og Snedker ApS", 2, "", False),
        ],
    },
    {
        "title": "Morgenmøde: partnerskaber mellem socialøkonomiske og ordinære virksomheder",
        "days": 9,
        "hours": (8, 10),
        "capacity": 12,
        "address": ERHVERVSHUSET,
        "audience": Meeting.Audience.EVERYONE,
        "description": (
            "Et morgenmøde med rundstykker om, hvordan en ordinær virksomhed og en "
            "socialøkonomisk virksomhed kan samarbejde: om underleverancer, praktikpladser og "
            "fælles opgaver. Vi sætter virksomheder sammen, der kan have glæde af hinanden."
        ),
        "agenda": (
            "Morgenmad\n"
            "Tre eksempler på partnerskaber fra Sønderjylland\n"
            "Speed-dating: mød fem virksomheder på 30 minutter\n"
            "Hvad kan kommunen hjælpe med?"
        ),
        "parties": [
            ("Café Kernen", 3, "", True),
            ("Sønderjysk Emballage A/S", 3, "Glutenfri morgenmad til én.", True),
            ("Gram Tømrer og Snedker ApS", 2, "", True),
            ("Kirkepladsens Bageri ApS", 2, "", False),
            ("Aarø Rengøringskooperativ", 2, "", True),
            # The meeting is full now: these two wait, first in line first.
            ("Åens Cykelværksted", 2, "", True),
            ("Strikkecaféen i Vojens", 1, "", True),
        ],
    },
    {
        "title": "Fastholdelse: når en medarbejder mistrives",
        "days": 33,
        "hours": (13, 15, 30),
        "capacity": 30,
        "address": BIBLIOTEKET,
        "audience": Meeting.Audience.SOCIAL_ECONOMY,
        "description": (
            "Mange socialøkonomiske virksomheder har medarbejdere, der har brug for ekstra "
            "støtte. Vi taler om de tidlige tegn på mistrivsel, den svære samtale og de "
            "muligheder, kommunen og jobcentret har for at hjælpe, før det bliver en sygemelding."
        ),
        "agenda": (
            "Oplæg: de tidlige tegn på mistrivsel\n"
            "Erfaringer fra Æblehaven Grønne Hænder\n"
            "Den svære samtale – øvelser to og to\n"
            "Spørgsmål til jobcentrets virksomhedskonsulent"
        ),
        "parties": [
            ("Æblehaven Grønne Hænder", 1, "", True),
            ("Byggeværksted for unge", 1, "", True),
            ("Østergades Genbrug", 2, "", False),
        ],
    },
    {
        "title": "Sådan sælger du til kommunen",
        "days": -40,
        "hours": (14, 16),
        "capacity": 20,
        "address": RAADHUSET,
        "audience": Meeting.Audience.SOCIAL_ECONOMY,
        "description": (
            "Kommunens indkøbere fortæller, hvordan en lille virksomhed kan byde på kommunale "
            "opgaver, og hvad sociale klausuler betyder i praksis."
        ),
        "agenda": (
            "Sådan køber kommunen ind\n"
            "Sociale klausuler og reserverede kontrakter\n"
            "Spørgsmål til indkøberne"
        ),
        # (…, attended): marked after the meeting.
        "parties": [
            ("Café Kernen", 2, "", True, True),
            ("Åens Cykelværksted", 1, "", True, True),
            ("Sønderjysk Emballage A/S", 2, "", True, True),
            ("Kirkepladsens Bageri ApS", 1, "", False, False),
            ("Aarø Rengøringskooperativ", 1, "", True, True),
        ],
    },
    {
        "title": "Netværkscafé: et år med socialøkonomi i Haderslev",
        "days": -12,
        "hours": (16, 18),
        "capacity": 25,
        "address": KERNEN,
        "audience": Meeting.Audience.EVERYONE,
        "description": (
            "Vi ser tilbage på året over kaffe og kage, hører om tre nye partnerskaber og "
            "taler om, hvad netværket skal arbejde med næste år."
        ),
        "agenda": "Kaffe og kage\nÅrets partnerskaber\nIdéer til næste år",
        "parties": [
            ("Gram Tømrer og Snedker ApS", 1, "", True, True),
            ("Æblehaven Grønne Hænder", 2, "", True, True),
            ("Østergades Genbrug", 1, "", True, False),
            ("Café Kernen", 1, "Laktosefri, tak.", True, True),
        ],
    },
]


def _moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@transaction.atomic
def load_demo_meetings() -> list[Meeting]:
    """Create the demo meetings that are not there yet; safe to run again."""
    contact_person = demo_staff_user()
    companies = {company.name: company for company in Company.objects.prefetch_related("contacts")}
    meetings = []
    for data in DEMO_MEETINGS:
        existing = Meeting.objects.filter(
            occasion__kind=MEETING_KIND, occasion__title=data["title"]
        ).first()
        if existing is None:
            existing = _create(data, contact_person=contact_person, companies=companies)
        meetings.append(existing)
    return meetings


def _create(data: dict, *, contact_person, companies: dict[str, Company]) -> Meeting:
    past = data["days"] < 0
    # A past meeting is held in the future first, so that people can register for it; then it
    # is moved back to its real date and the attendance is marked.
    today = timezone.localdate()
    day = _weekday(today + datetime.timedelta(days=abs(data["days"]) + (30 if past else 0)))
    start_hour, end_hour, *end_minute = data["hours"]
    starts_at = _moment(day, start_hour)
    meeting = services.create_meeting(
        title=data["title"],
        starts_at=starts_at,
        ends_at=_moment(day, end_hour, *end_minute),
        registration_deadline=starts_at - datetime.timedelta(days=3),
        capacity=data["capacity"],
        max_seats_per_registration=4,
        address=data["address"],
        published=True,
        description=data["description"],
        agenda=data["agenda"],
        audience=data["audience"],
        contact_person=contact_person,
        by=contact_person,
    )
    registered = []
    for number, (company_name, seats, needs, listed, *attended) in enumerate(data["parties"]):
        company = companies.get(company_name)
        person = company.contacts.all()[0] if company and company.contacts.all() else None
        if person is None:
            continue  # the registry's demo companies were changed by hand
        registration = registrations.register(
            occasion=meeting.occasion,
            contact=ContactData(name=person.name, email=person.email, phone=person.phone),
            seats=seats,
            needs=needs,
            listed=listed,
            company=company,
            language="da",
            submission_key=f"demo-network-{meeting.pk}-{number}",
        )
        registered.append((registration, attended[0] if attended else None))
    if past:
        _move_to_the_past(meeting, days=-data["days"])
        for attended in (True, False):
            registrations.mark_attendance(
                registrations=[r for r, came in registered if came is attended],
                attended=attended,
                by=contact_person,
            )
    return meeting


def _weekday(day: datetime.date, *, forward: bool = True) -> datetime.date:
    """The day itself, or the nearest weekday after it (before it): no meetings at weekends."""
    step = datetime.timedelta(days=1 if forward else -1)
    while day.weekday() >= 5:
        day += step
    return day


def _move_to_the_past(meeting: Meeting, *, days: int) -> None:
    """To the same hour `days` ago, with its registrations, as if they had been made then."""
    occasion = meeting.occasion
    day = _weekday(timezone.localdate() - datetime.timedelta(days=days), forward=False)
    held = timezone.make_aware(
        datetime.datetime.combine(day, timezone.localtime(occasion.starts_at).time())
    )
    shift = occasion.starts_at - held
    Occasion.objects.filter(pk=occasion.pk).update(
        starts_at=F("starts_at") - shift,
        ends_at=F("ends_at") - shift,
        registration_deadline=F("registration_deadline") - shift,
    )
    held_registrations = Registration.objects.filter(occasion=occasion)
    held_registrations.update(
        created_at=F("created_at") - shift, confirmed_at=F("confirmed_at") - shift
    )
    # Their confirmations (with the date before the move) were never sent: drop them.
    OutboxMessage.objects.filter(
        about_type=ContentType.objects.get_for_model(Registration),
        about_id__in=held_registrations.values("pk"),
        status=OutboxMessage.Status.QUEUED,
    ).delete()
    occasion.refresh_from_db()
