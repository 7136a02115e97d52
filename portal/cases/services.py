"""Every write to a case: open it, assign it, change its status, add notes and replies.

Each function is one transaction that also writes the journal and queues the e-mail to the
enquirer in the outbox, so a rolled-back change leaves neither a journal entry nor an e-mail.
"""

import re
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from portal.cases.models import (
    PLACEHOLDER,
    Case,
    CaseCounter,
    CaseEvent,
    ReplyTemplate,
    format_reference,
)
from portal.cases.workdays import add_working_days, working_days_between
from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings
from portal.registry.models import Company, Contact
from portal.registry.services import company_for_cvr_or_draft

# Case fields the caseworker may edit directly on the case page.
EDITABLE_FIELDS = (
    "kind",
    "subject",
    "contact",
    "company",
    "deadline",
    "next_deadline",
    "led_to_arrival",
)


def first_answer_deadline(received: date) -> date:
    return add_working_days(received, settings.CASES_FIRST_ANSWER_WORKING_DAYS)


def _next_reference(year: int) -> str:
    """The next number of the year, taken under a row lock held until the caller commits."""
    CaseCounter.objects.bulk_create([CaseCounter(year=year)], ignore_conflicts=True)
    counter = CaseCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return format_reference(year, counter.last_number)


def number_in_bulk(cases: list[Case]) -> None:
    """Give unsaved cases, in order, the next references of the years they were received, for a
    bulk insert (the demo's history, generated load): each year's counter is locked until the
    caller commits, as _next_reference() does for one case."""
    years = sorted({timezone.localdate(case.created_at).year for case in cases})
    CaseCounter.objects.bulk_create(
        [CaseCounter(year=year) for year in years], ignore_conflicts=True
    )
    counters = {c.year: c for c in CaseCounter.objects.select_for_update().filter(year__in=years)}
    for case in cases:
        counter = counters[timezone.localdate(case.created_at).year]
        counter.last_number += 1
        case.reference = format_reference(counter.year, counter.last_number)
    CaseCounter.objects.bulk_update(counters.values(), ["last_number"])


def status_url(case: Case) -> str:
    """The enquirer's private status link, absolute, for e-mails."""
    site_url = settings.SITE_URL.rstrip("/")
    return site_url + reverse("cases:status", args=[case.public_token])


def _email_context(case: Case, *, caseworker: AbstractBaseUser | None = None, **extra) -> dict:
    """What the case's e-mails to the enquirer are rendered with; `caseworker` signs them."""
    return {
        "case": case,
        "caseworker_name": (caseworker.get_full_name() or "") if caseworker else "",
        "contact": case.contact,
        "status_url": status_url(case),
        "site": SiteSettings.load(),
        **extra,
    }


def case_for_submission(submission_key: str) -> Case | None:
    """The case a public form with this one-time submission key has opened, if any."""
    if not submission_key:
        return None
    return Case.objects.filter(submission_key=submission_key).first()


def open_case(
    *,
    kind: str,
    contact: Contact,
    subject: str,
    company: Company | None = None,
    submission_key: str = "",
    answer_within_working_days: int | None = None,
    channel: str = Case.Channel.WEB,
) -> Case:
    """Open a case for an enquiry, application or proposal, with reference and deadline.

    The deadline is the first answer's (CASES_FIRST_ANSWER_WORKING_DAYS), unless the case
    promises its answer later: a grant application is answered by its decision, within the
    scheme's `answer_within_working_days`, and that is the date it is overdue by.

    The receipt is the caller's: each public form sends its own (see templates/intake/).

    `submission_key` is the public form's one-time key: the same form posted twice opens one
    case, and the second call returns it. Two posts at the same moment both miss the lookup;
    the key is unique, so one commits and the other fails with IntegrityError. Called on its
    own, open_case then returns the winner's case. Inside a caller's transaction (which has
    stored the contact, perhaps a draft company) the error goes on, so that the caller's work
    rolls back whole: `portal.intake.submit_once()` catches it and returns the winner's case.
    """
    if existing := case_for_submission(submission_key):
        return existing
    try:
        return _open_case(
            kind=kind,
            contact=contact,
            subject=subject,
            company=company,
            submission_key=submission_key or None,
            answer_within_working_days=answer_within_working_days,
            channel=channel,
        )
    except IntegrityError:
        if not submission_key or transaction.get_connection().in_atomic_block:
            raise
        if existing := case_for_submission(submission_key):
            return existing
        raise


