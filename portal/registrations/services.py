"""Seats: register, cancel, promote from the waiting list, change or cancel an occasion.

Every write that counts seats starts by locking the occasion's row (SELECT … FOR UPDATE), the
same pattern as the case-reference counter: two app servers taking the last seat at the same
moment queue up on that lock, and the second counts the first one's seat. Registrations are
read again under the lock, so a person who cancelled meanwhile is never promoted.

Every e-mail goes through the outbox in the same transaction, in the registrant's language, so
a rolled-back write sends nothing and a failed e-mail never loses a registration.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.notifications.services import Attachment, queue_email
from portal.pages.models import SiteSettings
from portal.registrations import calendar
from portal.registrations.kinds import kind_of
from portal.registrations.models import Occasion, OccasionMessage, Registration
from portal.registry.models import Company
from portal.registry.services import company_for_cvr_or_draft

# Written into the registry's history in Danish, whatever language the registrant used.
CREATED_FROM_REGISTRATION = "Oprettet fra en tilmelding på portalen"

# Changing one of these moves the calendar entry: everyone registered is told.
MOVING_FIELDS = ("starts_at", "ends_at", "address", "online_url")
# Changing one of these changes the calendar entry (its SEQUENCE goes up).
CALENDAR_FIELDS = (*MOVING_FIELDS, "title")
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "starts_at",
        "ends_at",
        "registration_deadline",
        "capacity",
        "max_seats_per_registration",
        "address",
        "online_url",
        "published",
    }
)


class AlreadyRegistered(Exception):
    """The e-mail address already has an active registration; its link was mailed again."""

    def __init__(self, registration: Registration) -> None:
        super().__init__(registration.pk)
        self.registration = registration


# Locks and rules ---------------------------------------------------------------------------


def _locked(occasion: Occasion) -> Occasion:
    """The occasion's row, locked until the transaction ends: the one door to its seats."""
    return Occasion.objects.select_for_update().get(pk=occasion.pk)


def _seats_left(occasion: Occasion) -> int:
    return occasion.seats_left_of(occasion.seats_taken_now())


def promotion_stops_at(occasion: Occasion) -> datetime.datetime:
    """After this, freed seats are not offered to the waiting list automatically."""
    return occasion.starts_at - datetime.timedelta(
        hours=settings.REGISTRATIONS_PROMOTION_STOP_HOURS
    )


def check_open(occasion: Occasion, *, now: datetime.datetime) -> None:
    """Raise ValidationError (in the visitor's language) if people cannot register now."""
    if occasion.is_cancelled:
        raise ValidationError(
            _("Arrangementet er aflyst, så du kan ikke tilmelde dig."), code="cancelled"
        )
    if not occasion.published:
        raise ValidationError(_("Der er ikke åbnet for tilmelding endnu."), code="unpublished")
    if occasion.starts_at <= now:
        raise ValidationError(
            _("Arrangementet er allerede begyndt, så du kan ikke tilmelde dig."), code="past"
        )
    if occasion.registration_deadline <= now:
        raise ValidationError(
            _("Tilmeldingen lukkede %(deadline)s.")
            % {"deadline": _when(occasion.registration_deadline)},
            code="deadline",
        )


def _check_seats(occasion: Occasion, seats: int) -> None:
    if seats < 1:
        raise ValidationError({"seats": _("Skriv, hvor mange I kommer.")}, code="no_seats")
    if seats > occasion.capacity:
        # Such a party would wait for ever.
        raise ValidationError(
            {
                "seats": ngettext(
                    "Der er kun %(count)d plads i alt.",
                    "Der er kun %(count)d pladser i alt.",
                    occasion.capacity,
                )
                % {"count": occasion.capacity}
            },
            code="more_than_capacity",
        )
    if seats > occasion.max_seats_per_registration:
        raise ValidationError(
            {
                "seats": ngettext(
                    "Der kan højst tilmeldes %(count)d deltager ad gangen.",
                    "Der kan højst tilmeldes %(count)d deltagere ad gangen.",
                    occasion.max_seats_per_registration,
                )
                % {"count": occasion.max_seats_per_registration}
            },
            code="too_many_seats",
        )


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "j. F Y \\k\\l. H.i")


