"""The exchange's personal data for portal/privacy: the data-subject report and retention.

A listing's contact person (name, e-mail, phone) is kept while the listing runs and a year
after its last day ("expired_listings"), then anonymised; the listing itself (title, text,
category, company) stays, for the count of partnerships the exchange led to. A message sent
through the contact form is deleted a year after it was sent ("listing_messages"): the poster
has it in their own mail.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import Listing, ListingMessage
from portal.cases.models import Case
from portal.privacy.policy import Action, Period, RetentionRule
from portal.privacy.registry import Subject
from portal.privacy.report import when
from portal.privacy.services import ANONYMISED, ANONYMISED_EMAIL
from portal.registry.models import Contact


def find_listings(subject: Subject) -> list[dict]:
    if subject.email:
        listings = Listing.objects.filter(contact__email__iexact=subject.email)
    else:
        listings = Listing.objects.filter(company__cvr=subject.cvr)
    return [
        {
            _("Opslag"): listing.title,
            _("Tilbud eller behov"): listing.get_kind_display(),
            _("Kategori"): listing.get_category_display(),
            _("Beskrivelse"): listing.description,
            _("Postnummer"): listing.postcode,
            _("Gælder til og med"): listing.valid_until.isoformat(),
            _("Status"): listing.get_status_display(),
            _("Begrundelse for afvisning"): listing.rejection_reason,
            _("Virksomhed"): listing.company.name,
            _("Virksomhedens navn vises"): listing.show_company,
            _("Besked om nye opslag, der passer"): listing.notify_matches,
            _("Kontaktperson"): listing.contact.name,
            _("E-mail"): listing.contact.email,
            _("Telefon"): listing.contact.phone,
            _("Oprettet"): when(listing.created_at),
            _("Beskeder modtaget"): listing.message_count,
        }
        for listing in listings.select_related("company", "contact")
        .annotate(message_count=Count("messages"))
        .order_by("created_at", "pk")
    ]


def find_messages(subject: Subject) -> list[dict]:
    if not subject.email:
        return []
    sent = ListingMessage.objects.filter(sender_email__iexact=subject.email)
    return [
        {
            _("Sendt"): when(message.sent_at),
            _("Til opslaget"): message.listing.title,
            _("Navn"): message.sender_name,
            _("E-mail"): message.sender_email,
            _("Telefon"): message.sender_phone,
            _("Virksomhed"): message.sender_company,
            _("Besked"): message.message,
        }
        for message in sent.select_related("listing").order_by("sent_at", "pk")
    ]


def listing_contacts_in_use(since: datetime) -> QuerySet:
    """The contacts of listings that run, or ran, since `since`: retention keeps them."""
    return Listing.objects.filter(
        Q(valid_until__gte=timezone.localdate(since)) | Q(updated_at__gte=since),
        contact__isnull=False,
    ).values("contact_id")


EXPIRED_LISTINGS = RetentionRule(
    kind="expired_listings",
    label=gettext_lazy("Kontaktpersoner på udløbne opslag på partnerskabsbørsen"),
    counted_from=gettext_lazy("efter opslagets sidste dag"),
    keep_for=Period(years=1),
    legal_basis=gettext_lazy(
        "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e (dataminimering og "
        "opbevaringsbegrænsning): kontaktpersonens navn, e-mail og telefon bruges til at sende "
        "beskeder og svar om opslaget videre. Et år efter opslagets sidste dag anonymiseres "
        "de; opslagets tekst, kategori og virksomhed bevares til statistik over partnerskaber."
    ),
    action=Action.ANONYMISE,
)

LISTING_MESSAGES = RetentionRule(
    kind="listing_messages",
    label=gettext_lazy("Beskeder til opslag på partnerskabsbørsen"),
    counted_from=gettext_lazy("efter afsendelse"),
    keep_for=Period(years=1),
    legal_basis=gettext_lazy(
        "Databeskyttelsesforordningen art. 5, stk. 1, litra e (opbevaringsbegrænsning): "
        "kommunens kopi af en besked, der er sendt videre til et opslag, bruges kun til at se, "
        "at børsen virker. Modtageren har beskeden i sin egen e-mail. Den slettes efter et år."
    ),
    action=Action.DELETE,
)


def _contact_kept_elsewhere() -> Q:
    # The same contact on a case not yet anonymised, or on another listing still running.
    kept_case = Case.objects.filter(contact=OuterRef("contact_id"), anonymised_at__isnull=True)
    return Q(Exists(kept_case))


def due_listings(cutoff: datetime, now: datetime) -> QuerySet:
    last_day = timezone.localdate(cutoff)
    other_running = Listing.objects.filter(
        contact=OuterRef("contact_id"), valid_until__gte=last_day
    )
    return (
        Listing.objects.filter(valid_until__lt=last_day)
        .exclude(contact__email=ANONYMISED_EMAIL)
        .exclude(_contact_kept_elsewhere())
        .exclude(Exists(other_running))
        .order_by("valid_until", "pk")
    )


@transaction.atomic
def anonymise_listings(batch: list[int], cutoff: datetime, now: datetime) -> int:
    listings = list(due_listings(cutoff, now).filter(pk__in=batch).select_for_update())
    contact_ids = {listing.contact_id for listing in listings}
    values = {"name": ANONYMISED, "email": ANONYMISED_EMAIL, "phone": "", "role": ""}
    Contact.history.model.objects.filter(id__in=contact_ids).update(**values)
    Contact.objects.filter(pk__in=contact_ids).update(**values)
    Listing.objects.filter(pk__in=[listing.pk for listing in listings]).update(notify_matches=False)
    return len(listings)


def due_messages(cutoff: datetime, now: datetime) -> QuerySet:
    return ListingMessage.objects.filter(sent_at__lt=cutoff).order_by("sent_at", "pk")


@transaction.atomic
def delete_messages(batch: list[int], cutoff: datetime, now: datetime) -> int:
    deleted, _per_model = due_messages(cutoff, now).filter(pk__in=batch).delete()
    return deleted
