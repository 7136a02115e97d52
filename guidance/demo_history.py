"""Two years of demo history for the dashboard: past enquiries and their answers, contacts the
caseworker made with companies, and the day counts of article views and self-checks.

The rest of the demo happens "now"; the dashboard compares a period with the year before and
draws months, so it needs a believable past: fewer enquiries in July and around Christmas, a
little more each year, most answered within one to six working days and a few late.

Everything is made up from a fixed seed and dated back from today, and written in bulk (a few
dozen queries, however many rows). Loading again adds nothing: the cases and the contacts with
companies are skipped once present (found by their submission keys and their notes), and day
counts are only added for days that have none, so a demo loaded last week gains the days since.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone, translation

from guidance.demo import DEMO_ARTICLES
from guidance.measures import ARTICLE_VIEW, SELF_CHECK
from guidance.models import Enquiry, Outreach
from portal.accounts.demo_staff import demo_staff_user
from portal.cases.models import Case, CaseEvent
from portal.cases.services import first_answer_deadline, first_answer_facts, number_in_bulk
from portal.cases.workdays import add_working_days, is_working_day
from portal.dashboard.models import Tally
from portal.registry.models import Company, Contact

SEED = 2021  # the strategy's year
MONTHS = 24
KEY_PREFIX = "demo-history-"

Role, Topic = Enquiry.Role, Enquiry.Topic

# How busy each month is, against an average month: the summer holiday and Christmas are quiet,
# the autumn and the new year busy.
SEASON = (1.15, 1.1, 1.1, 1.0, 1.0, 0.85, 0.35, 0.8, 1.2, 1.2, 1.1, 0.6)  # January first

# Enquiries: (weight, role, topic, message, company CVR or None for a person from PEOPLE).
ENQUIRIES = [
    (
        6,
        Role.ENTREPRENEUR,
        Topic.START,
        "Jeg har en idé til en genbrugsbutik, hvor unge uden job kan lære at sætte møbler i stand."
        " Hvordan kommer jeg i gang?",
        None,
    ),
    (
        5,
        Role.ENTREPRENEUR,
        Topic.START,
        "Jeg vil gerne starte et lille madværksted med frokostordning. Kan I hjælpe mig med budget"
        " og forretningsplan?",
        None,
    ),
    (
        3,
        Role.PRIVATE,
        Topic.START,
        "Min søster og jeg overvejer at åbne en strikkecafé for ensomme ældre. Er det en "
        "socialøkonomisk virksomhed, og hvad skal vi starte med?",
        None,
    ),
    (
        3,
        Role.ENTREPRENEUR,
        Topic.FUNDING,
        "Jeg har fået CVR-nummer og skal købe udstyr til værkstedet. Findes der støtte til at "
        "komme i gang, og hvornår kan jeg søge?",
        None,
    ),
    (
        3,
        Role.ASSOCIATION,
        Topic.FUNDING,
        "Vores forening vil ansætte en medarbejder i fleksjob i vores café. Hvilke fonde og puljer"
        " kan vi søge?",
        None,
    ),
    (
        4,
        Role.COMPANY,
        Topic.RESPONSIBILITY,
        "Vi vil gerne tage imod en borger i praktik eller løntilskud. Hvordan gør vi det, og hvem "
        "taler vi med på jobcentret?",
        "96100779",
    ),
    (
        3,
        Role.COMPANY,
        Topic.RESPONSIBILITY,
        "Vi har plads til en lærling mere og vil gerne give en ung fra kanten af arbejdsmarkedet "
        "en chance. Kan I hjælpe?",
        "96100892",
    ),
    (
        2,
        Role.COMPANY,
        Topic.PARTNERSHIP,
        "Vi leder efter en socialøkonomisk virksomhed, der kan levere brød til butikken i sæsonen."
        " Kender I nogen?",
        "96100930",
    ),
    (
        3,
        Role.COMPANY,
        Topic.PARTNERSHIP,
        "Caféen vil gerne have en fast aftale om frokoster med en lokal virksomhed. Kan I sætte os"
        " i forbindelse med nogen?",
        "96100159",
    ),
    (
        2,
        Role.COMPANY,
        Topic.PARTNERSHIP,
        "Værkstedet vil gerne samarbejde med en skole om unge, der skal prøve et praktisk fag. "
        "Hvordan kommer vi videre?",
        "96100310",
    ),
    (
        3,
        Role.COMPANY,
        Topic.NETWORK,
        "Vi vil gerne møde andre socialøkonomiske virksomheder og høre, hvordan de fastholder "
        "medarbejdere i fleksjob.",
        "96100426",
    ),
    (
        2,
        Role.COMPANY,
        Topic.NETWORK,
        "Er der et netværksmøde om salg til det offentlige snart? Vi vil gerne byde på grønne "
        "opgaver for kommunen.",
        "96100582",
    ),
    (
        2,
        Role.COMPANY,
        Topic.OTHER,
        "Vi skal lave vores første sociale regnskab som RSV. Har I et eksempel, vi kan se?",
        "96100647",
    ),
    (
        2,
        Role.PRIVATE,
        Topic.OTHER,
        "Jeg er i fleksjob og vil gerne arbejde i en socialøkonomisk virksomhed. Hvor kan jeg "
        "finde dem i kommunen?",
        None,
    ),
    (
        2,
        Role.ASSOCIATION,
        Topic.PARTNERSHIP,
        "Vores idrætsforening vil gerne have et partnerskab om rengøring af klubhuset med en "
        "socialøkonomisk virksomhed.",
        None,
    ),
    (
        1,
        Role.ASSOCIATION,
        Topic.NETWORK,
        "Kan foreninger også deltage i netværksmøderne, eller er de kun for virksomheder?",
        None,
    ),
]

# The first answer, by topic.
ANSWERS = {
    Topic.START: (
        "Tak for din henvendelse. Det lyder som en god idé. Vi foreslår et møde, hvor vi gennemgår"
        " de fem kendetegn og de første skridt. Se også artiklen »Fra idé til virksomhed«."
    ),
    Topic.FUNDING: (
        "Tak for din henvendelse. Du kan søge kommunens iværksætterstøtte på portalen, og vi "
        "sender en liste over fonde, der støtter sociale formål. Ring gerne, hvis du vil have os "
        "til at læse ansøgningen igennem."
    ),
    Topic.RESPONSIBILITY: (
        "Tak for jeres henvendelse. Vi har givet jobcentrets virksomhedskonsulent besked, og hun "
        "kontakter jer i næste uge om praktik og løntilskud."
    ),
    Topic.PARTNERSHIP: (
        "Tak for henvendelsen. Vi kender to virksomheder, der kunne passe, og spørger dem, om vi "
        "må give jer deres kontaktoplysninger. Se også partnerskabsbørsen."
    ),
    Topic.NETWORK: (
        "Tak for henvendelsen. Næste netværksmøde er slået op under »Netværk og sparring«, hvor I "
        "kan tilmelde jer med CVR-nummeret. Temaet passer godt til jeres spørgsmål."
    ),
    Topic.OTHER: (
        "Tak for din henvendelse. Du finder svar på en del af spørgsmålet i vores artikler under "
        "»Viden«, og vi ringer dig op for at tage resten."
    ),
}

# People without a company in the registry: private persons, entrepreneurs, associations.
PEOPLE = [
    ("Camilla Bech", "camilla.bech@mail.example", "Foreningen Grøn Gram"),
    ("Mads Kristensen", "mads.kristensen@mail.example", ""),
    ("Fatima Ali", "fatima.ali@mail.example", ""),
    ("Jens Peter Lund", "jp.lund@mail.example", "Haderslev Idrætsforening"),
    ("Sofie Møller", "sofie.moeller@mail.example", ""),
    ("Ole Sørensen", "ole.soerensen@mail.example", ""),
    ("Hanne Damgaard", "hanne.damgaard@mail.example", "Vojens Borgerforening"),
    ("Emil Jessen", "emil.jessen@mail.example", ""),
    ("Rikke Asmussen", "rikke.asmussen@mail.example", ""),
    ("Yusuf Kaya", "yusuf.kaya@mail.example", ""),
    ("Marianne Frost", "marianne.frost@mail.example", "Christiansfeld Frivilligcenter"),
    ("Thomas Iversen", "thomas.iversen@mail.example", ""),
]

# Contacts the caseworker made: (weight, channel, outcome, notes).
Channel, Outcome = Outreach.Channel, Outreach.Outcome
OUTREACH = [
    (4, Channel.PHONE, Outcome.INTERESTED, "Fortalte om netværksmøderne; vil gerne inviteres."),
    (
        3,
        Channel.MEETING,
        Outcome.REFERRED_TO_PARTNERSHIP,
        "Besøg i virksomheden. Vil gerne aftage ydelser fra en socialøkonomisk virksomhed; henvist"
        " til partnerskabsbørsen.",
    ),
    (
        3,
        Channel.EMAIL,
        Outcome.MORE_INFORMATION,
        "Sendte artiklen om praktik, løntilskud og fleksjob.",
    ),
    (2, Channel.PHONE, Outcome.MEETING_AGREED, "Aftalte et møde om lærepladser for unge."),
    (2, Channel.EVENT, Outcome.INTERESTED, "Talte sammen ved erhvervsdagen på rådhuset."),
    (2, Channel.PHONE, Outcome.NOT_REACHED, "Ikke truffet; lagt besked."),
    (
        1,
        Channel.PHONE,
        Outcome.NOT_NOW,
        "Har travlt i sæsonen; vil gerne kontaktes efter sommerferien.",
    ),
    (
        2,
        Channel.MEETING,
        Outcome.INTERESTED,
        "Opfølgende møde om et socialt regnskab og registrering som RSV.",
    ),
]
OUTREACH_NOTES = [notes for *_rest, notes in OUTREACH]

# Working days from receipt to the first answer, and how often: the deadline is five.
ANSWER_DAYS = [(0, 8), (1, 22), (2, 24), (3, 17), (4, 11), (5, 7), (6, 4), (7, 3), (9, 2), (12, 1)]

# How much each article is read against the others (the first is the most read).
ARTICLE_WEIGHTS = [9, 6, 5, 4, 4, 3, 3, 2, 2, 3, 2]


@dataclass
class Planned:
    received: datetime
    role: str
    topic: str
    message: str
    cvr: str | None


def _in_danish(label) -> str:
    with translation.override("da"):
        return str(label)


def _moment(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _months_back(today: date) -> list[date]:
    """The first of each of the last MONTHS months, this one included, oldest first."""
    index = today.year * 12 + today.month - 1
    return [date(month // 12, month % 12 + 1, 1) for month in range(index - MONTHS + 1, index + 1)]


def _days_of(month: date, today: date) -> list[date]:
    """The days of `month` before today, weekdays and non-holidays far more often: people write
    in office hours, and hardly between Christmas and New Year."""
    days, day = [], month
    while day.month == month.month and day < today:
        quiet = (day.month == 12 and day.day >= 22) or not is_working_day(day)
        days += [day] * (1 if quiet else 6)
        day += timedelta(days=1)
    return days


def plan_enquiries(today: date, rng: random.Random) -> list[Planned]:
    """About 150 enquiries over the last two years, oldest first."""
    weights = [weight for weight, *_rest in ENQUIRIES]
    planned = []
    for number, month in enumerate(_months_back(today)):
        # A little more each year: from about five and a half a month to about seven and a half.
        expected = (5.5 + 2.0 * number / MONTHS) * SEASON[month.month - 1]
        days = _days_of(month, today)
        if not days:
            continue
        elapsed = min(1.0, len(set(days)) / 28)
        count = max(0, round(expected * elapsed + rng.uniform(-1, 1)))
        for _number in range(count):
            day = rng.choice(days)
            _weight, role, topic, message, cvr = rng.choices(ENQUIRIES, weights)[0]
            received = _moment(day, rng.randint(7, 21), rng.randint(0, 59))
            planned.append(Planned(received, role, topic, message, cvr))
    return sorted(planned, key=lambda item: item.received)


def _answer(received: datetime, rng: random.Random) -> datetime:
    days = rng.choices([d for d, _w in ANSWER_DAYS], [w for _d, w in ANSWER_DAYS])[0]
    received_on = timezone.localdate(received)
    if days == 0 and (not is_working_day(received_on) or timezone.localtime(received).hour >= 15):
        days = 1  # nobody answers on a Sunday or after office hours
    answered_on = add_working_days(received_on, days)
    if answered_on == received_on:
        return received + timedelta(minutes=rng.randint(30, 150))
    return _moment(answered_on, rng.randint(8, 15), rng.randint(0, 59))


def _people() -> dict[str, Contact]:
    """The people from PEOPLE as contacts, by e-mail; made once."""
    found = {c.email: c for c in Contact.objects.filter(email__in=[p[1] for p in PEOPLE])}
    missing = [Contact(name=name, email=email) for name, email, _ in PEOPLE if email not in found]
    for contact in Contact.objects.bulk_create(missing):
        found[contact.email] = contact
    return found


def _status(case: Case, today: date, now: datetime, rng) -> tuple[str, datetime | None]:
    """Where the case stands today: most answered cases are closed a little after the answer.

    None is overdue: the demo's inbox has its one overdue case from the enquiries of today."""
    if case.first_answer_at is None:
        return Case.Status.RECEIVED, None
    closed_at = case.first_answer_at + timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 6))
    if closed_at < now - timedelta(days=1):
        return Case.Status.CLOSED, closed_at
    if case.deadline < today:
        return Case.Status.WAITING, None
    return rng.choice([Case.Status.WAITING, Case.Status.IN_PROGRESS]), None


