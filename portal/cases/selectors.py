from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.accounts import roles
from portal.cases.attachments import attachment_url, attachments_by_event
from portal.cases.models import Case, CaseEvent
from portal.cases.workdays import working_days_between


def case_for_token(token: str) -> Case:
    """The case behind a private status link, or 404."""
    return get_object_or_404(Case, public_token=token)


def assignable_staff(*, keep: int | None = None) -> QuerySet:
    """Who a case may be given to, by name: active staff in a role (Sagsbehandler, Leder).

    A superuser or a staff account without a role does no casework, so is not offered.
    `keep`: the user who has the case now, offered whatever their account has become.
    """
    condition = Q(is_staff=True, is_active=True, groups__name__in=list(roles.ROLES))
    if keep is not None:
        condition |= Q(pk=keep)
    return (
        get_user_model()
        .objects.filter(condition)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


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
    # Late now, as the inbox and its filter say (Case.is_overdue).
    overdue: bool
    legal_hold: bool
    legal_hold_reason: str
    # The first answer's deadline has passed unanswered (that date's line is marked late).
    deadline_overdue: bool = False
    # "Besvaret 3. december 2026, inden for fristen"; "" until the first answer.
    answered_text: str = ""
    # The next step's deadline (Case.next_deadline) and the time left to it, where one is set.
    next_deadline: date | None = None
    next_deadline_text: str = ""
    next_deadline_overdue: bool = False
    channel: str = ""
    anonymised_at: datetime | None = None


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


def answered_text(case: Case) -> str:
    """ "Besvaret 3. december 2026, inden for fristen" / "…, 2 arbejdsdage efter fristen"."""
    if case.first_answer_at is None:
        return ""
    answered = timezone.localdate(case.first_answer_at)
    when = formats.date_format(answered, "j. F Y")
    if case.first_answer_in_time:
        return _("Besvaret %(date)s, inden for fristen") % {"date": when}
    late = working_days_between(case.deadline, answered)
    if late <= 0:  # the deadline fell on a day off: late, though by no whole working day
        return _("Besvaret %(date)s, efter fristen") % {"date": when}
    return ngettext(
        "Besvaret %(date)s, %(days)d arbejdsdag efter fristen",
        "Besvaret %(date)s, %(days)d arbejdsdage efter fristen",
        late,
    ) % {"date": when, "days": late}


def case_summary(case: Case, today: date) -> CaseSummary:
    """No queries beyond the case's contact, company and assignee (select them with it).

    After the first answer the case is measured by the next step's deadline only: the first
    deadline says when it was answered, never "Overskredet". Whether the case is late is the
    model's one rule (Case.is_overdue, as the inbox and its filter); a date is marked late when
    the case is and that date has passed.
    """
    if case.status == Case.Status.CLOSED:
        paused = _("Sagen er afsluttet")
    elif case.status == Case.Status.WAITING:
        paused = _("Afventer henvender: fristen gælder ikke, mens vi venter")
    else:
        paused = ""
    overdue = case.is_overdue(today)
    answered = answered_text(case)
    next_deadline = case.next_deadline
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
        deadline_text=answered or paused or working_days_left_text(case.deadline, today),
        overdue=overdue,
        # Once answered, the first deadline's line says so: never late.
        deadline_overdue=overdue and not answered and case.deadline < today,
        legal_hold=case.legal_hold,
        legal_hold_reason=case.legal_hold_reason,
        answered_text=answered,
        next_deadline=next_deadline,
        next_deadline_text=(
            (paused or working_days_left_text(next_deadline, today)) if next_deadline else ""
        ),
        next_deadline_overdue=overdue and next_deadline is not None and next_deadline < today,
        channel=case.get_channel_display(),
        anonymised_at=case.anonymised_at,
    )


@dataclass(frozen=True)
class OtherCase:
    reference: str
    subject: str
    status: str
    received: date
    url: str
    # Why it is shown: "samme e-mail", "samme virksomhed" or both.
    match: str


def other_cases(case: Case, *, limit: int = 20) -> list[OtherCase]:
    """The enquirer's and the company's other cases, newest first, excluding this one: those
    from the same e-mail address (any contact: each submission has its own) or the same
    company. One query; none without an e-mail address or company."""
    email = (case.contact.email or "").strip()
    condition = Q()
    if email:
        condition |= Q(contact__email__iexact=email)
    if case.company_id:
        condition |= Q(company_id=case.company_id)
    if not condition:
        return []
    rows = (
        Case.objects.filter(condition)
        .exclude(pk=case.pk)
        .order_by("-created_at", "-pk")
        .values(
            "pk", "reference", "subject", "status", "created_at", "company_id", "contact__email"
        )
    )[:limit]
    found = []
    for row in rows:
        reasons = []
        if email and (row["contact__email"] or "").lower() == email.lower():
            reasons.append(_("samme e-mail"))
        if case.company_id and row["company_id"] == case.company_id:
            reasons.append(_("samme virksomhed"))
        found.append(
            OtherCase(
                reference=row["reference"],
                subject=row["subject"],
                status=Case.Status(row["status"]).label,
                received=timezone.localdate(row["created_at"]),
                url=reverse("admin:cases_case_change", args=[row["pk"]]),
                match=", ".join(str(reason) for reason in reasons),
            )
        )
    return found


def journal(case: Case) -> QuerySet[CaseEvent]:
    """The whole journal, newest first, with each author: one query."""
    return case.events.select_related("author").order_by("-created_at", "-pk")


@dataclass(frozen=True)
class JournalEntry:
    event: CaseEvent
    # The files the enquirer sent with an answer (CaseAttachment), with the staff-only link to
    # each ("" when there is no such view).
    files: list = field(default_factory=list)

    @property
    def by_enquirer(self) -> bool:
        return self.event.kind == CaseEvent.Kind.ENQUIRER_REPLY


def journal_with_files(case: Case) -> list[JournalEntry]:
    """The journal (newest first) with the enquirer's files by entry: two queries."""
    files = attachments_by_event(case)
    return [
        JournalEntry(event, [(a, attachment_url(a)) for a in files.get(event.pk, [])])
        for event in journal(case)
    ]


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
