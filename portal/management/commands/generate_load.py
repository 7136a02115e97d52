"""Fill the database with many made-up cases and companies, to measure the admin at scale.

    DEBUG=1 manage.py generate_load --cases 50000 --companies 5000

Uses bulk inserts (no history rows, no e-mail) and continues the reference counters, so the
portal keeps working normally afterwards. Refuses to run without DEBUG unless --force.
"""

import random
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from portal.cases.models import Case, CaseCounter, CaseEvent, format_reference
from portal.cases.workdays import add_working_days
from portal.registry.models import Company, Contact

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
BATCH = 2000
STATUS_SHARES = [
    (Case.Status.CLOSED, 70),
    (Case.Status.RECEIVED, 10),
    (Case.Status.IN_PROGRESS, 12),
    (Case.Status.WAITING, 8),
]
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

    def handle(self, *args, cases: int, companies: int, seed: int, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Opdigtede data skrives kun med DEBUG=1 (eller --force).")
        rng = random.Random(seed)
        with transaction.atomic():
            staff = self._caseworkers()
            company_ids = self._companies(companies)
            self._cases(cases, company_ids, staff, rng)
        self.stdout.write(
            self.style.SUCCESS(f"{companies} virksomheder og {cases} sager oprettet.")
        )

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

    def _companies(self, count: int) -> list[int]:
        taken = set(Company.objects.exclude(cvr="").values_list("cvr", flat=True))
        numbers = (cvr for cvr in cvr_numbers(7_000_000) if cvr not in taken)
        kinds = [Company.Kind.ORDINARY, Company.Kind.SOCIAL_ECONOMY]
        start = Company.objects.count()
        for offset in range(0, count, BATCH):
            Company.objects.bulk_create(
                Company(
                    cvr=next(numbers),
                    name=f"Lastvirksomhed {start + index:05d} ApS",
                    postcode="6100",
                    city="Haderslev",
                    kind=kinds[index % 2],
                    purpose_social=index % 2 == 1,
                )
                for index in range(offset, min(offset + BATCH, count))
            )
        return list(Company.objects.order_by("-pk").values_list("pk", flat=True)[:count])

    def _cases(self, count: int, company_ids: list[int], staff: list, rng: random.Random) -> None:
        now = timezone.now()
        statuses = [status for status, share in STATUS_SHARES for _ in range(share)]
        counters = {c.year: c for c in CaseCounter.objects.select_for_update()}
        for offset in range(0, count, BATCH):
            size = min(BATCH, count - offset)
            contacts = Contact.objects.bulk_create(
                Contact(name=f"Borger {offset + i}", email=f"borger{offset + i}@example.dk")
                for i in range(size)
            )
            new_cases = []
            for contact in contacts:
                received = now - timedelta(
                    days=rng.randint(0, 3 * 365), minutes=rng.randint(0, 600)
                )
                year = timezone.localtime(received).year
                counter = counters.get(year) or CaseCounter(year=year, last_number=0)
                counters[year] = counter
                counter.last_number += 1
                status = rng.choice(statuses)
                received_on = timezone.localtime(received).date()
                new_cases.append(
                    Case(
                        reference=format_reference(year, counter.last_number),
                        kind=Case.Kind.ADVICE,
                        status=status,
                        subject=rng.choice(SUBJECTS),
                        contact=contact,
                        company_id=rng.choice(company_ids) if rng.random() < 0.6 else None,
                        assignee=rng.choice(staff) if rng.random() < 0.8 else None,
                        deadline=add_working_days(received_on, 5),
                        created_at=received,
                        closed_at=(
                            timezone.make_aware(datetime.combine(received_on, time(12)))
                            + timedelta(days=rng.randint(1, 60))
                            if status == Case.Status.CLOSED
                            else None
                        ),
                    )
                )
            Case.objects.bulk_create(new_cases)
            CaseEvent.objects.bulk_create(
                CaseEvent(
                    case=case,
                    kind=CaseEvent.Kind.NOTE,
                    text="Sagen er modtaget.",
                    created_at=case.created_at,
                )
                for case in new_cases
            )
        for counter in counters.values():
            counter.save()