@transaction.atomic
def _open_case(
    *,
    kind: str,
    contact: Contact,
    subject: str,
    company: Company | None,
    submission_key: str | None,
    answer_within_working_days: int | None,
    channel: str,
) -> Case:
    now = timezone.now()
    received = timezone.localdate(now)
    case = Case.objects.create(
        reference=_next_reference(received.year),
        kind=kind,
        subject=subject,
        contact=contact,
        company=company,
        deadline=(
            first_answer_deadline(received)
            if answer_within_working_days is None
            else add_working_days(received, answer_within_working_days)
        ),
        created_at=now,
        submission_key=submission_key,
        channel=channel,
        # A grant promises its decision by this date: still the date after a first answer.
        next_deadline=(
            None
            if answer_within_working_days is None
            else add_working_days(received, answer_within_working_days)
        ),
    )
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.STATUS_CHANGE,
        new_status=Case.Status.RECEIVED,
        text=_("Sagen er modtaget"),
        shared_with_enquirer=True,
        created_at=now,
    )
    case.opened_now = True  # see portal.intake.submit_once()
    return case


def lock_case(case: Case) -> Case:
    """The case's row, locked until the caller's transaction ends, with its contact.

    For every write that reads the case before it changes it (here and in portal.cases.enquirer).
    """
    locked = Case.objects.select_for_update().select_related("contact").get(pk=case.pk)
    # The caller's object shows what is now stored, not what it loaded earlier.
    case.status, case.closed_at, case.assignee_id, case.version = (
        locked.status,
        locked.closed_at,
        locked.assignee_id,
        locked.version,
    )
    return locked


def bump_version(locked: Case, case: Case, by: AbstractBaseUser | None) -> None:
    """Count a change to the case itself; the caller saves `version` with its other fields.

    The history record names `by`, also when the service runs outside a request.
    """
    if by is not None:
        locked._history_user = by
    locked.version += 1
    case.version = locked.version


def _require_email(locked: Case) -> None:
    if not locked.contact.email:
        raise ValidationError(
            _("Henvenderen har ingen e-mailadresse, så beskeden kan ikke sendes."),
            code="no_email",
        )


@transaction.atomic
def change_status(
    *,
    case: Case,
    to: str,
    by: AbstractBaseUser | None,
    message: str = "",
    share_with_enquirer: bool = True,
) -> CaseEvent:
    """The one way a case changes status: checks the workflow, journals it, tells the enquirer.

    Raises ValidationError (in Danish) for a transition the workflow does not allow; then
    nothing is written.
    """
    locked = lock_case(case)
    old, new = Case.Status(locked.status), Case.Status(to)
    if not locked.can_change_to(new):
        raise ValidationError(
            _("En sag med status »%(old)s« kan ikke ændres til »%(new)s«.")
            % {"old": old.label, "new": new.label},
            code="invalid_transition",
        )
    if share_with_enquirer:
        _require_email(locked)
    locked.status = new
    locked.closed_at = timezone.now() if new == Case.Status.CLOSED else None
    bump_version(locked, case, by)
    locked.save(update_fields=["status", "closed_at", "version"])
    case.status, case.closed_at = locked.status, locked.closed_at

    event = CaseEvent.objects.create(
        case=locked,
        kind=CaseEvent.Kind.STATUS_CHANGE,
        old_status=old,
        new_status=new,
        text=message.strip(),
        shared_with_enquirer=share_with_enquirer,
        author=by,
    )
    if share_with_enquirer:
        queue_email(
            to=locked.contact.email,
            template="cases/email/status_changed",
            context=_email_context(locked, message=message.strip(), caseworker=by),
            about=locked,
        )
        # A message with the new status answers the enquirer as a reply would; a bare status
        # notice ("Under behandling") does not.
        if message.strip():
            record_first_answer(case, event.created_at)
    return event


@transaction.atomic
def assign(*, case: Case, to: AbstractBaseUser | None, by: AbstractBaseUser | None) -> Case:
    """Make `to` the caseworker on the case (None: nobody), and journal it."""
    if to is not None and not to.is_staff:
        raise ValidationError(_("En sag kan kun tildeles en medarbejder."), code="not_staff")
    locked = lock_case(case)
    if locked.assignee_id == (to.pk if to else None):
        return case
    locked.assignee = to
    bump_version(locked, case, by)
    locked.save(update_fields=["assignee", "version"])
    case.assignee = to
    CaseEvent.objects.create(
        case=locked,
        kind=CaseEvent.Kind.NOTE,
        text=(
            _("Sagen er tildelt %(name)s.") % {"name": to.get_full_name() or to.get_username()}
            if to
            else _("Sagen har ikke længere en sagsbehandler.")
        ),
        author=by,
    )
    return case