def _load_cases(today: date, now: datetime, rng: random.Random, caseworker) -> int:
    if Case.objects.filter(submission_key__startswith=KEY_PREFIX).exists():
        return 0
    people = _people()
    companies = {
        c.cvr: c for c in Company.objects.filter(cvr__in={e[4] for e in ENQUIRIES if e[4]})
    }
    contacts = {}
    for contact in Contact.objects.filter(company__in=companies.values()).order_by("pk"):
        contacts.setdefault(contact.company_id, contact)
    cases, enquiries, events = [], [], []
    for number, item in enumerate(plan_enquiries(today, rng), start=1):
        company = companies.get(item.cvr) if item.cvr else None
        if item.cvr and (company is None or company.pk not in contacts):
            continue  # the registry's demo companies were changed: leave theirs out
        if company is not None:
            contact, company_name = contacts[company.pk], company.name
        else:
            # An association's enquiry from one of its people, anyone else's on their own.
            association = item.role == Role.ASSOCIATION
            _name, email, organisation = rng.choice(
                [person for person in PEOPLE if bool(person[2]) == association]
            )
            contact, company_name = people[email], organisation
        received_on = timezone.localdate(item.received)
        case = Case(
            kind=Case.Kind.ADVICE,
            subject=_in_danish(Topic(item.topic).label),
            contact=contact,
            company=company,
            assignee=caseworker,
            deadline=first_answer_deadline(received_on),
            created_at=item.received,
            submission_key=f"{KEY_PREFIX}{number:03d}",
        )
        answered_at = _answer(item.received, rng)
        if answered_at >= now and case.deadline < today:
            # Late, but answered by now: on the last working day.
            answered_at = _moment(add_working_days(today, -1), 14, 0)
        if answered_at < now:
            for name, value in first_answer_facts(case, answered_at).items():
                setattr(case, name, value)
        case.status, case.closed_at = _status(case, today, now, rng)
        cases.append(case)
        enquiries.append(
            Enquiry(
                role=item.role,
                topic=item.topic,
                message=item.message,
                company_name=company_name,
                created_at=item.received,
            )
        )
    number_in_bulk(cases)
    Case.objects.bulk_create(cases)
    for case, enquiry in zip(cases, enquiries, strict=True):
        enquiry.case = case
        events.append(
            _event(
                case,
                CaseEvent.Kind.STATUS_CHANGE,
                case.created_at,
                text="Sagen er modtaget",
                new_status=Case.Status.RECEIVED,
            )
        )
        if case.first_answer_at:
            events.append(
                _event(
                    case,
                    CaseEvent.Kind.MESSAGE,
                    case.first_answer_at,
                    text=ANSWERS[enquiry.topic],
                    author=caseworker,
                )
            )
        if case.closed_at:
            events.append(
                _event(
                    case,
                    CaseEvent.Kind.STATUS_CHANGE,
                    case.closed_at,
                    author=caseworker,
                    old_status=Case.Status.RECEIVED,
                    new_status=Case.Status.CLOSED,
                )
            )
        elif case.status != Case.Status.RECEIVED:
            events.append(
                _event(
                    case,
                    CaseEvent.Kind.STATUS_CHANGE,
                    case.first_answer_at,
                    author=caseworker,
                    old_status=Case.Status.RECEIVED,
                    new_status=case.status,
                )
            )
    Enquiry.objects.bulk_create(enquiries)
    CaseEvent.objects.bulk_create(events)
    return len(cases)


