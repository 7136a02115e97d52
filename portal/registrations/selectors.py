"""Reads worth a name: how many seats are left, and who is on the participants list."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.registrations.models import Occasion, Registration

# "Few seats left" from this many, so people know to hurry.
FEW_SEATS = 3


@dataclass(frozen=True)
class Availability:
    # open, few, full (the waiting list is open), closed, cancelled, ongoing, past
    state: str
    seats_left: int
    label: str

    @property
    def can_register(self) -> bool:
        return self.state in ("open", "few", "full")

    @property
    def joins_waiting_list(self) -> bool:
        return self.state == "full"


def seats_taken(occasion: Occasion) -> int:
    """From the list's annotation (Occasion.objects.with_seat_counts()), else one query."""
    taken = getattr(occasion, "seats_taken", None)
    return occasion.seats_taken_now() if taken is None else taken


def availability(occasion: Occasion, *, now: datetime.datetime | None = None) -> Availability:
    """What the public sees: "3 ledige pladser", "Fuldt – skriv dig på ventelisten" …"""
    now = now or timezone.now()
    if occasion.is_cancelled:
        return Availability("cancelled", 0, _("Aflyst"))
    if occasion.ends_at <= now:
        return Availability("past", 0, _("Afholdt"))
    if occasion.starts_at <= now:
        return Availability("ongoing", 0, _("I gang"))
    left = occasion.seats_left_of(seats_taken(occasion))
    if not occasion.published or now >= occasion.registration_deadline:
        return Availability("closed", left, _("Tilmelding lukket"))
    if left <= 0:
        return Availability("full", 0, _("Fuldt – skriv dig på ventelisten"))
    label = ngettext("%(count)d ledig plads", "%(count)d ledige pladser", left) % {"count": left}
    return Availability("few" if left <= FEW_SEATS else "open", left, label)


def participants(occasion: Occasion, *, listed_only: bool = False) -> QuerySet[Registration]:
    """Those holding seats, by name: the list for the door, or (`listed_only`) the one shared
    with the other participants, of those who agreed to be on it."""
    registrations = occasion.registrations.filter(
        status__in=Registration.SEAT_HOLDING
    ).select_related("company")
    if listed_only:
        registrations = registrations.filter(listed=True)
    return registrations.order_by("name", "pk")


def waiting_list(occasion: Occasion) -> QuerySet[Registration]:
    return occasion.registrations.in_line().select_related("company")
