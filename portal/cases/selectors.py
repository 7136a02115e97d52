from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.cases.models import Case, CaseEvent
from portal.cases.workdays import working_days_between


def case_for_token(token: str) -> Case:
    """The case behind a private status link, or 404."""
    return get_object_or_404(Case, public_token=token)


def shared_events(case: Case) -> QuerySet[CaseEvent]:
    """The journal entries the enquirer may read: never internal notes."""
    return case.events.filter(shared_with_enquirer=True).exclude(kind=CaseEvent.Kind.NOTE)


@dataclass(frozen=True)
class CaseSummary:
    """The top of the case page: who, what, which company, where it stands, time left."""

    reference: str
    status: str
    kind: str
    subject: str
    enquirer_name: str
    enquirer_email: str
    enquirer_phone: str
    company_name: str
    company_cvr: str
    company_url: str
    assignee: str
    received: date
    deadline: date
    deadline_text: str
    overdue: bool
    legal_hold: bool
    legal_hold_reason: str


def working_days_left_text(deadline: date, today: date) -> str:
    """ "3 arbejdsdage tilbage", "Fristen er i dag", "Overskredet med 2 arbejdsdage"."""
    days = working_days_between(today, deadline)
    if deadline < today and days == 0:
        # The deadline fell on a day off that has passed: late, though by no whole working day.
        return _("Fristen er overskredet")
    if days > 0:
        return ngettext("%(days)d arbejdsdag tilbage", "%(days)d arbejdsdage tilbage", days) % {
            "days": days
        }
    if days == 0:
        return _("Fristen er i dag")
    return ngettext(
        "Overskredet med %(days)d arbejdsdag", "Overskredet med %(days)d arbejdsdage", -days
    ) % {"days": -days}


def case_summary(case: Case, today: date) -> CaseSummary:
    """No queries beyond the case's contact, company and assignee (select them with it)."""
    if case.status == Case.Status.CLOSED:
        deadline_text = _("Sagen er afsluttet")
    elif case.status == Case.Status.WAITING:
        deadline_text = _("Afventer henvender: fristen gælder ikke, mens vi venter")
    else:
        deadline_text = working_days_left_text(case.deadline, today)
    company, assignee = case.company, case.assignee
    return CaseSummary(
        reference=case.reference,
        status=case.get_status_display(),
        kind=case.get_kind_display(),
        subject=case.subject,
        enquirer_name=case.contact.name,
        enquirer_email=case.contact.email,
        enquirer_phone=case.contact.phone,
        company_name=company.name if company else "",
        company_cvr=company.cvr if company else "",
        company_url=(
            reverse("admin:registry_company_change", args=[company.pk]) if company else ""
        ),
        assignee=(assignee.get_full_name() or assignee.get_username()) if assignee else "",
        received=timezone.localdate(case.created_at),
        deadline=case.deadline,
        deadline_text=deadline_text,
        overdue=case.is_overdue(today),
        legal_hold=case.legal_hold,
        legal_hold_reason=case.legal_hold_reason,
    )


def journal(case: Case) -> QuerySet[CaseEvent]:
    """The whole journal, newest first, with each author: one query."""
    return case.events.select_related("author").order_by("-created_at", "-pk")


@dataclass(frozen=True)
class LastChange:
    when: datetime
    who: str


def last_change(case: Case) -> LastChange | None:
    """Who last changed the case, and when, from its history (django-simple-history): one query.

    A change made outside a staff request (a public form, the worker) is "systemet".
    """
    record = case.history.select_related("history_user").order_by("-history_date").first()
    if record is None:
        return None
    user = record.history_user
    who = (user.get_full_name() or user.get_username()) if user else _("systemet")
    return LastChange(when=record.history_date, who=who)
