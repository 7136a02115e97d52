"""Fill the database with many made-up cases and companies, to measure the admin at scale.

    DEBUG=1 manage.py generate_load --cases 50000 --companies 5000

Then each app's registered generator (portal.loadgen) adds its own rows: meetings,
partnerships, listings, courses and grants, with an option for each count (--meetings 100 …;
`generate_load --help` lists them). Uses bulk inserts (no history rows, no e-mail), spreads
everything over the last three years and continues the reference counters, so the portal keeps
working normally afterwards. Refuses to run without DEBUG unless --force.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from portal.cases.models import Case
from portal.loadgen import BATCH, YEARS, Load, bulk_cases, given_dates, load_generators
from portal.registry.models import Company

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
SUBJECTS = [
    "Hjælp til at starte en socialøkonomisk café",
    "Spørgsmål om registrering som RSV",
    "Partnerskab om rengøring af idrætshaller",
    "Ansøgning om iværksætterstøtte",
    "Job til borgere på kanten af arbejdsmarkedet",
    "Tilmelding til netværksmøde",
]


def cvr_numbers(start: int):
    """Valid CVR numbers (modulus 11) counting up from a seven-digit start."""
    body = start
    while True:
        digits = [int(d) for d in f"{body:07d}"]
        check = -sum(w * d for w, d in zip(CVR_WEIGHTS, digits, strict=False)) % 11
        if check < 10:
            yield f"{body:07d}{check}"
        body += 1


class Command(BaseCommand):
    help = "Opretter mange opdigtede sager og virksomheder til måling af administrationen."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=50_000)
        parser.add_argument("--companies", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--force", action="store_true", help="Kør også uden DEBUG.")
        # The apps' own counts, as their generators declare them.
        taken = {"cases", "companies", "seed", "force"}
        for generator in load_generators.entries():
            for count in generator.counts:
                if count.option not in taken:
                    taken.add(count.option)
                    parser.add_argument(
                        f"--{count.option}", type=int, default=count.default, help=count.help
                    )

    def handle(self, *args, cases: int, companies: int, seed: int, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Opdigtede data skrives kun med DEBUG=1 (eller --force).")
        rng = random.Random(seed)
        generators = load_generators.entries()
        counts = {
            count.option: options.get(count.option, count.default)
            for generator in generators
            for count in generator.counts
        }
        with transaction.atomic():
            load = Load(
                rng=rng,
                now=timezone.now(),
                companies=self._companies(companies, rng),
                staff=self._caseworkers(),
                counts=counts,
            )
            load.cases = bulk_cases(load, cases, kind=Case.Kind.ADVICE, subjects=SUBJECTS)
            self._arrival_cases(load.companies)
            for generator in generators:
                load.summaries.append(generator.generate(load))
        self.stdout.write(
            self.style.SUCCESS(f"{companies} virksomheder og {cases} sager oprettet.")
        )
        for summary in load.summaries:
            self.stdout.write(summary)

    def _caseworkers(self) -> list:
        user_model = get_user_model()
        users = []
        for number in range(1, 6):
            user, _created = user_model.objects.get_or_create(
                username=f"last-sagsbehandler-{number}",
                defaults={"first_name": "Last", "last_name": str(number), "is_staff": True},
            )
            users.append(user)
        return users

    def _companies(self, count: int, rng: random.Random) -> list[int]:
        """Every other one social-economy; registered over three years, some of those RSV
        registered, started in the municipality or moved here (for the strategy's measures)."""
        taken = set(Company.objects.exclude(cvr="").values_list("cvr", flat=True))
        numbers = (cvr for cvr in cvr_numbers(7_000_000) if cvr not in taken)
        kinds = [Company.Kind.ORDINARY, Company.Kind.SOCIAL_ECONOMY]
        start = Company.objects.count()
        now = timezone.now()
        today = timezone.localdate(now)
        with given_dates(Company):
            for offset in range(0, count, BATCH):
                new = []
                for index in range(offset, min(offset + BATCH, count)):
                    created = now - timedelta(seconds=rng.randint(0, YEARS * 365 * 86_400))
                    social = index % 2 == 1
                    company = Company(
                        cvr=next(numbers),
                        name=f"Lastvirksomhed {start + index:05d} ApS",
                        postcode="6100",
                        city="Haderslev",
                        kind=kinds[index % 2],
                        purpose_social=social,
                        created_at=created,
                        updated_at=created,
                    )
                    if social and rng.random() < 0.25:
                        company.rsv_registered = True
                        company.rsv_registered_on = timezone.localdate(created) + timedelta(
                            days=rng.randint(0, 200)
                        )
                        company.rsv_registered_on = min(company.rsv_registered_on, today)
                    if social and rng.random() < 0.3:
                        company.arrival = rng.choice(Company.Arrival.values)
                        company.arrived_on = timezone.localdate(created)
                    new.append(company)
                Company.objects.bulk_create(new)
        return list(Company.objects.order_by("-pk").values_list("pk", flat=True)[:count])

    def _arrival_cases(self, company_ids: list[int]) -> None:
        """Mark the case that led to a company's arrival: its latest case up to that day."""
        latest = (
            Case.objects.filter(
                company=OuterRef("pk"), created_at__date__lte=OuterRef("arrived_on")
            )
            .order_by("-created_at")
            .values("pk")[:1]
        )
        arrived = (
            Company.objects.filter(pk__in=company_ids, arrival__gt="")
            .annotate(case=Subquery(latest))
            .values("case")
        )
        Case.objects.filter(pk__in=arrived).update(led_to_arrival=True)