def take_cases(*, cases, by: AbstractBaseUser) -> tuple[int, list[Case]]:
    """Make `by` the caseworker on those of `cases` nobody has (or `by` has already).

    A case a colleague has is left to them, not taken over unseen: returned, to be named. The
    check is made under the case's row lock, so a colleague taking it at the same moment wins.
    Returns how many cases are now `by`'s, and those left.
    """
    taken, theirs = 0, []
    for case in cases.select_related("assignee").order_by("reference"):
        with transaction.atomic():
            lock_case(case)  # the stored caseworker, on `case` too
            if case.assignee_id not in (None, by.pk):
                theirs.append(case)
                continue
            assign(case=case, to=by, by=by)
            taken += 1
    return taken, theirs


@transaction.atomic
def add_note(*, case: Case, text: str, by: AbstractBaseUser | None) -> CaseEvent:
    """An internal note: never shown to the enquirer."""
    if not text.strip():
        raise ValidationError(_("Skriv notatet."), code="empty")
    return CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.NOTE, text=text.strip(), author=by
    )


def first_answer_facts(case: Case, answered_at) -> dict:
    """What the dashboard keeps about a case's first answer: when, and after how many working
    days (both days in Copenhagen time)."""
    received = timezone.localdate(case.created_at)
    answered = timezone.localdate(answered_at)
    return {
        "first_answer_at": answered_at,
        "first_answer_workdays": max(working_days_between(received, answered), 0),
    }


def record_first_answer(case: Case, answered_at) -> bool:
    """Mark `answered_at` as the case's first answer, unless it has one: a conditional UPDATE,
    so two replies at once record the earlier commit's only. True when this was the first."""
    facts = first_answer_facts(case, answered_at)
    recorded = Case.objects.filter(pk=case.pk, first_answer_at__isnull=True).update(**facts)
    if recorded:
        for name, value in facts.items():
            setattr(case, name, value)
    return bool(recorded)


def show_to_enquirer(*, case: Case, text: str, by: AbstractBaseUser | None) -> CaseEvent:
    """A message on the enquirer's status page and in the journal, without an e-mail: for a
    caller that sends its own (a decision with its letter attached). The first such message is
    the case's first answer."""
    if not text.strip():
        raise ValidationError(_("Skriv beskeden til henvenderen."), code="empty")
    event = CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.MESSAGE,
        text=text.strip(),
        shared_with_enquirer=True,
        author=by,
    )
    record_first_answer(case, event.created_at)
    return event


@transaction.atomic
def record_phone_call(
    *, case: Case, text: str, by: AbstractBaseUser | None, answered: bool = True
) -> CaseEvent:
    """A phone call with the enquirer, in the journal (internal: the enquirer was there).

    `answered`: the call gave the enquirer an answer, so it is the case's first answer if it
    has none yet (the case stops being overdue, as after a reply by e-mail).
    """
    if not text.strip():
        raise ValidationError(_("Skriv kort, hvad I talte om."), code="empty")
    event = CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.PHONE, text=text.strip(), author=by
    )
    if answered:
        record_first_answer(case, event.created_at)
    return event


def mark_enquirer_reply_seen(case: Case, *, loaded_version: int | None) -> None:
    """A caseworker has worked on the case from a page that showed the enquirer's answer: it is
    no longer new.

    `loaded_version`: the case's version as the page showed it. An answer bumps the version, so
    a page loaded before it is stale and leaves the answer new; so does a page of unknown age.
    """
    if loaded_version is None or case.enquirer_replied_at is None:
        return
    # Conditional: the stored version, not the caller's copy, says what the page showed.
    cleared = Case.objects.filter(
        pk=case.pk, version=loaded_version, enquirer_replied_at__isnull=False
    ).update(enquirer_replied_at=None)
    if cleared:
        case.enquirer_replied_at = None


