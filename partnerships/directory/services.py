"""The directory's writes: a request from the public form, the caseworker's approval or
rejection, and the one way consent is withdrawn (`remove_from_directory`).

The consent itself is the registry's `Company.listing_consent`: approving sets it, removal
clears it, and every public page (the directory, a listing's company name, partnership
examples) reads it, so a withdrawn consent takes the company off every public page at once.
There is no page cache today; were one added, removal must purge the company's pages here.

What the requester types is kept on the entry (what they do, sell, the social purpose, the web
site) and shown only after a caseworker approves. An existing company in the registry is never
changed by the public form; a company drafted by this request gets the purposes that were
ticked. See `request_listing()`.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.exchange.selectors import listings_changed
from partnerships.models import DirectoryEntry, Listing
from portal.intake import ContactData, new_contact
from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings
from portal.registry.models import Company
from portal.registry.services import company_for_cvr_or_draft

logger = logging.getLogger(__name__)

# The registry's three purposes (Company.purpose_*), as the form and ?formaal= name them.
PURPOSE_CHOICES = [
    ("social", gettext_lazy("Socialt")),
    ("health", gettext_lazy("Sundhed")),
    ("environment", gettext_lazy("Miljø")),
]
SLUG_MAX_LENGTH = 100
# The directory's own addresses under /virksomheder/, which no enterprise's page may take.
RESERVED_SLUGS = {"tilmeld", "fjern"}


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def removal_url(entry: DirectoryEntry) -> str:
    """The company's private link to be removed (absolute, for e-mails)."""
    return site_url(reverse("directory:remove", args=[entry.removal_token]))