def _event(case: Case, kind: str, at: datetime, **fields) -> CaseEvent:
    return CaseEvent(case=case, kind=kind, created_at=at, shared_with_enquirer=True, **fields)


def _load_outreach(today: date, rng: random.Random, caseworker) -> int:
    """About three dozen contacts with the demo's companies over the two years, none in July."""
    if Outreach.objects.filter(notes__in=OUTREACH_NOTES).exists():
        return 0
    companies = list(Company.objects.filter(cvr__gt="").prefetch_related("contacts"))
    if not companies:
        return 0
    weights = [weight for weight, *_rest in OUTREACH]
    rows = []
    for month in _months_back(today):
        days = [day for day in _days_of(month, today) if is_working_day(day)]
        if not days:
            continue
        for _number in range(rng.choice([1, 1, 2, 2]) if month.month != 7 else 0):
            company = rng.choice(companies)
            _weight, channel, outcome, notes = rng.choices(OUTREACH, weights)[0]
            contact = next(iter(company.contacts.all()), None)
            rows.append(
                Outreach(
                    company=company,
                    date=rng.choice(days),
                    channel=channel,
                    contact=contact,
                    contact_name="" if contact else "Indehaveren",
                    caseworker=caseworker,
                    outcome=outcome,
                    notes=notes,
                )
            )
    Outreach.objects.bulk_create(rows)
    return len(rows)


