"""Retention (anonymise or delete what the policy says is due), legal hold, and the log.

`plan_retention` only reads; `apply_retention` writes, one transaction per batch, and skips what
an earlier run already anonymised, so it can run any number of times (the worker runs it
nightly). Anonymising replaces personal data in place, also in the django-simple-history tables,
which would otherwise keep every old name and e-mail address.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.cases.models import Case, CaseEvent, new_public_token
from portal.notifications.models import OutboxMessage
from portal.privacy.models import PrivacyLogEntry
from portal.privacy.policy import RetentionRule, retention_rules
from portal.privacy.registrations import anonymise_registrations, due_registrations
from portal.privacy.registry import Subject, app_retention, personal_data
from portal.privacy.report import SubjectReport, build_subject_report
from portal.registry.models import Contact

# Stored, not shown in a language: the same words whatever language the worker runs in.
ANONYMISED = "Anonymiseret"
# A reserved domain (RFC 2606): no e-mail can ever reach it, and the field stays a valid address.
ANONYMISED_EMAIL = "anonymiseret@anonymiseret.invalid"

BATCH_SIZE = 200
PREVIEW_LIMIT = 50


@dataclass
class PlannedRule:
    rule: RetentionRule
    cutoff: datetime
    # Everything due under the rule, unevaluated; `preview` is its first PREVIEW_LIMIT rows.
    queryset: QuerySet
    count: int
    preview: list


@dataclass
class RetentionPlan:
    now: datetime
    rules: list[PlannedRule]

    @property
    def counts(self) -> dict[str, int]:
        return {planned.rule.kind: planned.count for planned in self.rules}

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class RetentionRun:
    now: datetime
    counts: dict[str, int] = field(default_factory=dict)
    log_entry: PrivacyLogEntry | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# What is due under each rule -------------------------------------------------------------


def _due_cases(cutoff: datetime, now: datetime) -> QuerySet:
    return Case.objects.filter(
        status=Case.Status.CLOSED,
        closed_at__lt=cutoff,
        legal_hold=False,
        anonymised_at__isnull=True,
    ).order_by("closed_at", "pk")


def _without_contacts_in_use(contacts: QuerySet, since: datetime) -> QuerySet:
    """Leave out contacts an app has been in touch with since `since` (outreach and the like)."""
    for data in personal_data.entries():
        if data.contact_activity is not None:
            contacts = contacts.exclude(pk__in=data.contact_activity(since))
    return contacts


def _due_contacts(cutoff: datetime, now: datetime) -> QuerySet:
    kept_case = Case.objects.filter(contact=OuterRef("pk"), anonymised_at__isnull=True)
    contacts = (
        Contact.objects.filter(updated_at__lt=cutoff)
        .exclude(email=ANONYMISED_EMAIL)
        .exclude(Exists(kept_case))
        .select_related("company")
        .order_by("updated_at", "pk")
    )
    return _without_contacts_in_use(contacts, cutoff)


def _due_messages(cutoff: datetime, now: datetime) -> QuerySet:
    # Messages in a case follow the case; queued ones have not been sent yet.
    return OutboxMessage.objects.filter(
        case__isnull=True,
        status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED],
        created_at__lt=cutoff,
    ).order_by("created_at", "pk")


def _due_log_entries(cutoff: datetime, now: datetime) -> QuerySet:
    return PrivacyLogEntry.objects.filter(created_at__lt=cutoff).order_by("created_at", "pk")


# Applying a rule to one batch ------------------------------------------------------------


def _anonymise_contacts(contact_ids) -> int:
    values = {"name": ANONYMISED, "email": ANONYMISED_EMAIL, "phone": "", "role": ""}
    Contact.history.model.objects.filter(id__in=contact_ids).update(**values)
    return (
        Contact.objects.filter(pk__in=contact_ids).exclude(email=ANONYMISED_EMAIL).update(**values)
    )


def _anonymise_cases(batch: list[int], cutoff: datetime, now: datetime) -> int:
    # Checked again under lock: a case put on hold since the plan was made is left alone.
    cases = list(_due_cases(cutoff, now).filter(pk__in=batch).select_for_update())
    for case in cases:
        CaseEvent.objects.filter(case=case).exclude(text="").update(text=ANONYMISED)
        # The enquirer's files go, names and all; from the storage once the rows' deletion has
        # committed, so a rolled-back batch keeps its files.
        attachments = list(case.attachments.all())
        case.attachments.all().delete()
        for attachment in attachments:
            transaction.on_commit(lambda file=attachment.file: file.delete(save=False))
        case.messages.update(to=ANONYMISED_EMAIL, body=ANONYMISED, html_body="", last_error="")
        for data in personal_data.entries():
            if data.anonymise_for_case is not None:
                data.anonymise_for_case(case)
        Case.history.model.objects.filter(id=case.pk).update(
            subject=ANONYMISED, legal_hold_reason=""
        )
        # A new token: the enquirer's old status link no longer opens the case.
        Case.objects.filter(pk=case.pk).update(
            subject=ANONYMISED,
            legal_hold_reason="",
            public_token=new_public_token(),
            anonymised_at=now,
        )
    # The contact goes with its last case: not while another case of theirs is kept, nor while
    # an app is still in touch with them.
    kept_case = Case.objects.filter(contact=OuterRef("pk"), anonymised_at__isnull=True)
    contacts = Contact.objects.filter(pk__in={case.contact_id for case in cases}).exclude(
        Exists(kept_case)
    )
    contact_ids = list(
        _without_contacts_in_use(contacts, _contacts_cutoff(now)).values_list("pk", flat=True)
    )
    _anonymise_contacts(contact_ids)
    return len(cases)


def _anonymise_due_contacts(batch: list[int], cutoff: datetime, now: datetime) -> int:
    ids = list(_due_contacts(cutoff, now).filter(pk__in=batch).values_list("pk", flat=True))
    return _anonymise_contacts(ids)


def _delete_messages(batch: list[int], cutoff: datetime, now: datetime) -> int:
    deleted, _per_model = _due_messages(cutoff, now).filter(pk__in=batch).delete()
    return deleted


def _delete_log_entries(batch: list[int], cutoff: datetime, now: datetime) -> int:
    deleted, _per_model = _due_log_entries(cutoff, now).filter(pk__in=batch).delete()
    return deleted


@dataclass(frozen=True)
class _Handler:
    due: Callable[[datetime, datetime], QuerySet]
    apply: Callable[[list[int], datetime, datetime], int]


_HANDLERS = {
    "closed_cases": _Handler(_due_cases, _anonymise_cases),
    "inactive_contacts": _Handler(_due_contacts, _anonymise_due_contacts),
    "outbox_messages": _Handler(_due_messages, _delete_messages),
    "ended_registrations": _Handler(due_registrations, anonymise_registrations),
    "privacy_log": _Handler(_due_log_entries, _delete_log_entries),
}


def _handler(kind: str) -> _Handler:
    if kind in _HANDLERS:
        return _HANDLERS[kind]
    entry = next(entry for entry in app_retention.entries() if entry.rule.kind == kind)
    return _Handler(entry.due, entry.apply)


def _contacts_cutoff(now: datetime) -> datetime:
    return next(r for r in retention_rules() if r.kind == "inactive_contacts").keep_for.before(now)


# The services ------------------------------------------------------------------------------


def plan_retention(*, now: datetime | None = None) -> RetentionPlan:
    """What retention would anonymise or delete at `now`, per rule; writes nothing.

    Two queries per rule (a count and a preview), however many records are due.
    """
    now = now or timezone.now()
    planned = []
    for rule in retention_rules():
        cutoff = rule.keep_for.before(now)
        queryset = _handler(rule.kind).due(cutoff, now)
        planned.append(
            PlannedRule(
                rule=rule,
                cutoff=cutoff,
                queryset=queryset,
                count=queryset.count(),
                preview=list(queryset[:PREVIEW_LIMIT]),
            )
        )
    return RetentionPlan(now=now, rules=planned)


def _parameters(now: datetime) -> dict:
    return {
        "now": now.isoformat(),
        "periods": {rule.kind: str(rule.keep_for) for rule in retention_rules()},
    }


def dry_run_retention(*, by: AbstractBaseUser | None, now: datetime | None = None) -> RetentionPlan:
    """The plan, for the manager to read before anything is anonymised; logged."""
    plan = plan_retention(now=now)
    PrivacyLogEntry.objects.create(
        kind=PrivacyLogEntry.Kind.DRY_RUN,
        user=by,
        parameters=_parameters(plan.now),
        counts=plan.counts,
        total=plan.total,
    )
    return plan


def apply_retention(
    *, now: datetime | None = None, by: AbstractBaseUser | None = None
) -> RetentionRun:
    """Anonymise or delete everything due at `now`, in batches of BATCH_SIZE; logged.

    Each batch is its own transaction, so a long run does not hold locks for its whole length
    and a failure keeps the batches before it. What is already anonymised is not due again.
    """
    now = now or timezone.now()
    run = RetentionRun(now=now)
    for rule in retention_rules():
        handler = _handler(rule.kind)
        cutoff = rule.keep_for.before(now)
        ids = list(handler.due(cutoff, now).values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), BATCH_SIZE):
            with transaction.atomic():
                done += handler.apply(ids[start : start + BATCH_SIZE], cutoff, now)
        run.counts[rule.kind] = done
    run.log_entry = PrivacyLogEntry.objects.create(
        kind=PrivacyLogEntry.Kind.RETENTION_RUN,
        user=by,
        parameters=_parameters(now),
        counts=run.counts,
        total=run.total,
    )
    return run


@transaction.atomic
def set_legal_hold(
    *, case: Case, on: bool, reason: str = "", by: AbstractBaseUser | None
) -> CaseEvent:
    """Put a case on legal hold (never anonymised) or lift it; the journal records why.

    Refused (ValidationError) when the case is already as asked: a form loaded before a
    colleague's change, or sent twice, writes nothing.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    reason = reason.strip()
    if locked.anonymised_at:
        raise ValidationError(_("Sagen er allerede anonymiseret."), code="anonymised")
    if on and not reason:
        raise ValidationError(
            _("Skriv, hvorfor sagen ikke må anonymiseres."), code="reason_required"
        )
    if on and locked.legal_hold:
        raise ValidationError(
            _("Sagen er allerede i retslig tilbageholdelse."), code="already_on_hold"
        )
    if not on and not locked.legal_hold:
        raise ValidationError(_("Sagen er ikke i retslig tilbageholdelse."), code="not_on_hold")
    locked.legal_hold = on
    locked.legal_hold_reason = reason if on else ""
    if by is not None:
        locked._history_user = by
    locked.save(update_fields=["legal_hold", "legal_hold_reason"])
    case.legal_hold, case.legal_hold_reason = locked.legal_hold, locked.legal_hold_reason
    if on:
        text = _("Retslig tilbageholdelse sat: %(reason)s") % {"reason": reason}
    elif reason:
        text = _("Retslig tilbageholdelse ophævet: %(reason)s") % {"reason": reason}
    else:
        text = _("Retslig tilbageholdelse ophævet.")
    return CaseEvent.objects.create(case=locked, kind=CaseEvent.Kind.NOTE, text=text, author=by)


def make_subject_report(
    *, subject: Subject, by: AbstractBaseUser | None, output: str
) -> SubjectReport:
    """Everything the portal holds on a person or company, for the manager to hand over; logged.

    `output` says what was made ("oversigt", "json", "html") and goes into the log.
    """
    report = build_subject_report(subject, generated_by=by)
    PrivacyLogEntry.objects.create(
        kind=PrivacyLogEntry.Kind.SUBJECT_REPORT,
        user=by,
        parameters={
            **({"email": subject.email} if subject.email else {"cvr": subject.cvr}),
            "output": output,
        },
        counts=report.counts,
        total=report.total,
    )
    return report


def log_export(*, user, list_name: str, filters: dict, total: int) -> PrivacyLogEntry:
    """Record that a caseworker took a list of cases or companies out of the portal."""
    return PrivacyLogEntry.objects.create(
        kind=PrivacyLogEntry.Kind.EXPORT,
        user=user,
        parameters={"liste": list_name, "filtre": filters},
        total=total,
    )
