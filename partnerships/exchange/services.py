"""Writes on the partnership exchange: posting, contacting, editing, withdrawing, moderating.

Nothing is public until a caseworker approves it (`approve_listing`): a posted or edited
listing is PENDING whatever the request said. Every e-mail goes through the outbox, in the
same transaction as the write it belongs to, so a rolled-back write sends nothing.
"""

import datetime
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from partnerships.exchange.selectors import listings_changed
from partnerships.matching import services as matching
from partnerships.models import Listing, ListingMessage
from partnerships.models.exchange import today
from portal.intake import ContactData, new_contact
from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings
from portal.registry.services import company_for_cvr_or_draft

# How far ahead a listing may run: half a year, then the poster posts it again.
MAX_VALID_DAYS = 183

# The fields the poster may change from the private link.
EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "postcode",
    "valid_until",
    "show_company",
    "notify_matches",
)

# Changes that alter nothing the public sees, or show less: saved without a new approval.
NO_REVIEW_NEEDED = ("notify_matches",)

M = TypeVar("M", bound=models.Model)


class ListingClosed(ValidationError):
    """The listing cannot be contacted (expired, withdrawn, not approved): nothing was sent."""


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def manage_path(listing: Listing) -> str:
    return reverse("partnerships:listing-manage", args=[listing.token])


def latest_valid_until(on: datetime.date | None = None) -> datetime.date:
    return (on or today()) + datetime.timedelta(days=MAX_VALID_DAYS)


def check_valid_until(value: datetime.date) -> None:
    """A listing runs from tomorrow at the earliest to half a year ahead at the latest."""
    if value <= today():
        raise ValidationError(
            {"valid_until": _("Vælg en dato efter i dag.")}, code="valid_until_past"
        )
    if value > latest_valid_until():
        raise ValidationError(
            {
                "valid_until": _(
                    "Et opslag kan højst gælde et halvt år frem, dvs. til og med %(day)s."
                )
                % {"day": _danish(latest_valid_until())}
            },
            code="valid_until_far",
        )


def _danish(day: datetime.date) -> str:
    return formats.date_format(day, "j. F Y")


def _once(model: type[M], submission_key: str, create: Callable[[], M]) -> M:
    """The row this form's one-time key made before, or the one `create()` makes now.

    Two posts of the same form at once both miss the first lookup; the key is unique, so one
    commits and the other's savepoint rolls back whole (contact, company draft, e-mail) and it
    returns the winner's row.
    """
    if existing := model.objects.filter(submission_key=submission_key).first():
        return existing
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        if existing := model.objects.filter(submission_key=submission_key).first():
            return existing
        raise


def email_context(listing: Listing) -> dict:
    return {
        "listing": listing,
        "site": SiteSettings.load(),
        "listing_url": absolute(listing.get_absolute_url()),
        "manage_url": absolute(manage_path(listing)),
    }


def poster_language() -> str:
    """The language the visitor uses now (one of the site's), for the poster's e-mails."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


def email_poster(listing: Listing, template: str, **context) -> None:
    """Queue `template` to the listing's poster, in the language they posted in."""
    with translation.override(listing.language):
        queue_email(
            to=listing.contact.email,
            template=template,
            context={**email_context(listing), **context},
            about=listing,
        )


def _record(listing: Listing, reason: str, by=None) -> None:
    # Stored for staff in the site's language, whatever language the visitor used.
    listing._change_reason = reason
    if by is not None:
        listing._history_user = by


# The poster ----------------------------------------------------------------------------------


@transaction.atomic
def post_listing(
    *,
    cvr: str,
    company_name: str,
    contact: ContactData,
    kind: str,
    category: str,
    title: str,
    description: str,
    postcode: str,
    valid_until: datetime.date,
    show_company: bool,
    notify_matches: bool,
    submission_key: str,
) -> Listing:
    """A new listing, waiting for approval, and the e-mail with the poster's private link."""

    def create() -> Listing:
        check_valid_until(valid_until)
        language = poster_language()
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("Oprettet fra et opslag på partnerskabsbørsen")
            company, _new = company_for_cvr_or_draft(cvr=cvr, name=company_name, reason=reason)
            person = new_contact(contact=contact, company=company, reason=reason)
            listing = Listing(
                kind=kind,
                category=category,
                title=title,
                description=description,
                postcode=postcode,
                valid_until=valid_until,
                company=company,
                contact=person,
                show_company=show_company,
                notify_matches=notify_matches,
                language=language,
                # Whatever was posted: nothing is public before a caseworker approves it.
                status=Listing.Status.PENDING,
                submission_key=submission_key,
            )
            _record(listing, _("Oprettet af virksomheden"))
            listing.save()
        email_poster(listing, "partnerships/exchange/email/posted")
        return listing

    return _once(Listing, submission_key, create)


