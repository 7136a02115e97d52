"""Aftercare: the ongoing dialogue with a company about the strategy's four topics (principle 4).

The writes, plan_follow_up() and complete_follow_up() (closing one can schedule the next in the
same step), and what network gives portal's dialogue lists (portal/registry/dialogue.py): the
open follow-ups as due contacts, the done ones as last contacts, and the company page's section
of the follow-ups that were held. The open ones are on the company page too, in portal's
"Planlagt opfølgning" together with the other kinds of planned contact, so never twice.
"""

import datetime
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from network.models import FollowUp
from portal.registry.dialogue import DueContact
from portal.registry.models import Company
from portal.registry.timeline import CompanySection, TimelineRow, first_rows

# Services


def completion_errors(
    *,
    done_on: datetime.date | None,
    next_due_on: datetime.date | None = None,
    next_topics: Sequence[str] | None = None,
    today: datetime.date | None = None,
) -> dict[str, str]:
    """What is wrong with closing a follow-up so, by form field; empty when nothing is.

    The admin's form shows these beside its fields; complete_follow_up() refuses the same.
    """
    today = today or timezone.localdate()
    errors = {}
    if done_on is None:
        errors["done_on"] = _("Skriv, hvilken dag opfølgningen blev gennemført.")
    elif done_on > today:
        errors["done_on"] = _("Datoen for gennemførelsen kan ikke ligge i fremtiden.")
    if next_due_on is not None:
        if done_on is not None and next_due_on < done_on:
            errors["next_due_on"] = _(
                "Den næste opfølgning kan ikke ligge før den dag, denne blev gennemført."
            )
        unknown = set(next_topics or ()) - set(FollowUp.Topic.values)
        if not next_topics or unknown:
            errors["next_topics"] = _("Vælg mindst ét emne for den næste opfølgning.")
    elif next_topics:
        errors["next_due_on"] = _("Skriv, hvornår den næste opfølgning skal ske.")
    return errors


def plan_follow_up(
    *,
    company: Company,
    topics: Sequence[str],
    due_on: datetime.date,
    assignee: AbstractBaseUser,
    by: AbstractBaseUser,
    agenda: str = "",
) -> FollowUp:
    """Plan a dialogue with the company. ValidationError (nothing written) without a topic."""
    follow_up = FollowUp(
        company=company, topics=list(topics), due_on=due_on, assignee=assignee, agenda=agenda
    )
    follow_up.full_clean()
    follow_up._history_user = by
    follow_up.save()
    return follow_up


@transaction.atomic
def complete_follow_up(
    *,
    follow_up: FollowUp,
    outcome: str,
    done_on: datetime.date,
    by: AbstractBaseUser,
    next_due_on: datetime.date | None = None,
    next_topics: Sequence[str] | None = None,
    next_assignee: AbstractBaseUser | None = None,
) -> FollowUp:
    """Close the follow-up and, with `next_due_on`, plan the next one, linked to it.

    Both are written or neither: ValidationError (by field) when the done date lies in the
    future, the next date before the done date, the next one has no topic, or the follow-up
    was closed already (also by someone else a moment ago: the row is locked). The next one
    goes to `next_assignee`, by default the same caseworker.
    """
    stored = FollowUp.objects.select_for_update().filter(pk=follow_up.pk).values("done_on").first()
    if stored is None or stored["done_on"] is not None:
        raise ValidationError({"done_on": _("Opfølgningen er allerede gennemført.")})
    errors = completion_errors(done_on=done_on, next_due_on=next_due_on, next_topics=next_topics)
    if errors:
        raise ValidationError(errors)
    if next_due_on is not None:
        follow_up.next_follow_up = plan_follow_up(
            company=follow_up.company,
            topics=next_topics or [],
            due_on=next_due_on,
            assignee=next_assignee or follow_up.assignee,
            by=by,
        )
    follow_up.outcome = outcome
    follow_up.done_on = done_on
    follow_up.full_clean()
    follow_up._history_user = by
    follow_up.save()
    return follow_up


# What network gives portal's dialogue lists


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


def due_follow_ups(
    *, until: datetime.date | None, company: Company | None = None
) -> list[DueContact]:
    """Open follow-ups due by `until` (None: all), soonest first, in one query."""
    follow_ups = FollowUp.objects.open().select_related("company", "assignee")
    if until is not None:
        follow_ups = follow_ups.filter(due_on__lte=until)
    if company is not None:
        follow_ups = follow_ups.filter(company=company)
    return [
        DueContact(
            company_id=follow_up.company_id,
            company_name=follow_up.company.name,
            company_cvr=follow_up.company.cvr,
            due_on=follow_up.due_on,
            what=follow_up.topics_display,
            url=reverse("admin:network_followup_change", args=[follow_up.pk]),
            assignee_id=follow_up.assignee_id,
            assignee_name=_person(follow_up.assignee),
        )
        for follow_up in follow_ups.order_by("due_on", "pk")
    ]


def count_due_follow_ups(*, today: datetime.date, until: datetime.date) -> tuple[int, int]:
    """(overdue, due by `until`) among the open follow-ups: one query."""
    counts = FollowUp.objects.open().aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__lte=until)),
    )
    return counts["overdue"], counts["due"]


def last_follow_ups(companies: QuerySet[Company]) -> QuerySet:
    """Each company's latest held follow-up: rows {"company_id", "last"}."""
    return (
        FollowUp.objects.filter(company__in=companies, done_on__isnull=False)
        .order_by()
        .values("company_id")
        .annotate(last=Max("done_on"))
    )


def company_follow_ups_section(company: Company) -> CompanySection:
    """The follow-ups held with the company, newest first, in one query.

    The open ones are in portal's "Planlagt opfølgning" section.
    """
    held = (
        FollowUp.objects.filter(company=company, done_on__isnull=False)
        .select_related("assignee", "next_follow_up")
        .order_by("-done_on", "-pk")
    )
    shown, total = first_rows(held)
    return CompanySection(
        rows=[_row(follow_up) for follow_up in shown],
        total=total,
        all_url=(
            f"{reverse('admin:network_followup_changelist')}"
            f"?company__id__exact={company.pk}&status=gennemfoert"
        ),
        add_url=f"{reverse('admin:network_followup_add')}?company={company.pk}",
        add_label=_("Planlæg opfølgning"),
    )


def _row(follow_up: FollowUp) -> TimelineRow:
    text = Truncator(follow_up.outcome).words(20)
    if follow_up.next_follow_up is not None:
        text = " ".join(
            [
                text,
                _("Næste opfølgning %(date)s.")
                % {"date": date_format(follow_up.next_follow_up.due_on, "j. F Y")},
            ]
        ).strip()
    return TimelineRow(
        date=follow_up.done_on,
        title=follow_up.topics_display,
        url=reverse("admin:network_followup_change", args=[follow_up.pk]),
        kind_label=_("Opfølgning"),
        status_label=_("Gennemført af %(name)s") % {"name": _person(follow_up.assignee)},
        text=text,
    )
