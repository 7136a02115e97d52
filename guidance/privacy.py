"""Guidance's personal data for portal/privacy: the data-subject report and retention.

Enquiries hold what the enquirer wrote; outreach holds the caseworker's notes on a contact with
a company. guidance/extensions.py registers them.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guidance.models import Enquiry, Outreach
from portal.cases.models import Case
from portal.privacy.registry import Subject
from portal.privacy.report import when
from portal.privacy.services import ANONYMISED


def find_enquiries(subject: Subject) -> list[dict]:
    if subject.email:
        enquiries = Enquiry.objects.filter(case__contact__email__iexact=subject.email)
    else:
        enquiries = Enquiry.objects.filter(
            Q(case__company__cvr=subject.cvr) | Q(case__contact__company__cvr=subject.cvr)
        )
    return [
        {
            _("Sag"): enquiry.case.reference,
            _("Modtaget"): when(enquiry.created_at),
            _("Henvenderen er"): enquiry.get_role_display(),
            _("Emne"): enquiry.get_topic_display(),
            _("Besked"): enquiry.message,
            _("Vil helst kontaktes på"): enquiry.get_contact_preference_display(),
            _("Virksomhedens navn som skrevet"): enquiry.company_name,
        }
        for enquiry in enquiries.select_related("case").order_by("created_at", "pk")
    ]


def anonymise_enquiry(case: Case) -> int:
    values = {"message": ANONYMISED, "company_name": ""}
    Enquiry.history.model.objects.filter(case_id=case.pk).update(**values)
    return Enquiry.objects.filter(case=case).update(**values)


def find_outreach(subject: Subject) -> list[dict]:
    if subject.email:
        outreach = Outreach.objects.filter(contact__email__iexact=subject.email)
    else:
        outreach = Outreach.objects.filter(company__cvr=subject.cvr)
    return [
        {
            _("Virksomhed"): str(row.company),
            _("Dato"): when(row.date),
            _("Kontaktform"): row.get_channel_display(),
            _("Kontaktperson"): row.person_name,
            _("Resultat"): row.get_outcome_display(),
            _("Noter"): row.notes,
            _("Opfølgning"): when(row.follow_up_on),
        }
        for row in outreach.select_related("company", "contact").order_by("date", "pk")
    ]


def outreach_contacts_since(since) -> QuerySet:
    return Outreach.objects.filter(
        date__gte=timezone.localdate(since), contact__isnull=False
    ).values("contact_id")
