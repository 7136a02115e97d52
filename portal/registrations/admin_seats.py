"""Seat counts on an app's rows (a Meeting, a CourseSession: anything with an `occasion`) for
the admin's lists, filters and the admin home's tiles. Free of admin imports, so an app's
workbench module may use it when its AppConfig.ready() runs."""

from django.db.models import OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from portal.registrations.models import Registration

# The changelist filter's parameter (SeatsFilter), which the admin home's seat tiles link to.
SEATS_PARAMETER = "pladser"


def _seats(statuses) -> Coalesce:
    held = (
        Registration.objects.filter(occasion_id=OuterRef("occasion_id"), status__in=statuses)
        .order_by()
        .values("occasion_id")
        .annotate(total=Sum("seats"))
        .values("total")
    )
    return Coalesce(Subquery(held), 0)


def with_seat_counts(queryset: QuerySet) -> QuerySet:
    """Annotate `seats_taken` and `seats_waiting`, as Occasion.with_seat_counts() does, but by
    subqueries rather than a GROUP BY: an aggregate over the rows (the tiles) and the
    changelist's filters can then use the very same conditions."""
    return queryset.annotate(
        seats_taken=_seats(Registration.SEAT_HOLDING),
        seats_waiting=_seats([Registration.Status.WAITING]),
    )
