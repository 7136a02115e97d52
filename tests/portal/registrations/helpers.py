"""Helpers for the seat tests: occasions at a given time, people, and what was mailed."""

import datetime

from django.utils import timezone
from icalendar import Calendar

from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.registrations import services
from portal.registrations.kinds import OccasionKind
from portal.registrations.models import Occasion, Registration
from tests.factories import OccasionFactory

TEST_KIND = OccasionKind(
    name="tests.occasion",
    label="arrangement",
    label_definite="arrangementet",
    public_url=lambda occasion: f"/arrangementer/{occasion.pk}/",
    admin_url=lambda occasion: f"/admin/arrangementer/{occasion.pk}/",
)


def hours_from_now(hours: float) -> datetime.datetime:
    return (timezone.now() + datetime.timedelta(hours=hours)).replace(microsecond=0)


def occasion_starting_in(hours: float, **kwargs) -> Occasion:
    """A published occasion starting `hours` from now, three hours long, open until an hour
    before it starts."""
    starts_at = hours_from_now(hours)
    return OccasionFactory(
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        registration_deadline=starts_at - datetime.timedelta(hours=1),
        **kwargs,
    )


def person(n: int | str, *, name: str = "") -> ContactData:
    return ContactData(name=name or f"Deltager {n}", email=f"deltager{n}@example.dk")


def sign_up(occasion: Occasion, n: int | str, seats: int = 1, **kwargs) -> Registration:
    return services.register(occasion=occasion, contact=person(n), seats=seats, **kwargs)


def mails_to(email: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to=email).order_by("pk"))


def subjects_to(email: str) -> list[str]:
    return [message.subject for message in mails_to(email)]


def invitation(message: OutboxMessage):
    """The one VEVENT of the message's .ics attachment, parsed."""
    [attachment] = message.attachments
    assert attachment["filename"] == "invitation.ics"
    assert attachment["mimetype"] == "text/calendar"
    return event_of(attachment["content"])


def event_of(ics: str | bytes):
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    return event


def status_of(registration: Registration) -> str:
    registration.refresh_from_db()
    return registration.status
