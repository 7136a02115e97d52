"""The data-subject report: everything the portal holds on one e-mail address or CVR number.

The right of access (GDPR art. 15) covers the case journal's internal notes too, so they are
in the report. The manager reads the report before handing it over and may leave out what
databeskyttelsesloven § 22 allows (information about other people, or where weighty public
interests such as a pending investigation come first), writing down why; the report itself
leaves nothing out. Keys are human-readable and Danish: the file is read by the person it is
about, not by a program.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage
from portal.privacy.registry import Subject, personal_data
from portal.registry.models import Company, Contact


@dataclass(frozen=True)
class ReportSection:
    name: str
    label: str
    rows: list[dict]


@dataclass(frozen=True)
class SubjectReport:
    subject: Subject
    generated_at: datetime
    generated_by: str
    sections: list[ReportSection]

    @property
    def counts(self) -> dict[str, int]:
        return {section.name: len(section.rows) for section in self.sections}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        about = {_("E-mail"): self.subject.email} if self.subject.email else {}
        about |= {_("CVR-nummer"): self.subject.cvr} if self.subject.cvr else {}
        return {
            _("Indsigtsrapport"): {
                _("Søgt på"): about,
                _("Dannet"): when(self.generated_at),
                _("Dannet af"): self.generated_by,
            },
            **{section.label: section.rows for section in self.sections},
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def when(value: date | datetime | None) -> str | None:
    """A date or time as a person reads it and a program parses it: 2026-11-28 14:05."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _contact_row(contact: Contact) -> dict:
    return {
        _("Navn"): contact.name,
        _("E-mail"): contact.email,
        _("Telefon"): contact.phone,
        _("Stilling"): contact.role,
        _("Virksomhed"): str(contact.company) if contact.company_id else None,
        _("Oprettet"): when(contact.created_at),
        _("Senest ændret"): when(contact.updated_at),
    }


def _company_row(company: Company) -> dict:
    return {
        _("Navn"): company.name,
        _("CVR-nummer"): company.cvr,
        _("Type"): company.get_kind_display(),
        _("Adresse"): " ".join(
            part for part in [company.address, company.postcode, company.city] if part
        ),
        _("Hjemmeside"): company.website,
        _("E-mail"): company.email,
        _("Telefon"): company.phone,
        _("Branche"): company.industry,
        _("Beskrivelse"): company.description,
        _("Registreret socialøkonomisk virksomhed (RSV)"): company.rsv_registered,
        _("Må vises i den offentlige virksomhedsoversigt"): company.listing_consent,
        _("Samtykke til visning givet"): when(company.listing_consent_at),
        _("Oprettet"): when(company.created_at),
        _("Senest ændret"): when(company.updated_at),
    }


def _event_row(event: CaseEvent) -> dict:
    author = event.author
    return {
        _("Tidspunkt"): when(event.created_at),
        _("Type"): event.get_kind_display(),
        _("Tekst"): event.text,
        _("Ny status"): event.get_new_status_display() if event.new_status else None,
        _("Vist for henvenderen"): event.shared_with_enquirer,
        _("Skrevet af"): (author.get_full_name() or author.get_username()) if author else None,
    }


def _case_row(case: Case) -> dict:
    return {
        _("Sagsnummer"): case.reference,
        _("Sagstype"): case.get_kind_display(),
        _("Emne"): case.subject,
        _("Status"): case.get_status_display(),
        _("Modtaget"): when(case.created_at),
        _("Afsluttet"): when(case.closed_at),
        _("Kontaktperson"): f"{case.contact.name} <{case.contact.email}>",
        _("Virksomhed"): str(case.company) if case.company_id else None,
        _("Retslig tilbageholdelse"): case.legal_hold,
        _("Journal"): [_event_row(event) for event in case.events.all()],
    }


def _message_row(message: OutboxMessage) -> dict:
    return {
        _("Til"): message.to,
        _("Emne"): message.subject,
        _("Tekst"): message.body,
        _("Sag"): message.about.reference if isinstance(message.about, Case) else None,
        _("Status"): message.get_status_display(),
        _("Oprettet"): when(message.created_at),
        _("Sendt"): when(message.sent_at),
    }


def build_subject_report(
    subject: Subject, *, generated_by: AbstractBaseUser | None
) -> SubjectReport:
    """Read everything about `subject`; a handful of queries plus one per registered app."""
    if subject.email:
        contacts = Contact.objects.filter(email__iexact=subject.email)
        companies = Company.objects.filter(email__iexact=subject.email)
        cases = Case.objects.filter(contact__in=contacts)
        messages = OutboxMessage.objects.filter(to__iexact=subject.email)
    else:
        companies = Company.objects.filter(cvr=subject.cvr)
        contacts = Contact.objects.filter(company__in=companies)
        cases = Case.objects.filter(Q(company__in=companies) | Q(contact__in=contacts))
        messages = OutboxMessage.objects.filter(
            Q(case__in=cases) | Q(to__in=companies.exclude(email="").values("email"))
        )
    cases = (
        cases.select_related("contact", "company")
        .prefetch_related(Prefetch("events", queryset=CaseEvent.objects.select_related("author")))
        .order_by("created_at", "pk")
    )
    sections = [
        ReportSection(
            "contacts",
            _("Kontaktpersoner"),
            [
                _contact_row(contact)
                for contact in contacts.select_related("company").order_by("pk")
            ],
        ),
        ReportSection(
            "companies",
            _("Virksomheder"),
            [_company_row(company) for company in companies.order_by("pk")],
        ),
        ReportSection("cases", _("Sager"), [_case_row(case) for case in cases]),
        ReportSection(
            "messages",
            _("E-mails"),
            [
                _message_row(message)
                for message in messages.prefetch_related("about").order_by("created_at", "pk")
            ],
        ),
    ]
    for data in personal_data.entries():
        sections.append(ReportSection(data.name, str(data.label), data.find(subject)))
    by = ""
    if generated_by is not None:
        by = generated_by.get_full_name() or generated_by.get_username()
    return SubjectReport(
        subject=subject, generated_at=timezone.now(), generated_by=by, sections=sections
    )
