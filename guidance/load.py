"""Load for principle 1 (`manage.py generate_load`): the enquiry form's details on the generated
advice cases, the caseworker's outreach to companies, and the anonymous day counts of article
views and self-checks, over the last three years. Bulk inserts only: no e-mails, no history."""

from datetime import timedelta

from django.utils import timezone

from guidance.models import Article, Enquiry, Outreach
from portal.dashboard.models import Tally
from portal.loadgen import YEARS, Count, Load, LoadGenerator, given_dates

MESSAGES = [
    "Vi er tre, der gerne vil starte en café med job til unge uden uddannelse. Hvor begynder vi?",
    "Kan I hjælpe os med at finde ud af, om vi kan registreres som socialøkonomisk virksomhed?",
    "Vores virksomhed vil gerne tage et socialt ansvar. Hvem kan vi samarbejde med?",
    "Findes der en pulje, vi kan søge til at komme i gang?",
    "Jeg vil gerne høre mere om netværksmøderne for socialøkonomiske virksomheder.",
]
# Keys for article views when the database has no published articles (a bare load database).
FALLBACK_ARTICLES = [
    "hvad-er-socialoekonomi",
    "saadan-bliver-du-rsv-registreret",
    "partnerskaber-der-virker",
    "stoette-til-ivaerksaettere",
]


def generate_guidance_load(load: Load) -> str:
    rng = load.rng
    enquiries = _enquiries(load)
    with given_dates(Outreach):
        outreach = []
        for _number in range(load.count("outreach")):
            created = load.moment()
            day = timezone.localdate(created)
            outreach.append(
                Outreach(
                    company_id=rng.choice(load.companies),
                    date=day,
                    channel=rng.choice(Outreach.Channel.values),
                    contact_name="Daglig leder",
                    caseworker=rng.choice(load.staff),
                    outcome=rng.choice(Outreach.Outcome.values),
                    follow_up_on=day + timedelta(days=rng.randint(7, 60))
                    if rng.random() < 0.4
                    else None,
                    created_at=created,
                    updated_at=created,
                )
            )
        Outreach.objects.bulk_create(outreach, batch_size=2000)
    tallies = _tallies(load)
    return (
        f"Råd og vejledning: {enquiries} henvendelser, {len(outreach)} kontakter med "
        f"virksomheder, {tallies} dagstællinger."
    )


def _enquiries(load: Load) -> int:
    rng = load.rng
    rows = [
        Enquiry(
            case=case,
            role=rng.choice(Enquiry.Role.values),
            topic=rng.choice(Enquiry.Topic.values),
            message=rng.choice(MESSAGES),
            created_at=case.created_at,
        )
        for case in load.cases
    ]
    Enquiry.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _tallies(load: Load) -> int:
    """A day count of self-checks and of each article's views for every day: fewer at
    weekends, a few to a few dozen a day. A day already counted is left as it is."""
    rng = load.rng
    slugs = list(Article.objects.published().values_list("slug", flat=True)[:12])
    slugs = slugs or FALLBACK_ARTICLES
    today = timezone.localdate(load.now)
    rows = []
    for offset in range(1, YEARS * 365 + 1):
        day = today - timedelta(days=offset)
        weekend = day.weekday() >= 5
        rows.append(
            Tally(name="guidance.self_check", day=day, count=rng.randint(0, 3 if weekend else 12))
        )
        rows.extend(
            Tally(
                name="guidance.article_view",
                key=slug,
                day=day,
                count=rng.randint(0, 8 if weekend else 30),
            )
            for slug in slugs
        )
    rows = [row for row in rows if row.count]
    Tally.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


GENERATOR = LoadGenerator(
    name="guidance",
    generate=generate_guidance_load,
    counts=(Count("outreach", 300, "Kontakter med etablerede virksomheder."),),
    order=10,
)