@transaction.atomic
def reply(*, case: Case, text: str, by: AbstractBaseUser | None) -> CaseEvent:
    """A message to the enquirer: e-mailed and shown on their status page."""
    if not text.strip():
        raise ValidationError(_("Skriv beskeden til henvenderen."), code="empty")
    locked = lock_case(case)
    _require_email(locked)
    event = show_to_enquirer(case=locked, text=text, by=by)
    queue_email(
        to=locked.contact.email,
        template="cases/email/reply",
        context=_email_context(locked, message=text.strip(), caseworker=by),
        about=locked,
    )
    return event


@transaction.atomic
def update_case(*, case: Case, changes: dict, by: AbstractBaseUser | None) -> Case:
    """Store the caseworker's edits of the case's own fields (see EDITABLE_FIELDS).

    History (who and when) is recorded by django-simple-history; status and assignee have their
    own services.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if not changes:
        return case
    locked = lock_case(case)
    for name, value in changes.items():
        setattr(locked, name, value)
        setattr(case, name, value)
    bump_version(locked, case, by)
    locked.save(update_fields=[*changes, "version"])
    return case


@transaction.atomic
def link_company_by_cvr(*, case: Case, cvr: str, by: AbstractBaseUser | None) -> Company:
    """Link the company with this CVR number to the case, creating a draft if it is unknown.

    Journals the link. Raises ValidationError for an invalid CVR number.
    """
    company, created = company_for_cvr_or_draft(
        cvr=cvr, reason=_("Oprettet som kladde ud fra CVR-nummeret på en sag")
    )
    locked = lock_case(case)
    if locked.company_id == company.pk:
        return company
    locked.company = company
    case.company = company
    bump_version(locked, case, by)
    locked.save(update_fields=["company", "version"])
    text = (
        _("Virksomheden med CVR-nummer %(cvr)s var ukendt og er oprettet som kladde og tilknyttet.")
        if created
        else _("Virksomheden %(name)s (CVR-nummer %(cvr)s) er tilknyttet sagen.")
    ) % {"name": company.name, "cvr": company.cvr}
    CaseEvent.objects.create(case=locked, kind=CaseEvent.Kind.NOTE, text=text, author=by)
    return company


def reply_placeholders(case: Case) -> dict[str, str]:
    return {
        "navn": case.contact.name,
        "sagsnummer": case.reference,
        "emne": case.subject,
        "frist": formats.date_format(case.deadline, "j. F Y"),
        "statusside": status_url(case),
    }


def render_reply_template(template: ReplyTemplate, case: Case) -> str:
    """The template's text with the case's values in its placeholders ({navn} …).

    A placeholder it does not know, and any other brace, is left as written: a typo in a
    template shows up in the caseworker's message box instead of breaking the reply.
    (Hence a regular expression rather than str.format_map, which fails on a lone brace.)
    """
    values = reply_placeholders(case)
    return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), template.body)


# What the caseworker must fill in before a template's text is sent: text in square brackets
# ("[dato og tid]"), and the older forms the first templates used: a line that is a lone "-"
# (a list to write), and a label with a gap after it ("Dato og tid: ", the space left to write
# in; "Jeg foreslår:" ending a sentence is no gap).
_BRACKET_MARK = re.compile(r"\[[^\[\]\n]+\]")
_GAP_MARK = re.compile(r"^[ \t]*(-|[^\n:]{1,60}:(?=[ \t]+$))[ \t]*$", re.MULTILINE)
# In the message, the same line left as it was (its trailing space perhaps trimmed).
_LINE_LEFT = re.compile(r"^[ \t]*(-|[^\n:]{1,60}:)[ \t]*$", re.MULTILINE)


def fill_in_marks(text: str) -> list[str]:
    """The fill-in marks in a template's text, in order, each once."""
    found = [(match.start(), match[0]) for match in _BRACKET_MARK.finditer(text)]
    found += [(match.start(1), match[1]) for match in _GAP_MARK.finditer(text)]
    return list(dict.fromkeys(mark for _start, mark in sorted(found)))


