"""Load generation's extension point: each app adds its bulk generator, `generate_load` runs them.

`portal` never imports an app, so an app registers its generator in its extensions.py:

    load_generators.register(LoadGenerator(
        name="network",
        generate=generate_network_load,
        counts=(Count("meetings", 100, "Netværksmøder."),),
    ))

`generate_load` makes its own companies and cases first, adds a --<option> for every Count a
generator declares, then calls each generator (by `order`, then name) with a Load: the random
source, the time, the companies and caseworkers just made, and the counts asked for. A generator
writes with bulk_create only (no e-mails, no history rows), spreads its rows over the last three
years and returns a one-line Danish summary. Cases go through bulk_cases(), so the reference
numbers continue and the portal keeps numbering normally afterwards.
"""

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone

from portal.cases.models import Case, CaseEvent
from portal.cases.services import first_answer_deadline, first_answer_facts, number_in_bulk
from portal.cases.workdays import add_working_days
from portal.extensions import Registry
from portal.registrations.models import Occasion, Registration
from portal.registry.models import Contact

YEARS = 3
BATCH = 2000

STATUS_SHARES = [
    (Case.Status.CLOSED, 70),
    (Case.Status.RECEIVED, 10),
    (Case.Status.IN_PROGRESS, 12),
    (Case.Status.WAITING, 8),
]
# How often a case in each status has had its first answer: a new case rarely has one.
ANSWERED_SHARE = {
    Case.Status.CLOSED: 0.95,
    Case.Status.IN_PROGRESS: 0.85,
    Case.Status.WAITING: 0.9,
    Case.Status.RECEIVED: 0.03,
}
# Working days to the first answer, weighted: mostly within the five-day deadline, some late.
ANSWER_WORKDAYS = [0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 9]


@dataclass(frozen=True)
class Count:
    """A number of rows a generator makes, offered as `generate_load --<option>`."""

    option: str
    default: int
    help: str = ""


@dataclass
class Load:
    rng: random.Random
    now: datetime
    companies: list[int]  # the pks of the companies generate_load just made
    staff: list  # the load's caseworkers (users)
    counts: dict[str, int] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)  # the advice cases generate_load made
    summaries: list[str] = field(default_factory=list)

    def count(self, option: str) -> int:
        return self.counts.get(option, 0)

    def moment(self, *, days: int = YEARS * 365, after: datetime | None = None) -> datetime:
        """A random moment in the last `days` days (or between `after` and now)."""
        if after is not None:
            span = max(int((self.now - after).total_seconds()), 1)
            return after + timedelta(seconds=self.rng.randint(0, span))
        return self.now - timedelta(seconds=self.rng.randint(0, days * 86_400))

    def day(self, *, days: int = YEARS * 365) -> date:
        return timezone.localdate(self.moment(days=days))

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """`day` at `hour` in Copenhagen time."""
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@dataclass(frozen=True)
class LoadGenerator:
    name: str
    generate: Callable[[Load], str]
    counts: tuple[Count, ...] = ()
    order: int = 100


load_generators: Registry[LoadGenerator] = Registry("load generators")


