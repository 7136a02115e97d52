"""Load for principle 4 (`manage.py generate_load`): network meetings over the last three years
(and a few coming), with registrations and marked attendance, and the follow-up dialogues with
companies. Bulk inserts only: no e-mails, no calendar files, no history rows."""

from datetime import timedelta

from django.utils import timezone

from network.models import MEETING_KIND, FollowUp, Meeting
from portal.loadgen import YEARS, Count, Load, LoadGenerator, given_dates, unsaved_registrations
from portal.registrations.models import Occasion, Registration

TITLES = [
    "Rekruttering fra kanten af arbejdsmarkedet",
    "Socialøkonomi og offentlige indkøb",
    "Fra idé til partnerskab",
    "Fastholdelse af medarbejdere i fleksjob",
    "Netværksmorgen for socialøkonomiske virksomheder",
]
ADDRESS = "Haderslev Rådhus, Gåskærgade 26, 6100 Haderslev"


def generate_network_load(load: Load) -> str:
    occasions = _meetings(load)
    registrations = _registrations(load, occasions)
    follow_ups = _follow_ups(load)
    return (
        f"Netværk: {len(occasions)} møder, {registrations} tilmeldinger, {follow_ups} opfølgninger."
    )


def _meetings(load: Load) -> list[Occasion]:
    """Meetings spread over three years, one in twenty cancelled, a few still to come."""
    rng = load.rng
    occasions = []
    for number in range(load.count("meetings")):
        if rng.random() < 0.06:
            day = timezone.localdate(load.now) + timedelta(days=rng.randint(5, 90))
        else:
            day = load.day(days=YEARS * 365 - 90)  # made and registered for before it
        starts_at = load.at(day, rng.choice([9, 13, 15]))
        created = starts_at - timedelta(days=rng.randint(20, 60))
        cancelled = rng.random() < 0.05 and created < load.now
        occasions.append(
            Occasion(
                kind=MEETING_KIND,
                title=f"{rng.choice(TITLES)} ({number + 1})",
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=2),
                registration_deadline=starts_at - timedelta(days=2),
                capacity=rng.choice([20, 30, 40]),
                address=ADDRESS,
                published=True,
                cancelled_at=min(starts_at - timedelta(days=1), load.now) if cancelled else None,
                cancellation_reason="For få tilmeldte." if cancelled else "",
                created_at=min(created, load.now),
                updated_at=min(created, load.now),
            )
        )
    with given_dates(Occasion):
        Occasion.objects.bulk_create(occasions)
    Meeting.objects.bulk_create(
        Meeting(
            occasion=occasion,
            description="Et netværksmøde om strategiens emner, med oplæg og tid til at tale.",
            audience=rng.choice(Meeting.Audience.values),
            contact_person=rng.choice(load.staff),
        )
        for occasion in occasions
    )
    return occasions


def _registrations(load: Load, occasions: list[Occasion]) -> int:
    rows = [
        registration
        for occasion in occasions
        for registration in unsaved_registrations(
            load, occasion, load.rng.randint(4, occasion.capacity // 2)
        )
    ]
    Registration.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _follow_ups(load: Load) -> int:
    """Planned dialogues due over three years; most past ones done, some overdue."""
    rng = load.rng
    today = timezone.localdate(load.now)
    rows = []
    for _number in range(load.count("followups")):
        due = today + timedelta(days=rng.randint(-YEARS * 365, 60))
        done_on = None
        if due < today and rng.random() < 0.8:
            done_on = min(due + timedelta(days=rng.randint(-14, 10)), today)
        created = load.at(due - timedelta(days=rng.randint(14, 90)), 10)
        rows.append(
            FollowUp(
                company_id=rng.choice(load.companies),
                topics=rng.sample(FollowUp.Topic.values, rng.randint(1, 2)),
                due_on=due,
                assignee=rng.choice(load.staff),
                agenda="Hvordan går det med rekrutteringen?",
                outcome="Aftalt at mødes igen efter sommerferien." if done_on else "",
                done_on=done_on,
                created_at=min(created, load.now),
            )
        )
    with given_dates(FollowUp):
        FollowUp.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


GENERATOR = LoadGenerator(
    name="network",
    generate=generate_network_load,
    counts=(
        Count("meetings", 100, "Netværksmøder."),
        Count("followups", 300, "Opfølgninger med virksomheder."),
    ),
    order=40,
)