def unfilled_marks(message: str, template: ReplyTemplate | None) -> list[str]:
    """The fill-in marks still in the message, in the order it has them: the bracketed marks
    ("[dato og tid]") of every active template and of `template`, and the chosen template's
    older marks (a lone "-", "Dato og tid:" with nothing after it).

    Every active template's, whatever the caseworker chose: a template's text pasted in, or
    kept after choosing "— ingen —" or another template, is still sent unread otherwise. The
    older marks are the chosen template's only: "-" alone on a line is a fine thing to write.
    """
    bodies = list(ReplyTemplate.objects.filter(active=True).values_list("body", flat=True))
    if template is not None:
        bodies.append(template.body)
    bracketed = {mark for body in bodies for mark in fill_in_marks(body) if mark.startswith("[")}
    found = [(message.index(mark), mark) for mark in bracketed if mark in message]
    if template is not None:
        lines_left = {match.start(1): match[1] for match in _LINE_LEFT.finditer(message)}
        legacy = [mark for mark in fill_in_marks(template.body) if not mark.startswith("[")]
        found += [(start, mark) for start, mark in lines_left.items() if mark in legacy]
    return list(dict.fromkeys(mark for _start, mark in sorted(found)))


def marks_listed(marks: list[str]) -> str:
    """ "»[dato og tid]« og »[sted]«": the marks as a Danish list."""
    return get_text_list([f"»{mark}«" for mark in marks], _("og"))


def require_marks_filled_in(message: str, template: ReplyTemplate | None) -> None:
    """Refuse a message that still holds a template's fill-in mark ("[dato og tid]" …)."""
    marks = unfilled_marks(message, template) if message else []
    if marks:
        raise ValidationError(
            _("Udfyld %(marks)s, før du sender.") % {"marks": marks_listed(marks)},
            code="unfilled_mark",
        )


def case_has_changed_since(*, case: Case, version: int) -> bool:
    """Whether someone changed the case after a form showed it at `version`.

    Locks the case row until the caller's transaction ends, so nobody changes it between
    this check and the caller's write.
    """
    current = Case.objects.select_for_update().values_list("version", flat=True).get(pk=case.pk)
    return current != version


def _require_told_when_waiting(*, new_status: str, told: bool) -> None:
    """A case set to wait for the enquirer must tell them so: they have the next move."""
    if new_status == Case.Status.WAITING and not told:
        raise ValidationError(
            _(
                "Sagen venter på henvenderen, så henvenderen skal have besked: skriv i »Besked "
                "til henvender«, hvad de skal gøre, sæt kryds i »Send besked til henvender«, "
                "eller skriv telefonsamtalen, hvis I har talt sammen."
            ),
            code="waiting_untold",
        )


UNCHANGED = object()


@transaction.atomic
def work_on_case(
    *,
    case: Case,
    by: AbstractBaseUser | None,
    changes: dict | None = None,
    assign_to=UNCHANGED,
    cvr: str = "",
    note: str = "",
    new_status: str = "",
    message: str = "",
    template: ReplyTemplate | None = None,
    notify: bool = False,
    phone_call: str = "",
    phone_answered: bool = True,
    loaded_version: int | None = None,
) -> None:
    """Everything the caseworker does from the case page in one save, all or nothing.

    `message` is sent as the caseworker wrote it: with a new status it goes with the status
    change, otherwise as a reply. `template` is the reply template it was started from: a
    message that still holds one of its fill-in marks is refused (a template is never sent
    unread). A bare status change e-mails the enquirer only when `notify`; a case set to wait
    for the enquirer must tell them (a message, `notify`, or the phone call that did).
    `phone_call`: a call with the enquirer, an answer to them when `phone_answered`.
    `loaded_version`: the case's version as the page showed it; the enquirer's new answer is
    marked seen only when the page was loaded after it (mark_enquirer_reply_seen).
    If anything fails (a refused status change, an e-mail that cannot be queued) nothing at
    all is stored.
    """
    message = message.strip()
    require_marks_filled_in(message, template)
    if new_status:
        _require_told_when_waiting(
            new_status=new_status, told=bool(message or notify or phone_call.strip())
        )
    mark_enquirer_reply_seen(case, loaded_version=loaded_version)
    update_case(case=case, changes=changes or {}, by=by)
    if cvr:
        link_company_by_cvr(case=case, cvr=cvr, by=by)
    if assign_to is not UNCHANGED:
        assign(case=case, to=assign_to, by=by)
    if phone_call.strip():
        record_phone_call(case=case, text=phone_call, by=by, answered=phone_answered)
    if note.strip():
        add_note(case=case, text=note, by=by)
    if new_status:
        change_status(
            case=case,
            to=new_status,
            by=by,
            message=message,
            share_with_enquirer=bool(message) or notify,
        )
    elif message:
        reply(case=case, text=message, by=by)