@contextmanager
def given_dates(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let bulk_create keep the dates it is given in auto_now/auto_now_add fields, which would
    otherwise all become now: generated history must lie in the past. Every such field must
    then be given a value."""
    fields = [
        model_field
        for model in model_classes
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    ]
    saved = [
        (model_field, model_field.auto_now, model_field.auto_now_add) for model_field in fields
    ]
    for model_field in fields:
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def first_answer(case: Case, rng: random.Random, now: datetime) -> None:
    """Give `case` (unsaved, with created_at, deadline, status and closed_at) a first answer a
    few working days after it came in, as show_to_enquirer() would have recorded it."""
    if rng.random() >= ANSWERED_SHARE[case.status]:
        return
    received_on = timezone.localdate(case.created_at)
    answered_on = add_working_days(received_on, rng.choice(ANSWER_WORKDAYS))
    answered_at = timezone.make_aware(
        datetime.combine(answered_on, time(rng.randint(8, 15), rng.randint(0, 59)))
    )
    answered_at = max(answered_at, case.created_at + timedelta(minutes=rng.randint(20, 240)))
    if case.closed_at is not None:
        answered_at = min(answered_at, case.closed_at)
    if answered_at > now:
        return
    for name, value in first_answer_facts(case, answered_at).items():
        setattr(case, name, value)


def bulk_cases(
    load: Load,
    count: int,
    *,
    kind: str,
    subjects: list[str],
    contact_name: str = "Borger",
    email_prefix: str = "borger",
    company_share: float = 0.6,
) -> list[Case]:
    """`count` cases of `kind` received over the last three years, each with its own contact,
    a reference that continues the year's counter, the receipt in the journal and (for most
    answered ones) the first answer's facts. Returns the saved cases."""
    rng, now = load.rng, load.now
    statuses = [status for status, share in STATUS_SHARES for _ in range(share)]
    made: list[Case] = []
    for offset in range(0, count, BATCH):
        size = min(BATCH, count - offset)
        contacts = Contact.objects.bulk_create(
            Contact(
                name=f"{contact_name} {offset + i}", email=f"{email_prefix}{offset + i}@example.dk"
            )
            for i in range(size)
        )
        new_cases = []
        for contact in contacts:
            received = now - timedelta(
                days=rng.randint(0, YEARS * 365), minutes=rng.randint(0, 600)
            )
            status = rng.choice(statuses)
            received_on = timezone.localtime(received).date()
            case = Case(
                kind=kind,
                status=status,
                subject=rng.choice(subjects),
                contact=contact,
                company_id=(
                    rng.choice(load.companies)
                    if load.companies and rng.random() < company_share
                    else None
                ),
                assignee=rng.choice(load.staff) if load.staff and rng.random() < 0.8 else None,
                deadline=first_answer_deadline(received_on),
                created_at=received,
                closed_at=(
                    min(
                        timezone.make_aware(datetime.combine(received_on, time(12)))
                        + timedelta(days=rng.randint(1, 60)),
                        now,
                    )
                    if status == Case.Status.CLOSED
                    else None
                ),
            )
            first_answer(case, rng, now)
            new_cases.append(case)
        number_in_bulk(new_cases)
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
        made.extend(new_cases)
    return made


def unsaved_registrations(
    load: Load, occasion: Occasion, count: int, *, name: str = "Deltager"
) -> list[Registration]:
    """`count` registrations for a saved `occasion`, made between its creation and its
    deadline: most who registered for a past one came, some did not, some cancelled; a
    cancelled occasion's were cancelled with it; a coming one's hold their seats."""
    rng = load.rng
    past = occasion.starts_at < load.now
    rows = []
    for number in range(count):
        span = occasion.registration_deadline - occasion.created_at
        created = min(occasion.created_at + span * rng.random(), load.now)
        cancelled_by = ""
        if occasion.cancelled_at:
            status, cancelled_by = Registration.Status.CANCELLED, Registration.CancelledBy.OCCASION
        elif rng.random() < 0.12:
            status, cancelled_by = Registration.Status.CANCELLED, Registration.CancelledBy.PERSON
        elif past:
            status = rng.choices(
                [Registration.Status.ATTENDED, Registration.Status.NO_SHOW], [85, 15]
            )[0]
        else:
            status = Registration.Status.CONFIRMED
        company_id = rng.choice(load.companies) if load.companies and rng.random() < 0.75 else None
        cancelled_at = None
        if status == Registration.Status.CANCELLED:
            cancelled_at = min(occasion.cancelled_at or created + timedelta(days=2), load.now)
        rows.append(
            Registration(
                occasion=occasion,
                name=f"{name} {number}",
                # Unique per occasion, as the database requires of active registrations.
                email=f"{name.lower()}{number}.{occasion.pk}@example.dk",
                company_id=company_id,
                company_name="Lastvirksomhed" if company_id else "",
                seats=rng.choices([1, 2, 3], [80, 15, 5])[0],
                status=status,
                created_at=created,
                confirmed_at=created,
                cancelled_at=cancelled_at,
                cancelled_by=cancelled_by,
            )
        )
    return rows