@transaction.atomic
def update_listing(*, listing: Listing, **changes) -> Listing:
    """The poster's changes from the private link; a changed listing waits for approval again.

    Withdrawn listings cannot be changed. Changing nothing changes nothing (and keeps a
    published listing public).
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    if locked.status == Listing.Status.WITHDRAWN:
        raise ValidationError(
            _("Opslaget er trukket tilbage og kan ikke rettes."), code="withdrawn"
        )
    changed = {name: value for name, value in changes.items() if getattr(locked, name) != value}
    if not changed:
        return locked
    if "valid_until" in changed:
        check_valid_until(changed["valid_until"])
    elif locked.is_expired:
        # Corrected text on a listing past its last day could never be approved.
        raise ValidationError(
            {"valid_until": _("Opslaget er udløbet. Vælg en ny sidste dag.")}, code="expired"
        )
    for name, value in changed.items():
        setattr(locked, name, value)
    # Opting out of e-mails, or hiding the company's name, shows the public nothing new.
    needs_review = any(
        name not in NO_REVIEW_NEEDED and not (name == "show_company" and not value)
        for name, value in changed.items()
    )
    with translation.override(settings.LANGUAGE_CODE):
        if needs_review:
            locked.status = Listing.Status.PENDING
            locked.rejection_reason = ""
            _record(locked, _("Rettet af virksomheden; venter på ny godkendelse"))
        else:
            _record(locked, _("Rettet af virksomheden"))
    locked.save()
    listings_changed()
    return locked


@transaction.atomic
def withdraw_listing(*, listing: Listing) -> Listing:
    """The poster takes the listing down at once; a second time changes nothing."""
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    if locked.status == Listing.Status.WITHDRAWN:
        return locked
    locked.status = Listing.Status.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        _record(locked, _("Trukket tilbage af virksomheden"))
    locked.save()
    listings_changed()
    return locked


# The public ----------------------------------------------------------------------------------


def closed_message(listing: Listing) -> str:
    """Why a listing cannot be contacted, in Danish; "" when it can."""
    if listing.status == Listing.Status.WITHDRAWN:
        return _("Opslaget er trukket tilbage, så du kan ikke længere skrive til virksomheden.")
    if listing.status != Listing.Status.PUBLISHED:
        return _("Opslaget er ikke offentliggjort.")
    if listing.is_expired:
        return _("Opslaget er udløbet, så du kan ikke længere skrive til virksomheden.")
    return ""


@transaction.atomic
def contact_poster(
    *,
    listing: Listing,
    sender: ContactData,
    sender_company: str,
    message: str,
    submission_key: str,
) -> ListingMessage:
    """Store the message and queue it to the poster, with a receipt to the sender.

    Raises ListingClosed (nothing stored, nothing queued) when the listing is not public. The
    poster's address is only ever in the outbox; the sender's is in the poster's e-mail, so
    the poster can answer.
    """
    locked = Listing.objects.select_for_update().select_related("contact").get(pk=listing.pk)
    if existing := ListingMessage.objects.filter(submission_key=submission_key).first():
        return existing
    if reason := closed_message(locked):
        raise ListingClosed(reason, code="closed")

    def create() -> ListingMessage:
        sent = ListingMessage.objects.create(
            listing=locked,
            sender_name=sender.name,
            sender_email=sender.email,
            sender_phone=sender.phone,
            sender_company=sender_company,
            message=message,
            submission_key=submission_key,
        )
        email_poster(locked, "partnerships/exchange/email/message_to_poster", sent=sent)
        # The copy in the language the sender is using now.
        queue_email(
            to=sender.email,
            template="partnerships/exchange/email/message_copy",
            context={**email_context(locked), "sent": sent},
            about=locked,
        )
        return sent

    return _once(ListingMessage, submission_key, create)


# The caseworker ------------------------------------------------------------------------------


def listing_version(listing: Listing) -> str:
    """What names the version of a listing a caseworker has read (its last change)."""
    return listing.updated_at.isoformat()


@transaction.atomic
def approve_listing(*, listing: Listing, by, seen_version: str | None = None) -> Listing:
    """Publish the listing, tell the poster, and tell the posters of listings that fit it.

    `seen_version` is `listing_version()` of what the caseworker read: if the poster has
    changed the listing since, it is not published unread.
    """
    locked = Listing.objects.select_for_update().select_related("contact").get(pk=listing.pk)
    if seen_version is not None and listing_version(locked) != seen_version:
        raise ValidationError(
            _(
                "Virksomheden har rettet opslaget, efter du åbnede det. Læs det igen, før du "
                "godkender det."
            ),
            code="changed",
        )
    if locked.status == Listing.Status.WITHDRAWN:
        raise ValidationError(
            _("Opslaget er trukket tilbage af virksomheden og kan ikke godkendes."),
            code="withdrawn",
        )
    if locked.status == Listing.Status.PUBLISHED:
        return locked
    if locked.is_expired:
        raise ValidationError(
            _(
                "Opslaget er udløbet. Bed virksomheden om at vælge en ny dato via linket i sin "
                "e-mail."
            ),
            code="expired",
        )
    now = timezone.now()
    locked.status = Listing.Status.PUBLISHED
    locked.published_at = locked.published_at or now
    locked.reviewed_at = now
    locked.reviewed_by = by
    locked.rejection_reason = ""
    with translation.override(settings.LANGUAGE_CODE):
        _record(locked, _("Godkendt"), by)
    locked.save()
    listings_changed()
    email_poster(locked, "partnerships/exchange/email/approved")
    matching.notify_fitting_posters(locked)
    return locked


@transaction.atomic
def reject_listing(*, listing: Listing, by, reason: str) -> Listing:
    """Refuse the listing with the reason, which the poster gets by e-mail."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Skriv, hvorfor opslaget afvises.")}, code="reason_required"
        )
    locked = Listing.objects.select_for_update().select_related("contact").get(pk=listing.pk)
    if locked.status == Listing.Status.WITHDRAWN:
        raise ValidationError(
            _("Opslaget er trukket tilbage af virksomheden og kan ikke afvises."),
            code="withdrawn",
        )
    if locked.status == Listing.Status.REJECTED:
        # A double post, or two caseworkers at once: one rejection, one e-mail.
        return locked
    locked.status = Listing.Status.REJECTED
    locked.rejection_reason = reason
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = by
    with translation.override(settings.LANGUAGE_CODE):
        _record(locked, _("Afvist: %(reason)s") % {"reason": reason}, by)
    locked.save()
    listings_changed()
    email_poster(locked, "partnerships/exchange/email/rejected")
    return locked
