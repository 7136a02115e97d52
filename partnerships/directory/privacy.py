"""The directory's personal data for portal/privacy: the data-subject report and retention.

What an entry shows (what the company does and sells) is the company's; the personal data is
its contact person (name, e-mail, phone), who asked for the listing and gets its removal link.
The contact is kept while the entry waits or is listed (`contact_activity` keeps them out of the
"inactive_contacts" rule), and anonymised DIRECTORY_CONTACTS after the entry was removed or
rejected, unless the person is still needed elsewhere: a case that is kept, another entry that is
waiting or listed, or a listing on the exchange that is not withdrawn or rejected.
"""

from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import DirectoryEntry, Listing
from portal.cases.models import Case
from portal.privacy.policy import Action, Period, RetentionRule
from portal.privacy.registry import Subject
from portal.privacy.report import when
from portal.privacy.services import ANONYMISED, ANONYMISED_EMAIL
from portal.registry.models import Contact

ACTIVE = [DirectoryEntry.Status.REQUESTED, DirectoryEntry.Status.LISTED]


def find_directory_entries(subject: Subject) -> list[dict]:
    if subject.email:
        entries = DirectoryEntry.objects.filter(contact__email__iexact=subject.email)
    else:
        entries = DirectoryEntry.objects.filter(company__cvr=subject.cvr)
    return [
        {
            _("Virksomhed"): entry.company.name,
            _("CVR-nummer"): entry.company.cvr,
            _("Status"): entry.get_status_display(),
            _("Kontaktperson"): entry.contact.name,
            _("E-mail"): entry.contact.email,
            _("Telefon"): entry.contact.phone,
            _("Samtykke givet"): when(entry.consent_at),
            _("Anmodet"): when(entry.requested_at),
            _("Vist fra"): when(entry.listed_at),
            _("Fjernet"): when(entry.removed_at),
            _("Det laver vi"): entry.description,
            _("Det sælger vi"): entry.sells,
            _("Vores sociale formål"): entry.social_purpose,
            _("Hjemmeside"): entry.website,
        }
        for entry in entries.select_related("company", "contact").order_by("requested_at", "pk")
    ]


def directory_contacts_since(since: datetime) -> QuerySet:
    """Contacts of entries waiting or listed, or removed or rejected since `since`."""
    return DirectoryEntry.objects.filter(
        Q(status__in=ACTIVE) | Q(removed_at__gte=since) | Q(reviewed_at__gte=since)
    ).values("contact_id")


DIRECTORY_CONTACTS = RetentionRule(
    kind="directory_contacts",
    label=gettext_lazy("Kontaktpersoner for virksomheder, der ikke længere er i oversigten"),
    counted_from=gettext_lazy("efter fjernelse fra oversigten eller afvisning"),
    keep_for=Period(months=6),
    legal_basis=gettext_lazy(
        "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e (dataminimering og "
        "opbevaringsbegrænsning): kontaktpersonens navn, e-mail og telefon bruges, mens "
        "virksomheden venter på godkendelse eller står i oversigten. Et halvt år efter, at den "
        "er fjernet eller afvist, anonymiseres kontaktpersonen, medmindre personen stadig har "
        "en sag, et opslag på partnerskabsbørsen eller en anden virksomhed i oversigten. "
        "Virksomhedens egne tekster og datoerne bevares."
    ),
    action=Action.ANONYMISE,
)


def _ended_before(cutoff: datetime) -> Q:
    return Q(status=DirectoryEntry.Status.REMOVED, removed_at__lt=cutoff) | Q(
        status=DirectoryEntry.Status.REJECTED, reviewed_at__lt=cutoff
    )


def due_directory_contacts(cutoff: datetime, now: datetime) -> QuerySet:
    """Entries ended before `cutoff` whose contact is not anonymised and not needed elsewhere."""
    kept_case = Case.objects.filter(contact=OuterRef("contact_id"), anonymised_at__isnull=True)
    active_entry = DirectoryEntry.objects.filter(contact=OuterRef("contact_id"), status__in=ACTIVE)
    open_listing = Listing.objects.filter(contact=OuterRef("contact_id")).exclude(
        status__in=[Listing.Status.WITHDRAWN, Listing.Status.REJECTED]
    )
    return (
        DirectoryEntry.objects.filter(_ended_before(cutoff))
        .exclude(contact__email=ANONYMISED_EMAIL)
        .exclude(Exists(kept_case))
        .exclude(Exists(active_entry))
        .exclude(Exists(open_listing))
        .order_by("pk")
    )


def anonymise_directory_contacts(batch: list[int], cutoff: datetime, now: datetime) -> int:
    contact_ids = list(
        due_directory_contacts(cutoff, now)
        .filter(pk__in=batch)
        .values_list("contact_id", flat=True)
    )
    values = {"name": ANONYMISED, "email": ANONYMISED_EMAIL, "phone": "", "role": ""}
    Contact.history.model.objects.filter(id__in=contact_ids).update(**values)
    return Contact.objects.filter(pk__in=contact_ids).update(**values)
