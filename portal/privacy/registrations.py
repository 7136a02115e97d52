"""Registrations (portal/registrations) in the data-subject report and in retention.

A registration holds a person's name, e-mail, phone and needs. A year after the occasion ended
they are replaced; what statistics need stays: the occasion, the company, the seats and whether
the person came.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from portal.privacy.registry import Subject
from portal.privacy.report import when
from portal.registrations.models import Registration, new_registration_token

# Stored, not shown in a language (as portal.privacy.services.ANONYMISED).
ANONYMISED = "Anonymiseret"
ANONYMISED_EMAIL = "anonymiseret@anonymiseret.invalid"


def find_registrations(subject: Subject) -> list[dict]:
    if subject.email:
        registrations = Registration.objects.filter(email__iexact=subject.email)
    else:
        registrations = Registration.objects.filter(company__cvr=subject.cvr)
    return [
        {
            _("Arrangement"): registration.occasion.title,
            _("Tidspunkt"): when(registration.occasion.starts_at),
            _("Tilmeldt"): when(registration.created_at),
            _("Navn"): registration.name,
            _("E-mail"): registration.email,
            _("Telefon"): registration.phone,
            _("Virksomhed"): registration.company_name,
            _("Antal deltagere"): registration.seats,
            _("Særlige behov"): registration.needs,
            _("Må stå på deltagerlisten"): registration.listed,
            _("Status"): registration.get_status_display(),
        }
        for registration in registrations.select_related("occasion").order_by("created_at", "pk")
    ]


def due_registrations(cutoff: datetime, now: datetime) -> QuerySet:
    return (
        Registration.objects.filter(occasion__ends_at__lt=cutoff, anonymised_at__isnull=True)
        .select_related("occasion")
        .order_by("occasion__ends_at", "pk")
    )


def anonymise_registrations(batch: list[int], cutoff: datetime, now: datetime) -> int:
    ids = list(due_registrations(cutoff, now).filter(pk__in=batch).values_list("pk", flat=True))
    values = {
        "name": ANONYMISED,
        "email": ANONYMISED_EMAIL,
        "phone": "",
        "needs": "",
        "listed": False,
    }
    Registration.history.model.objects.filter(id__in=ids).update(**values)
    for pk in ids:
        # A new token: the old link in the e-mails no longer opens anything.
        Registration.objects.filter(pk=pk).update(
            **values, token=new_registration_token(), anonymised_at=now
        )
    return len(ids)