def _day_counts(day: date, first: date) -> list[tuple[str, str, int]]:
    """One day's article views and self-checks: a few to a few dozen, fewer at weekends and in
    the holidays, growing over the two years. Drawn from the day itself, so they are the same
    whenever the demo is loaded."""
    rng = random.Random(f"{SEED}-{day.isoformat()}")
    level = (1.0 + 0.5 * (day - first).days / (MONTHS * 30.5)) * SEASON[day.month - 1]
    if day.weekday() >= 5:
        level *= 0.45
    counts = []
    for article, weight in zip(DEMO_ARTICLES, ARTICLE_WEIGHTS, strict=False):
        mean = 0.6 * weight * level
        counts.append((ARTICLE_VIEW, article["slug"], round(max(0.0, rng.gauss(mean, mean**0.5)))))
    mean = 3.5 * level
    counts.append((SELF_CHECK, "", round(max(0.0, rng.gauss(mean, mean**0.5)))))
    return [row for row in counts if row[2] > 0]


def _load_tallies(today: date) -> int:
    first = _months_back(today)[0]
    counted = set(
        Tally.objects.filter(name__in=[ARTICLE_VIEW, SELF_CHECK], day__gte=first, day__lt=today)
        .values_list("day", flat=True)
        .distinct()
    )
    rows = []
    day = first
    while day < today:
        if day not in counted:
            rows += [
                Tally(name=name, key=key, day=day, count=count)
                for name, key, count in _day_counts(day, first)
            ]
        day += timedelta(days=1)
    Tally.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def load_demo_history() -> dict[str, int]:
    """The dashboard's past, up to yesterday; safe to run again (see the module's docstring)."""
    today, now = timezone.localdate(), timezone.now()
    rng = random.Random(SEED)
    caseworker = demo_staff_user()
    return {
        "cases": _load_cases(today, now, rng, caseworker),
        "outreach": _load_outreach(today, rng, caseworker),
        "tallies": _load_tallies(today),
    }
