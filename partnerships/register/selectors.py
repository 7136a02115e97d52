"""Reads of the partnership register worth a name: the members in one query, and which
partnerships have gone quiet (the admin home's tile and the changelist's filter are the same
condition)."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from partnerships.models import Partnership, PartnershipActivity, PartnershipMember
from portal.registry.models import Company

# "No activity for 3 months" is counted as 90 days: the same length whatever the month, so a
# partnership does not go quiet a day earlier in February.
QUIET_DAYS = 90


def quiet_since(today: datetime.date | None = None) -> datetime.date:
    """The last day that counts as quiet: an activity on this day or before is 90 days old."""
    return (today or timezone.localdate()) - datetime.timedelta(days=QUIET_DAYS)


def quiet_condition(today: datetime.date | None = None) -> Q:
    """Not ended, created 90 days ago or more, and no activity in the last 90 days.

    Activities are dated by day, so is the creation: a partnership created or met 89 days ago is
    not quiet, 90 days ago it is.
    """
    since = quiet_since(today)
    recent_activity = PartnershipActivity.objects.filter(partnership=OuterRef("pk"), date__gt=since)
    first_quiet_moment = timezone.make_aware(
        datetime.datetime.combine(since + datetime.timedelta(days=1), datetime.time.min)
    )
    return (
        ~Q(status=Partnership.Status.ENDED)
        & Q(created_at__lt=first_quiet_moment)
        & ~Q(Exists(recent_activity))
    )


def quiet_partnerships(today: datetime.date | None = None) -> QuerySet[Partnership]:
    return Partnership.objects.filter(quiet_condition(today))


def with_members(queryset: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """The partnerships with their members and the members' companies: one query more."""
    return queryset.prefetch_related(
        Prefetch("members", queryset=PartnershipMember.objects.select_related("company"))
    )


def member_names(partnership: Partnership, *, leave_out: Company | None = None) -> list[str]:
    """The members' names, the municipality first (from with_members()' prefetch)."""
    return [
        str(member) if member.is_municipality else member.company.name
        for member in partnership.members.all()
        if leave_out is None or member.company_id != leave_out.pk
    ]