def _email(entry: DirectoryEntry, template: str, **context) -> None:
    queue_email(
        to=entry.contact.email,
        template=f"partnerships/directory/email/{template}",
        context={
            "entry": entry,
            "contact": entry.contact,
            "company": entry.company,
            "removal_url": removal_url(entry),
            "public_url": site_url(entry.get_absolute_url()),
            "site": SiteSettings.load(),
            **context,
        },
        about=entry,
    )


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the company's name, made unique with -2, -3 … (one query)."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 4].strip("-") or "virksomhed"
    taken = set(
        DirectoryEntry.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


@dataclass(frozen=True)
class RequestResult:
    entry: DirectoryEntry
    # The company was already listed or waiting: nothing new stored; its link was mailed again
    # to the contact on the entry (never to whoever typed the CVR number now).
    already: bool = False


@transaction.atomic
def request_listing(
    *,
    cvr: str,
    company_name: str,
    contact: ContactData,
    description: str,
    sells: str,
    trade: str,
    social_purpose: str,
    purposes: list[str],
    website: str = "",
    submission_key: str,
) -> RequestResult:
    """A request to be shown in the directory: REQUESTED, and nothing public until approved.

    The company is found by its CVR number or drafted as a social-economy enterprise. One entry
    per company: a company that is listed or waiting is not asked again (its link is mailed
    again to the entry's contact); one that was removed or rejected asks again on the same row,
    back to REQUESTED with the new texts, a new contact and a new removal link. The company's
    row is locked first, so two requests for one company at once make one entry; the form's
    `submission_key` makes a double post one request.
    """
    company, created = company_for_cvr_or_draft(
        cvr=cvr,
        name=company_name,
        kind=Company.Kind.SOCIAL_ECONOMY,
        reason=_("Oprettet fra anmodningen om at komme i virksomhedsoversigten"),
    )
    company = Company.objects.select_for_update().get(pk=company.pk)
    if repeat := DirectoryEntry.objects.filter(submission_key=submission_key).first():
        return RequestResult(entry=repeat)
    if created:
        # Our own draft: nothing there to overwrite, and nothing about it is public.
        company.purpose_social = "social" in purposes
        company.purpose_health = "health" in purposes
        company.purpose_environment = "environment" in purposes
        company._change_reason = _("Formål fra anmodningen om at komme i virksomhedsoversigten")
        company.save()

    entry = DirectoryEntry.objects.select_related("contact").filter(company=company).first()
    if entry is not None and _is_active(entry, company):
        # At most one e-mail per submitted form, however often it is posted.
        if cache.add(f"directory:link-again:{submission_key}", 1, timeout=3600):
            _email(entry, "link_again")
        return RequestResult(entry=entry, already=True)

    ticked = ", ".join(str(label) for key, label in PURPOSE_CHOICES if key in purposes)
    reason = _("Anmodning fra den offentlige formular (formål: %(purposes)s)") % {
        "purposes": ticked or "–"
    }
    person = new_contact(contact=contact, company=company, reason=reason)
    texts = {
        "description": description,
        "sells": sells,
        "trade": trade,
        "social_purpose": social_purpose,
        "website": website,
        "contact": person,
        "consent_at": timezone.now(),
        "submission_key": submission_key,
        "status": DirectoryEntry.Status.REQUESTED,
    }
    if entry is None:
        entry = DirectoryEntry(company=company, slug=unique_slug(company.name), **texts)
    else:
        for name, value in texts.items():
            setattr(entry, name, value)
        entry.rejection_reason = ""
        entry.reviewed_at = entry.reviewed_by = entry.listed_at = entry.removed_at = None
        # A new private link: the old one may have been the former contact person's.
        entry.removal_token = DirectoryEntry._meta.get_field("removal_token").get_default()
    entry._change_reason = reason
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        # The slug was taken by another company's request in the same moment.
        entry.slug = unique_slug(f"{company.name}-{company.pk}", exclude_pk=entry.pk)
        entry.save()
    _email(entry, "requested")
    return RequestResult(entry=entry)


def _is_active(entry: DirectoryEntry, company: Company) -> bool:
    """Waiting for review, or shown (approved and the consent stands)."""
    if entry.status == DirectoryEntry.Status.REQUESTED:
        return True
    return entry.status == DirectoryEntry.Status.LISTED and company.listing_consent


def _locked(entry: DirectoryEntry) -> DirectoryEntry:
    return (
        DirectoryEntry.objects.select_for_update()
        .select_related("company", "contact")
        .get(pk=entry.pk)
    )


@transaction.atomic
def approve_entry(*, entry: DirectoryEntry, by) -> DirectoryEntry:
    """Show the company in the directory: LISTED, and the company's consent recorded.

    The consent is the one the requester gave on the form (`consent_at`). The texts and the web
    site stay on the entry; the company's own record is not changed beyond its consent.
    """
    entry = _locked(entry)
    if entry.status != DirectoryEntry.Status.REQUESTED:
        raise ValidationError(
            _("Kun en anmodning, der venter på godkendelse, kan godkendes. Den er: %(status)s.")
            % {"status": entry.get_status_display()}
        )
    now = timezone.now()
    entry.status = DirectoryEntry.Status.LISTED
    entry.listed_at = now
    entry.reviewed_at = now
    entry.reviewed_by = by
    entry.removed_at = None
    entry._change_reason = _("Godkendt til virksomhedsoversigten")
    entry.save()
    company = Company.objects.select_for_update().get(pk=entry.company_id)
    company.listing_consent = True
    company.listing_consent_at = entry.consent_at
    # Approving the request is the caseworker's look at the company the visitor described.
    company.needs_review = False
    company._change_reason = _("Samtykke til visning i virksomhedsoversigten (godkendt)")
    company.save(
        update_fields=["listing_consent", "listing_consent_at", "needs_review", "updated_at"]
    )
    entry.company = company
    _email(entry, "approved")
    return entry


@transaction.atomic
def reject_entry(*, entry: DirectoryEntry, by, reason: str) -> DirectoryEntry:
    """Say no to a request, with the reason the requester is told."""
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv, hvorfor anmodningen afvises.")})
    entry = _locked(entry)
    if entry.status != DirectoryEntry.Status.REQUESTED:
        raise ValidationError(
            _("Kun en anmodning, der venter på godkendelse, kan afvises. Den er: %(status)s.")
            % {"status": entry.get_status_display()}
        )
    entry.status = DirectoryEntry.Status.REJECTED
    entry.rejection_reason = reason.strip()
    entry.reviewed_at = timezone.now()
    entry.reviewed_by = by
    entry._change_reason = _("Afvist")
    entry.save()
    _email(entry, "rejected")
    return entry


@transaction.atomic
def remove_from_directory(*, entry: DirectoryEntry, by=None) -> bool:
    """Withdraw the company's consent: THE one way, from its private link or by a caseworker.

    At once and in one transaction: the entry is REMOVED, the company's consent is cleared
    (so it leaves the directory and every partnership example), and every listing of the
    company on the exchange no longer shows its name. Returns whether anything changed; a
    second removal changes nothing and sends no second e-mail.
    """
    entry = _locked(entry)
    company = Company.objects.select_for_update().get(pk=entry.company_id)
    if by is None:
        reason = _("Fjernet fra virksomhedsoversigten fra virksomhedens eget link")
    else:
        name = by.get_full_name() or by.get_username()
        reason = _("Fjernet fra virksomhedsoversigten af %(name)s") % {"name": name}
    changed = False
    if entry.status != DirectoryEntry.Status.REMOVED:
        entry.status = DirectoryEntry.Status.REMOVED
        entry.removed_at = timezone.now()
        entry._change_reason = reason
        entry.save()
        changed = True
    for listing in Listing.objects.filter(company=company, show_company=True):
        listing.show_company = False
        listing._change_reason = reason
        listing.save(update_fields=["show_company", "updated_at"])
        changed = True
        # The exchange's search cache holds no company names today; start it afresh anyway,
        # so that nothing cached can outlive a withdrawn consent.
        listings_changed()
    # After the listings, so that they carry this reason (the registry's receiver would
    # otherwise clear them first, with its own).
    if company.listing_consent:
        company.listing_consent = False
        company._change_reason = reason
        company.save(update_fields=["listing_consent", "updated_at"])
        changed = True
    entry.company = company
    if changed:
        _email(entry, "removed")
    return changed
