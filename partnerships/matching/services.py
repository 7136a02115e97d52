"""Writes that come from a match: a partnership made from two listings, and the posters' e-mails."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from partnerships.matching.selectors import matches_for, partnership_linking
from partnerships.models import Listing, MatchNotice, Partnership
from partnerships.register.services import create_partnership
from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings

TITLE_LENGTH = 200


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def partnership_from_match(*, listing: Listing, other: Listing, by, kind: str = "") -> Partnership:
    """A partnership in the "idea" state between the two listings' companies, both linked.

    If a partnership already links both listings, that one is returned and nothing is made
    (`created_now` tells which); the two listings' rows are locked first, so two clicks at once
    make one. A pair that is no longer a match (not both public, the same company, the same
    kind, nothing in common) is refused. `kind` is used only when the companies do not tell it
    (create_partnership derives it); without it such a pair is refused with a ValidationError
    on "kind", so the caseworker can choose and try again.
    """
    locked = {
        row.pk: row
        for row in Listing.objects.select_for_update()
        .filter(pk__in=[listing.pk, other.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise ValidationError(_("Opslaget findes ikke længere."), code="gone")
    if existing := partnership_linking(listing, other):
        existing.created_now = False
        return existing
    listing, other = locked[listing.pk], locked[other.pk]
    _check_still_a_match(listing, other)
    offer, need = (listing, other) if listing.kind == Listing.Kind.OFFER else (other, listing)
    offer_company, need_company = offer.company, need.company
    title = _("%(offer)s og %(need)s: %(need_title)s") % {
        "offer": offer_company.name,
        "need": need_company.name,
        "need_title": need.title,
    }
    purpose = _(
        "Fundet som et match på partnerskabsbørsen.\n\n"
        "Behov fra %(need)s: %(need_title)s\n%(need_text)s\n\n"
        "Tilbud fra %(offer)s: %(offer_title)s\n%(offer_text)s"
    ) % {
        "need": need_company.name,
        "need_title": need.title,
        "need_text": need.description,
        "offer": offer_company.name,
        "offer_title": offer.title,
        "offer_text": offer.description,
    }
    partnership = create_partnership(
        title=Truncator(title).chars(TITLE_LENGTH),
        purpose=purpose,
        companies=[offer_company, need_company],
        kind=kind,
        status=Partnership.Status.IDEA,
        by=by,
        listings=[offer, need],
    )
    partnership.created_now = True
    return partnership


def _check_still_a_match(listing: Listing, other: Listing) -> None:
    for each in (listing, other):
        if not each.is_public:
            raise ValidationError(
                _(
                    "“%(title)s” er ikke offentligt på børsen (det afventer godkendelse, er "
                    "afvist, trukket tilbage eller udløbet), så det kan ikke blive til et "
                    "partnerskab herfra."
                )
                % {"title": each.title},
                code="not_public",
            )
    if listing.company_id == other.company_id:
        raise ValidationError(_("De to opslag er fra samme virksomhed."), code="same_company")
    if listing.kind == other.kind:
        raise ValidationError(
            _("Et partnerskab fra et match kræver et tilbud og et behov."), code="same_kind"
        )
    if other.pk not in {match.listing.pk for match in matches_for(listing, limit=None)}:
        raise ValidationError(_("De to opslag passer ikke længere sammen."), code="no_match")


@transaction.atomic
def notify_fitting_posters(listing: Listing) -> int:
    """Queue an e-mail to each opted-in poster whose listing fits the newly approved `listing`;
    how many were queued. Called by the exchange when a listing is approved.

    "Fits" is matches_for(listing) without a limit, which is symmetric: the poster's listing is
    among the new one's matches exactly when the new one is among theirs. So a poster is never
    of the same company, and their listing is public. Each pair is told at most once (the
    MatchNotice row is written first; a pair told before, also by a racing approval, is
    skipped), so approving an edited listing again tells no one twice. Each poster is written
    to in the language they posted in, reasons included (matches_for() is asked once per
    language among the posters, so at most once per language of the site).
    """
    if not listing.is_public:
        return 0
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        languages = {
            match.listing.language
            for match in matches_for(listing, limit=None)
            if match.listing.notify_matches
        }
    site = SiteSettings.load()
    for language in sorted(languages):
        with translation.override(language):
            new_url = _absolute(listing.get_absolute_url())
            for match in matches_for(listing, limit=None):
                theirs = match.listing
                if theirs.language != language or not theirs.notify_matches:
                    continue
                try:
                    with transaction.atomic():
                        MatchNotice.objects.create(listing=theirs, new_listing=listing)
                        queue_email(
                            to=theirs.contact.email,
                            template="partnerships/matching/email/new_match",
                            context={
                                "listing": theirs,
                                "new_listing": listing,
                                "new_listing_url": new_url,
                                "reasons": match.reasons,
                                "manage_url": _absolute(
                                    reverse("partnerships:listing-manage", args=[theirs.token])
                                ),
                                "site": site,
                            },
                            about=theirs,
                        )
                except IntegrityError:
                    continue
                queued += 1
    return queued