def _language(language: str | None) -> str:
    try:
        return translation.get_supported_language_variant(
            language or translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


# E-mails ---------------------------------------------------------------------------------


def registration_url(registration: Registration) -> str:
    """The registrant's private link, absolute, in their language."""
    with translation.override(registration.language):
        return calendar.absolute(registration.get_absolute_url())


def registration_calendar(registration: Registration) -> bytes:
    """The occasion as a calendar entry, with the registrant's own link in its description.

    For a cancelled registration the entry is marked cancelled (one SEQUENCE on), so a calendar
    that has the confirmation's entry shows it as cancelled."""
    with translation.override(registration.language):
        description = _("Din tilmelding, og hvis du bliver forhindret: %(url)s") % {
            "url": registration_url(registration)
        }
        return calendar.occasion_calendar(
            [registration.occasion],
            name=registration.occasion.title,
            description=description,
            cancelled=registration.status == Registration.Status.CANCELLED,
        )


def _invitation(registration: Registration) -> Attachment:
    return Attachment(
        filename="invitation.ics",
        mimetype="text/calendar",
        content=registration_calendar(registration).decode(),
    )


def _queue(
    registration: Registration, template: str, *, with_calendar: bool = False, **context
) -> OutboxMessage:
    """One e-mail to the registrant, written in their language, about the registration."""
    occasion = registration.occasion
    with translation.override(registration.language):
        kind = kind_of(occasion)
        return queue_email(
            to=registration.email,
            template=f"registrations/email/{template}",
            context={
                "registration": registration,
                "occasion": occasion,
                "kind_label": kind.label,
                "kind_definite": kind.label_definite,
                "registration_url": registration_url(registration),
                "occasion_url": calendar.absolute(occasion.get_absolute_url()),
                "place_in_line": registration.place_in_line(),
                "site": SiteSettings.load(),
                "promotion_stop_hours": settings.REGISTRATIONS_PROMOTION_STOP_HOURS,
                **context,
            },
            about=registration,
            attachments=[_invitation(registration)] if with_calendar else None,
        )


def _queue_state(registration: Registration) -> OutboxMessage:
    if registration.status == Registration.Status.CONFIRMED:
        return _queue(registration, "confirmed", with_calendar=True)
    return _queue(registration, "waiting")


# Registering -------------------------------------------------------------------------------

NEW, REPEAT, DUPLICATE = "new", "repeat", "duplicate"


def _take_seat(
    *,
    occasion: Occasion,
    contact: ContactData,
    seats: int,
    needs: str,
    listed: bool,
    company_for: Callable[[], Company | None],
    company_name: str,
    language: str | None,
    submission_key: str | None,
    on_new: Callable[[Registration], None] | None = None,
) -> tuple[Registration, str]:
    """The registration and what happened: NEW, REPEAT (this form again) or DUPLICATE.

    `on_new(registration)` stores what the app asks beyond the seat (a course enrolment's
    idea), in the same transaction, before the e-mail is queued: only for a new registration."""
    with transaction.atomic():
        locked = _locked(occasion)
        if submission_key and (
            repeat := Registration.objects.filter(submission_key=submission_key).first()
        ):
            return repeat, REPEAT
        now = timezone.now()
        check_open(locked, now=now)
        _check_seats(locked, seats)
        existing = (
            Registration.objects.active()
            .filter(occasion=locked, email__iexact=contact.email, anonymised_at__isnull=True)
            .first()
        )
        if existing is not None:
            # Mail the link to the address that has it, and tell the visitor nothing more.
            _queue(existing, "link_again")
            return existing, DUPLICATE
        left = _seats_left(locked)
        # A party that waits and fits comes first (after promotion has stopped, staff offer it).
        someone_waiting_fits = (
            left > 0
            and Registration.objects.in_line().filter(occasion=locked, seats__lte=left).exists()
        )
        confirmed = seats <= left and not someone_waiting_fits
        registration = Registration(
            occasion=locked,
            name=contact.name,
            email=contact.email,
            phone=contact.phone,
            company=company_for(),
            company_name=company_name,
            seats=seats,
            needs=needs,
            listed=listed,
            language=_language(language),
            status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING,
            confirmed_at=now if confirmed else None,
            waiting_since=None if confirmed else now,
            submission_key=submission_key or None,
            created_at=now,
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # The same address or form at the same moment, on a database without row locks:
            # the other one won.
            existing = Registration.objects.active().filter(
                occasion=locked, email__iexact=contact.email, anonymised_at__isnull=True
            )
            if submission_key and (
                repeat := Registration.objects.filter(submission_key=submission_key).first()
            ):
                return repeat, REPEAT
            if winner := existing.first():
                _queue(winner, "link_again")
                return winner, DUPLICATE
            raise
        if on_new is not None:
            on_new(registration)
        _queue_state(registration)
        return registration, NEW


def register(
    *,
    occasion: Occasion,
    contact: ContactData,
    seats: int = 1,
    needs: str = "",
    listed: bool = False,
    company: Company | None = None,
    company_name: str = "",
    language: str | None = None,
    submission_key: str | None = None,
    on_new: Callable[[Registration], None] | None = None,
) -> Registration:
    """A seat for the party if there are enough, else a place on the waiting list; and the
    e-mail that says which (with the calendar invitation when confirmed).

    Never gives more seats than the capacity, also with several app servers. The same
    `submission_key` (the form's one-time token) gives the same registration. Raises
    AlreadyRegistered when the address has an active registration (its link is mailed again,
    nothing else is written), ValidationError when registration is closed or the party is too
    large.
    """
    registration, outcome = _take_seat(
        occasion=occasion,
        contact=contact,
        seats=seats,
        needs=needs,
        listed=listed,
        company_for=lambda: company,
        company_name=company_name or (company.name if company else ""),
        language=language,
        submission_key=submission_key,
        on_new=on_new,
    )
    if outcome == DUPLICATE:
        raise AlreadyRegistered(registration)
    return registration


def submit_registration(
    *,
    occasion: Occasion,
    contact: ContactData,
    cvr: str = "",
    company_name: str = "",
    seats: int = 1,
    needs: str = "",
    listed: bool = False,
    submission_key: str | None = None,
    language: str | None = None,
    on_new: Callable[[Registration], None] | None = None,
) -> Registration:
    """register() from the public form: a CVR number finds the company or drafts one for the
    caseworker, as the enquiry form does (only for a new registration)."""

    def company_for() -> Company | None:
        if not cvr:
            return None
        company, _created = company_for_cvr_or_draft(
            cvr=cvr, name=company_name, reason=CREATED_FROM_REGISTRATION
        )
        return company

    registration, outcome = _take_seat(
        occasion=occasion,
        contact=contact,
        seats=seats,
        needs=needs,
        listed=listed,
        company_for=company_for,
        company_name=company_name,
        language=language,
        submission_key=submission_key,
        on_new=on_new,
    )
    if outcome == DUPLICATE:
        raise AlreadyRegistered(registration)
    return registration


# Cancelling and promoting ------------------------------------------------------------------


def _promote_locked(
    occasion: Occasion, *, now: datetime.datetime, force: bool, by: AbstractBaseUser | None
) -> list[Registration]:
    """Give free seats to the waiting list in order: each party that fits, skipping those that
    do not. The caller holds the occasion's lock."""
    if occasion.is_cancelled or occasion.starts_at <= now:
        return []
    if not force and now >= promotion_stops_at(occasion):
        return []
    left = _seats_left(occasion)
    promoted = []
    if left <= 0:
        return promoted
    for waiting in Registration.objects.in_line().filter(occasion=occasion).select_for_update():
        if left <= 0:
            break
        if waiting.seats > left:
            continue
        waiting.status = Registration.Status.CONFIRMED
        waiting.confirmed_at = waiting.promoted_at = now
        waiting._history_user = by
        waiting.save(update_fields=["status", "confirmed_at", "promoted_at"])
        waiting.occasion = occasion
        left -= waiting.seats
        promoted.append(waiting)
        _queue(waiting, "promoted", with_calendar=True)
    return promoted


@transaction.atomic
def promote(
    *, occasion: Occasion, by: AbstractBaseUser | None = None, force: bool = False
) -> list[Registration]:
    """Promote from the waiting list now; `force` (staff) also after promotion has stopped."""
    return _promote_locked(_locked(occasion), now=timezone.now(), force=force, by=by)


@transaction.atomic
def cancel_registration(
    *, registration: Registration, by: AbstractBaseUser | None = None
) -> Registration:
    """Cancel (by the person from their link when `by` is None, else by staff): the seats go
    to the first on the waiting list whose party fits. Cancelling twice changes nothing."""
    locked = _locked(registration.occasion)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    current.occasion = locked
    if current.status == Registration.Status.CANCELLED:
        return current
    now = timezone.now()
    if not current.is_active:
        raise ValidationError(
            _("Fremmødet er registreret, så tilmeldingen kan ikke længere afmeldes."),
            code="attendance_marked",
        )
    if by is None and locked.starts_at <= now:
        raise ValidationError(
            _("Arrangementet er begyndt, så tilmeldingen kan ikke længere afmeldes her."),
            code="started",
        )
    held_seats = current.holds_seats
    current.status = Registration.Status.CANCELLED
    current.cancelled_at = now
    current.cancelled_by = (
        Registration.CancelledBy.PERSON if by is None else Registration.CancelledBy.STAFF
    )
    current._history_user = by
    current.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    _queue(current, "cancelled", with_calendar=held_seats, by_staff=by is not None)
    if held_seats:
        _promote_locked(locked, now=now, force=False, by=by)
    return current


# The occasion ------------------------------------------------------------------------------


@transaction.atomic
def create_occasion(
    *,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    registration_deadline: datetime.datetime,
    capacity: int,
    max_seats_per_registration: int = 4,
    address: str = "",
    online_url: str = "",
    published: bool = False,
    by: AbstractBaseUser | None = None,
) -> Occasion:
    """A new occasion; raises ValidationError (per field) when its times or place are wrong."""
    kind_of(Occasion(kind=kind))  # an unknown kind is a programming error: LookupError
    occasion = Occasion(
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        registration_deadline=registration_deadline,
        capacity=capacity,
        max_seats_per_registration=max_seats_per_registration,
        address=address,
        online_url=online_url,
        published=published,
    )
    occasion.full_clean()
    occasion._history_user = by
    occasion.save()
    return occasion


@transaction.atomic
def update_occasion(*, occasion: Occasion, by: AbstractBaseUser | None, **changes) -> Occasion:
    """Change an occasion. A lower capacity may not go below the seats held; a higher one
    promotes from the waiting list. A new time or place raises the calendar SEQUENCE and mails
    everyone registered (the confirmed with the updated invitation)."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"update_occasion() cannot change {', '.join(sorted(unknown))}")
    locked = _locked(occasion)
    if locked.is_cancelled:
        raise ValidationError(_("Arrangementet er aflyst og kan ikke ændres."), code="cancelled")
    before = {name: getattr(locked, name) for name in changes}
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    changed = {name for name in changes if before[name] != getattr(locked, name)}
    taken = locked.seats_taken_now()
    if "capacity" in changed and locked.capacity < taken:
        raise ValidationError(
            {
                "capacity": _(
                    "Der er allerede givet %(taken)d pladser. Afmeld deltagere først, hvis der "
                    "skal være færre pladser."
                )
                % {"taken": taken}
            },
            code="capacity_below_taken",
        )
    moved = bool(changed & set(MOVING_FIELDS))
    if changed & set(CALENDAR_FIELDS):
        locked.sequence += 1
    locked._history_user = by
    locked.save()
    now = timezone.now()
    if "starts_at" in changed:
        # The reminder belongs to the new date.
        locked.registrations.filter(reminded_at__isnull=False).update(reminded_at=None)
    if moved:
        for registration in locked.registrations.active().order_by("pk"):
            registration.occasion = locked
            _queue(
                registration,
                "occasion_changed",
                with_calendar=registration.status == Registration.Status.CONFIRMED,
                before_starts_at=before.get("starts_at", locked.starts_at),
            )
    # More seats, or a new start that lies outside the promotion stop again: offer free seats.
    if "starts_at" in changed or ("capacity" in changed and locked.capacity > before["capacity"]):
        _promote_locked(locked, now=now, force=False, by=by)
    _copy_fields(locked, occasion)
    return occasion


@transaction.atomic
def update_occasion_and_details(
    *,
    details,
    detail_fields: Iterable[str],
    save_details: Callable,
    by: AbstractBaseUser | None,
    occasion_fields: Iterable[str] = EDITABLE_FIELDS,
    **changes,
):
    """Change an app's row that hangs off an occasion (a Meeting, a CourseSession) and the
    occasion, in one transaction: a refusal from either writes nothing.

    Only the occasion's fields that differ reach update_occasion(), so saving a form unchanged
    mails nobody, while a new time or place is mailed to everyone registered. The app's own
    `detail_fields` are set and `save_details(details, by=by)` called only if one changed.
    """
    occasion_fields, detail_fields = set(occasion_fields), set(detail_fields)
    unknown = set(changes) - occasion_fields - detail_fields
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))}")
    occasion = details.occasion
    occasion_changes = {
        name: value
        for name, value in changes.items()
        if name in occasion_fields and getattr(occasion, name) != value
    }
    if occasion_changes:
        details.occasion = update_occasion(occasion=occasion, by=by, **occasion_changes)
    detail_changes = {name: value for name, value in changes.items() if name in detail_fields}
    if any(getattr(details, name) != value for name, value in detail_changes.items()):
        for name, value in detail_changes.items():
            setattr(details, name, value)
        save_details(details, by=by)
    return details


@transaction.atomic
def cancel_occasion(*, occasion: Occasion, reason: str, by: AbstractBaseUser | None) -> int:
    """Cancel the occasion and tell everyone registered, with a calendar update that removes
    the entry; how many were told. Cancelling twice changes nothing."""
    locked = _locked(occasion)
    if locked.is_cancelled:
        _copy_fields(locked, occasion)
        return 0
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"cancellation_reason": _("Skriv, hvorfor arrangementet aflyses.")},
            code="reason_required",
        )
    now = timezone.now()
    locked.cancelled_at = now
    locked.cancellation_reason = reason
    locked.sequence += 1
    locked._history_user = by
    locked.save(update_fields=["cancelled_at", "cancellation_reason", "sequence", "updated_at"])
    told = 0
    for registration in locked.registrations.active().select_for_update().order_by("pk"):
        had_seat = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = Registration.CancelledBy.OCCASION
        registration._history_user = by
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        registration.occasion = locked
        _queue(registration, "occasion_cancelled", with_calendar=had_seat, had_seat=had_seat)
        told += 1
    _copy_fields(locked, occasion)
    return told


@transaction.atomic
def copy_occasion(
    *, occasion: Occasion, starts_at: datetime.datetime, by: AbstractBaseUser | None
) -> Occasion:
    """The same occasion on a new date: same length and deadline offset, not published yet."""
    shift = starts_at - occasion.starts_at
    return create_occasion(
        kind=occasion.kind,
        title=occasion.title,
        starts_at=starts_at,
        ends_at=occasion.ends_at + shift,
        registration_deadline=occasion.registration_deadline + shift,
        capacity=occasion.capacity,
        max_seats_per_registration=occasion.max_seats_per_registration,
        address=occasion.address,
        online_url=occasion.online_url,
        published=False,
        by=by,
    )


def _copy_fields(source: Occasion, target: Occasion) -> None:
    if source is not target:
        for field in Occasion._meta.concrete_fields:
            setattr(target, field.attname, getattr(source, field.attname))


# Staff's other actions ---------------------------------------------------------------------


@transaction.atomic
def mark_attendance(
    *, registrations: Iterable[Registration], attended: bool, by: AbstractBaseUser | None
) -> int:
    """Mark who came (or did not); only seat holders of occasions that have begun today or
    before. How many were marked."""
    now = timezone.now()
    status = Registration.Status.ATTENDED if attended else Registration.Status.NO_SHOW
    marked = 0
    ids = [registration.pk for registration in registrations]
    for registration in (
        Registration.objects.filter(pk__in=ids, status__in=Registration.SEAT_HOLDING)
        .select_related("occasion")
        .select_for_update(of=("self",))
    ):
        if timezone.localdate(registration.occasion.starts_at) > timezone.localdate(now):
            raise ValidationError(
                _("Fremmøde kan først registreres på dagen for arrangementet."),
                code="not_yet",
            )
        if registration.status != status:
            registration.status = status
            registration._history_user = by
            registration.save(update_fields=["status"])
            marked += 1
    return marked


@transaction.atomic
def message_registered(
    *,
    occasion: Occasion,
    subject: str,
    body: str,
    by: AbstractBaseUser | None,
    include_waiting: bool = False,
) -> OccasionMessage:
    """Send staff's message to everyone with a seat (and the waiting list, if chosen), one
    e-mail each through the outbox; kept on the occasion."""
    subject, body = subject.strip(), body.strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Skriv et emne.")
    if not body:
        errors["body"] = _("Skriv beskeden.")
    if errors:
        raise ValidationError(errors)
    statuses = [Registration.Status.CONFIRMED]
    if include_waiting:
        statuses.append(Registration.Status.WAITING)
    recipients = list(occasion.registrations.filter(status__in=statuses).order_by("pk"))
    if not recipients:
        raise ValidationError(_("Der er ingen tilmeldte at sende beskeden til."), code="nobody")
    for registration in recipients:
        registration.occasion = occasion
        _queue(registration, "staff_message", message_subject=subject, message_body=body)
    return OccasionMessage.objects.create(
        occasion=occasion,
        subject=subject,
        body=body,
        include_waiting=include_waiting,
        recipients=len(recipients),
        sent_by=by,
    )


# The worker's job --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderWindow:
    """Reminders go to occasions starting within `hours` from now."""

    hours: int

    def occasions(self, now: datetime.datetime):
        return Occasion.objects.filter(
            published=True,
            cancelled_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + datetime.timedelta(hours=self.hours),
        )


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Queue the reminder the day before to every confirmed registration, once each, also if
    the job runs twice or in two workers: the reminder is claimed by a conditional UPDATE. A
    person who got their seat inside the window just had the confirmation and is skipped."""
    now = now or timezone.now()
    window = ReminderWindow(hours=settings.REGISTRATIONS_REMINDER_HOURS)
    queued = 0
    for occasion in window.occasions(now):
        reminder_from = occasion.starts_at - datetime.timedelta(hours=window.hours)
        due = occasion.registrations.filter(
            status=Registration.Status.CONFIRMED,
            reminded_at__isnull=True,
            confirmed_at__lt=reminder_from,
        )
        for registration in due:
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=registration.pk, reminded_at__isnull=True
                ).update(reminded_at=now)
                if claimed:
                    registration.occasion = occasion
                    _queue(registration, "reminder", with_calendar=True)
                    queued += 1
    return queued
