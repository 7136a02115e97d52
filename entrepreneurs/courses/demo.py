"""Demo data: the eight steps of the path page, and two courses with sessions in Haderslev.

"Fra idé til virksomhed" has a spring session nearly full (12 of 14 seats taken) and a later
one; "Økonomi og budget for iværksættere" one open session. Every seat is taken through
register(), as the public form takes it, with the enrolment's answers through `on_new`. What
is already there (a step by its link, a course by its slug, a session by its title) is left as
it is: `make run` loads the demo every time.
"""

import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify

from entrepreneurs.courses import services
from entrepreneurs.models import COURSE_KIND, Course, CourseEnrolment, CourseSession, PathStep
from portal.intake import ContactData
from portal.registrations import services as registrations

DEMO_STEPS = [
    (
        "Tag selvtjekket",
        "Få på fem minutter et overblik over, om din idé kan blive en socialøkonomisk "
        "virksomhed, og hvad du skal arbejde videre med.",
        "Tag selvtjekket",
        "/tjek/",
    ),
    (
        "Få gratis vejledning",
        "Fortæl os om din idé. En af kommunens konsulenter kontakter dig og hjælper dig med "
        "de næste skridt.",
        "Skriv til os om din idé",
        "/raadgivning/henvendelse/",
    ),
    (
        "Tag et iværksætterkursus",
        "Lær det grundlæggende om forretningsmodel, budget og socialt formål sammen med andre, "
        "der er i gang med det samme.",
        "Se de kommende kurser",
        "/ivaerksaettere/kurser/",
    ),
    (
        "Skriv en forretningsplan",
        "Beskriv, hvad du vil sælge og til hvem, hvad det koster, og hvilken forskel "
        "virksomheden skal gøre. Planen er også grundlaget for en ansøgning om støtte.",
        "Sådan skriver du en forretningsplan",
        "/viden/skriv-en-forretningsplan/",
    ),
    (
        "Vælg virksomhedsform og få et CVR-nummer",
        "Virksomhedsformen afgør ejerskab, ansvar og brugen af overskuddet. Når du har valgt, "
        "registrerer du virksomheden på virk.dk og får et CVR-nummer.",
        "Læs om virksomhedsformerne",
        "/viden/vaelg-virksomhedsform/",
    ),
    (
        "Søg om støtte til at starte",
        "Kommunen kan give et tilskud til at etablere en socialøkonomisk virksomhed. Se, hvilke "
        "ordninger du kan søge, og hvad der skal til.",
        "Se støtteordningerne",
        "/ivaerksaettere/stoette/",
    ),
    (
        "Bliv registreret socialøkonomisk virksomhed",
        "Som registreret socialøkonomisk virksomhed (RSV) viser du kunder og samarbejdspartnere, "
        "at overskuddet går til det sociale formål.",
        "Sådan bliver du RSV",
        "/viden/registreret-socialoekonomisk-virksomhed-rsv/",
    ),
    (
        "Bliv en del af netværket",
        "Mød andre socialøkonomiske og ordinære virksomheder i kommunen, del erfaringer og find "
        "samarbejdspartnere.",
        "Se netværket og møderne",
        "/netvaerk/",
    ),
]


@transaction.atomic
def load_demo_path() -> list[PathStep]:
    """The eight steps, by their link; safe to run again (a step edited by hand is kept)."""
    steps = []
    for position, (title, text, link_text, link) in enumerate(DEMO_STEPS, start=1):
        step, _created = PathStep.objects.get_or_create(
            link=link,
            defaults={
                "position": position * 10,
                "title": title,
                "text": text,
                "link_text": link_text,
            },
        )
        steps.append(step)
    return steps


IDEHUSET = "Idéhuset, Bispegade 15, 6100 Haderslev"
ERHVERVSHUSET = "Erhvervshus Sydjylland, Simmerstedvej 1A, 6100 Haderslev"

DEMO_COURSES = [
    {
        "slug": "fra-ide-til-virksomhed",
        "title": "Fra idé til virksomhed",
        "summary": (
            "Tre aftener om forretningsmodel, virksomhedsform og det sociale formål: fra en god "
            "idé til en plan, du kan gå i banken med."
        ),
        "description": (
            "Har du en idé til en virksomhed, der gør en social forskel? På kurset arbejder du "
            "med din egen idé fra første aften. Du lærer at beskrive forretningsmodellen, vælge "
            "den rigtige virksomhedsform og gøre det sociale formål til en styrke over for "
            "kunder og samarbejdspartnere.\n\nKurset er gratis og foregår på dansk. Der er kaffe "
            "og sandwich alle aftener."
        ),
        "audience": (
            "Dig, der har en idé til en socialøkonomisk virksomhed og gerne vil i gang. Du behøver "
            "ikke have et CVR-nummer endnu."
        ),
        "outcomes": (
            "At beskrive din forretningsmodel på én side\n"
            "At vælge virksomhedsform: forening, ApS, andelsselskab eller fond\n"
            "At gøre det sociale formål målbart\n"
            "Hvor du kan søge støtte, og hvad en ansøgning skal indeholde"
        ),
        "teacher": "Lene Bruun, erhvervskonsulent i Haderslev Kommune",
        "price": 0,
        "sessions": [
            # (title, days ahead, capacity, three evenings, enrolled)
            ("Fra idé til virksomhed – første hold", 12, 14, True, 12),
            ("Fra idé til virksomhed – andet hold", 47, 14, True, 3),
        ],
        "address": IDEHUSET,
    },
    {
        "slug": "oekonomi-og-budget",
        "title": "Økonomi og budget for iværksættere",
        "summary": (
            "En dag om budget, likviditet, moms og priser, så du ved, hvad virksomheden skal "
            "tjene for at løbe rundt."
        ),
        "description": (
            "Mange gode idéer går i stå, fordi økonomien er uklar. På kurset laver du et "
            "etableringsbudget og et driftsbudget for din egen virksomhed, og du lærer at sætte "
            "en pris, der både dækker udgifterne og løn til medarbejdere fra kanten af "
            "arbejdsmarkedet.\n\nTag din bærbare computer med, hvis du har en."
        ),
        "audience": (
            "Iværksættere, der er i gang med en forretningsplan, og nye socialøkonomiske "
            "virksomheder i det første år."
        ),
        "outcomes": (
            "At lave et etableringsbudget og et driftsbudget\n"
            "At regne på likviditet måned for måned\n"
            "Moms, skat og bogføring: det, du skal vide fra starten\n"
            "At sætte en pris, der holder"
        ),
        "teacher": "Karsten Holm, revisor",
        "price": 0,
        "sessions": [
            ("Økonomi og budget – hold 1", 26, 20, False, 6),
        ],
        "address": ERHVERVSHUSET,
    },
]

