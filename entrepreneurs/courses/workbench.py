"""The admin home's tiles for course sessions, and the seat filters they link to.

The tiles and the changelist's filter (SeatsFilter in admin.py) use the very same conditions on
sessions annotated by portal's with_seat_counts(): both tiles are one aggregate query.
"""

import datetime

from django.db.models import Count, F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entrepreneurs.models import CourseSession
from portal.registrations.admin_seats import SEATS_PARAMETER, with_seat_counts
from portal.registrations.selectors import FEW_SEATS
from portal.workbench import Tile

NEARLY_FULL, WAITING_LIST = "naesten-fulde", "venteliste"
SEATS_CHOICES = [
    (NEARLY_FULL, gettext_lazy("Kommende, næsten fulde")),
    (WAITING_LIST, gettext_lazy("Kommende med venteliste")),
]


def seat_conditions(now: datetime.datetime | None = None) -> dict[str, Q]:
    """Coming sessions, not cancelled: with at most FEW_SEATS seats left (and some), or with
    someone on the waiting list."""
    now = now or timezone.now()
    coming = Q(occasion__ends_at__gte=now, occasion__cancelled_at__isnull=True)
    return {
        NEARLY_FULL: coming
        & Q(occasion__published=True)
        & Q(seats_taken__lt=F("occasion__capacity"))
        & Q(seats_taken__gte=F("occasion__capacity") - FEW_SEATS),
        WAITING_LIST: coming & Q(seats_waiting__gt=0),
    }


def seat_tiles(request: HttpRequest) -> list[Tile]:
    """Only asked for a user with entrepreneurs.view_coursesession; one query."""
    conditions = seat_conditions()
    counts = with_seat_counts(CourseSession.objects.order_by()).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()}
    )
    url = reverse("admin:entrepreneurs_coursesession_changelist")
    labels = {
        NEARLY_FULL: _("Kursushold, der er næsten fulde"),
        WAITING_LIST: _("Kursushold med venteliste"),
    }
    return [
        Tile(labels[name], counts[name], f"{url}?{SEATS_PARAMETER}={name}")
        for name in (NEARLY_FULL, WAITING_LIST)
    ]
