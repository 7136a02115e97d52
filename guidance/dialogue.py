"""What outreach (principle 1) gives portal's dialogue lists (portal/registry/dialogue.py).

A contact's follow-up date is a planned contact until a later contact with the company is
logged (OutreachQuerySet.with_followed_up()); every logged contact is a contact.
"""

import datetime

from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from guidance.models import Outreach
from portal.registry.dialogue import DueContact
from portal.registry.models import Company


def _open_follow_ups():
    return Outreach.objects.with_followed_up().filter(follow_up_on__isnull=False, followed_up=False)


def due_outreach(
    *, until: datetime.date | None, company: Company | None = None
) -> list[DueContact]:
    """Follow-ups on contacts due by `until` (None: all), with no contact since: one query."""
    outreach = _open_follow_ups().select_related("company", "caseworker")
    if until is not None:
        outreach = outreach.filter(follow_up_on__lte=until)
    if company is not None:
        outreach = outreach.filter(company=company)
    return [_due(item) for item in outreach.order_by("follow_up_on", "pk")]


def _due(outreach: Outreach) -> DueContact:
    caseworker = outreach.caseworker
    return DueContact(
        company_id=outreach.company_id,
        company_name=outreach.company.name,
        company_cvr=outreach.company.cvr,
        due_on=outreach.follow_up_on,
        what=_("Følg op på kontakten %(date)s (%(outcome)s)")
        % {
            "date": date_format(outreach.date, "j. F Y"),
            "outcome": outreach.get_outcome_display().lower(),
        },
        url=reverse("admin:guidance_outreach_change", args=[outreach.pk]),
        assignee_id=outreach.caseworker_id,
        assignee_name=(caseworker.get_full_name() or caseworker.get_username())
        if caseworker
        else "",
    )


def count_due_outreach(*, today: datetime.date, until: datetime.date) -> tuple[int, int]:
    """(overdue, due by `until`) among the follow-ups on contacts: one query."""
    counts = _open_follow_ups().aggregate(
        overdue=Count("pk", filter=Q(follow_up_on__lt=today)),
        due=Count("pk", filter=Q(follow_up_on__lte=until)),
    )
    return counts["overdue"], counts["due"]


def last_outreach(companies: QuerySet[Company]) -> QuerySet:
    """Each company's latest logged contact: rows {"company_id", "last"}."""
    return (
        Outreach.objects.filter(company__in=companies)
        .order_by()
        .values("company_id")
        .annotate(last=Max("date"))
    )