# The demo's enrolled entrepreneurs: (name, has a CVR number, the idea).
DEMO_PEOPLE = [
    ("Mette Hansen", False, "En café i Vojens, hvor unge uden uddannelse får deres første job."),
    ("Ali Yousef", False, "Et cykelværksted, der reparerer og sælger brugte cykler."),
    ("Birgitte Lund", True, "Et rengøringskooperativ, hvor medarbejderne ejer virksomheden."),
    ("Jens Peter Clausen", False, "Genbrug af byggematerialer fra nedrivninger."),
    ("Sofie Nørgaard", False, "Et strikkeværksted for ældre, der sælger til butikker."),
    ("Hassan Omar", True, "Catering med mad fra Mellemøsten, lavet af kvinder i jobtræning."),
    ("Lise Bertelsen", False, "En gårdbutik med grøntsager dyrket af mennesker med handicap."),
    ("Kristian Møller", False, "Flytteservice med unge fra produktionsskolen."),
    ("Anja Petersen", False, "Et vaskeri for virksomheder med medarbejdere i fleksjob."),
    ("Torben Schmidt", True, "Vedligehold af grønne områder for boligforeninger."),
    ("Nadia Ibrahim", False, "Syværksted, der laver tasker af gamle bannere."),
    ("Peter Damgaard", False, "En brugtbogsbutik med café i Gram."),
]


TUESDAY = 1
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _weekday(day: datetime.date, *, weekday: int | None = None) -> datetime.date:
    """The day itself or the next weekday after it (the next `weekday`, if given)."""
    while day.weekday() >= 5 or (weekday is not None and day.weekday() != weekday):
        day += datetime.timedelta(days=1)
    return day


def _email(name: str) -> str:
    return f"{slugify(name.lower().translate(DANISH_LETTERS)).replace('-', '.')}@example.dk"


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def load_demo_courses() -> list[Course]:
    """Create the demo courses and sessions that are not there yet; safe to run again."""
    courses = []
    for data in DEMO_COURSES:
        fields = {k: v for k, v in data.items() if k not in ("sessions", "address", "slug")}
        course, _created = Course.objects.get_or_create(
            slug=data["slug"], defaults={**fields, "published": True}
        )
        for title, days, capacity, evenings, enrolled in data["sessions"]:
            if not CourseSession.objects.filter(
                occasion__kind=COURSE_KIND, occasion__title=title
            ).exists():
                _create_session(course, title, days, capacity, evenings, enrolled, data["address"])
        courses.append(course)
    return courses


def _create_session(course, title, days, capacity, evenings, enrolled, address) -> None:
    first = timezone.localdate() + datetime.timedelta(days=days)
    if evenings:
        # Three Tuesday evenings a week apart; the occasion runs from the first to the last.
        day = _weekday(first, weekday=TUESDAY)
        last = day + datetime.timedelta(weeks=2)
        starts_at, ends_at = _moment(day, 17), _moment(last, 20)
        with translation.override("da"):
            dates = [date_format(day + datetime.timedelta(weeks=n), "j. F") for n in range(3)]
        schedule = f"3 tirsdage kl. 17–20: {dates[0]}, {dates[1]} og {dates[2]}"
    else:
        day = _weekday(first)
        starts_at, ends_at = _moment(day, 9), _moment(day, 16)
        schedule = ""
    session = services.create_session(
        course=course,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        registration_deadline=starts_at - datetime.timedelta(days=2),
        capacity=capacity,
        address=address,
        published=True,
        schedule=schedule,
    )
    for number, (name, has_cvr, idea) in enumerate(DEMO_PEOPLE[:enrolled]):

        def store(registration, has_cvr=has_cvr, idea=idea):
            CourseEnrolment.objects.create(registration=registration, has_cvr=has_cvr, idea=idea)

        registrations.register(
            occasion=session.occasion,
            contact=ContactData(name=name, email=_email(name), phone=""),
            language="da",
            submission_key=f"demo-course-{session.pk}-{number}",
            on_new=store,
        )
