"""The admin home's tiles for network meetings, and the seat filters they link to.

The seats are counted by subqueries rather than a GROUP BY (as Occasion.with_seat_counts()
does), so that the three tiles are one aggregate over the meetings, and the changelist filters
that the tiles link to are the very same conditions.
"""

import datetime

from django.conf import settings
from django.db.models import Count, F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.models import Meeting
from portal.registrations.admin_seats import SEATS_PARAMETER, with_seat_counts
from portal.workbench import Tile

# The changelist filter's values (SeatsFilter in admin.py).
SEATS_LEFT, WAITING_LIST, FREED = "ledige", "venteliste", "frigjorte"
SEATS_CHOICES = [
    (SEATS_LEFT, gettext_lazy("Kommende med ledige pladser")),
    (WAITING_LIST, gettext_lazy("Kommende med venteliste")),
    (FREED, gettext_lazy("Ledige pladser efter oprykningsstop")),
]


def seat_conditions(now: datetime.datetime | None = None) -> dict[str, Q]:
    """The tiles' conditions on meetings annotated by with_seat_counts().

    "Freed seats": promotion from the waiting list has stopped (it starts within
    REGISTRATIONS_PROMOTION_STOP_HOURS), yet seats are free and someone waits: the caseworker
    may offer them by hand ("Ryk op fra ventelisten").
    """
    now = now or timezone.now()
    stop = now + datetime.timedelta(hours=settings.REGISTRATIONS_PROMOTION_STOP_HOURS)
    coming = Q(occasion__ends_at__gte=now, occasion__cancelled_at__isnull=True)
    seats_left = Q(seats_taken__lt=F("occasion__capacity"))
    return {
        SEATS_LEFT: coming & Q(occasion__published=True) & seats_left,
        WAITING_LIST: coming & Q(seats_waiting__gt=0),
        FREED: coming
        & Q(occasion__starts_at__gt=now, occasion__starts_at__lte=stop)
        & seats_left
        & Q(seats_waiting__gt=0),
    }


def seat_tiles(request: HttpRequest) -> list[Tile]:
    """Coming meetings with seats left, with a waiting list, and with seats freed after the
    promotion stopped: one query. Only asked for a user with network.view_meeting."""
    conditions = seat_conditions()
    counts = with_seat_counts(Meeting.objects.order_by()).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()}
    )
    url = reverse("admin:network_meeting_changelist")
    labels = {
        SEATS_LEFT: _("Netværksmøder med ledige pladser"),
        WAITING_LIST: _("Netværksmøder med venteliste"),
        FREED: _("Frigjorte pladser efter oprykningsstop"),
    }
    return [
        Tile(labels[name], counts[name], f"{url}?{SEATS_PARAMETER}={name}", warning=name == FREED)
        for name in (SEATS_LEFT, WAITING_LIST, FREED)
    ]
