"""The data-subject report: everything the portal holds on one e-mail address or CVR number.

The right of access (GDPR art. 15) covers the case journal's internal notes too, so they are
in the report. The manager reads the report before handing it over and may leave out what
databeskyttelsesloven § 22 allows (information about other people, or where weighty public
interests such as a pending investigation come first), writing down why; the report itself
leaves nothing out. Keys are human-readable and Danish: the file is read by the person it is
about, not by a program.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage
from portal.pages.models import SiteSettings
from portal.privacy.policy import retention_rules
from portal.privacy.registry import Subject, personal_data
from portal.registry.models import Company, Contact

DATATILSYNET = (
    "Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, dt@datatilsynet.dk, www.datatilsynet.dk"
)


@dataclass(frozen=True)
class ReportSection:
    name: str
    label: str
    rows: list[dict]


@dataclass(frozen=True)
class InformationSection:
    """One of the things an answer to a request for access must tell (GDPR art. 15(1)-(2))."""

    heading: str
    paragraphs: list[str]


@dataclass(frozen=True)
class SubjectReport:
    subject: Subject
    generated_at: datetime
    generated_by: str
    sections: list[ReportSection]
    # What the report opens with: controller, purposes, retention, rights, complaint.
    information: list[InformationSection] = field(default_factory=list)

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
            _("Om behandlingen af oplysningerne"): {
                section.heading: section.paragraphs for section in self.information
            },
            **{section.label: section.rows for section in self.sections},
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def _controller(site: SiteSettings) -> list[str]:
    place = " ".join(part for part in [site.postcode, site.city] if part)
    lines = [
        ", ".join(part for part in [site.municipality_name, site.department] if part),
        ", ".join(part for part in [site.address, place] if part),
        _("E-mail: %(email)s") % {"email": site.email} if site.email else "",
        _("Telefon: %(phone)s") % {"phone": site.phone} if site.phone else "",
        (
            _("Databeskyttelsesrådgiver: %(email)s") % {"email": site.dpo_email}
            if site.dpo_email
            else ""
        ),
    ]
    return [line for line in lines if line]


def _retention() -> list[str]:
    """Each period as the policy in force says it (PRIVACY_RETENTION may change them)."""
    return [
        _("%(label)s: gemmes %(period)s %(counted_from)s og %(action)s derefter. %(basis)s")
        % {
            "label": rule.label,
            "period": rule.keep_for,
            "counted_from": rule.counted_from,
            "action": str(rule.action_label).lower(),
            "basis": rule.legal_basis,
        }
        for rule in retention_rules()
    ]


def _third_countries() -> str:
    """Article 15(2): whether the data leave the EU/EEA. A municipality whose suppliers store
    or send data outside it says so, and on which safeguards, in PRIVACY_THIRD_COUNTRY_TRANSFERS."""
    if settings.PRIVACY_THIRD_COUNTRY_TRANSFERS:
        return settings.PRIVACY_THIRD_COUNTRY_TRANSFERS
    return _(
        "Oplysningerne opbevares og behandles i EU/EØS og overføres ikke til lande uden for "
        "EU/EØS (tredjelande)."
    )


def art15_information(site: SiteSettings | None = None) -> list[InformationSection]:
    """What the report tells before the data: who is responsible, why, for how long, the
    person's rights and where to complain (databeskyttelsesforordningen art. 15, stk. 1-2)."""
    site = site or SiteSettings.load()
    contact = site.dpo_email or site.email
    return [
        InformationSection(_("Dataansvarlig"), _controller(site)),
        InformationSection(
            _("Formål og retsgrundlag"),
            [
                _(
                    "Vi behandler oplysningerne for at give rådgivning og vejledning om "
                    "socialøkonomiske virksomheder, behandle henvendelser og ansøgninger om "
                    "støtte, formidle partnerskaber og netværk og afvikle arrangementer, som du "
                    "har tilmeldt dig."
                ),
                _(
                    "Retsgrundlaget er databeskyttelsesforordningens artikel 6, stk. 1, litra e: "
                    "behandlingen er nødvendig for at udføre kommunens opgaver med "
                    "erhvervsservice og beskæftigelse. Sager journaliseres efter "
                    "offentlighedslovens regler om journalisering."
                ),
                _(
                    "En virksomhed vises kun i den offentlige virksomhedsoversigt med sit eget "
                    "samtykke (artikel 6, stk. 1, litra a). Samtykket kan trækkes tilbage når som "
                    "helst."
                ),
            ],
        ),
        InformationSection(
            _("Kategorier af oplysninger"),
            [
                _(
                    "Almindelige personoplysninger: navn, e-mail, telefonnummer, stilling og "
                    "virksomhed med CVR-nummer; det, du har skrevet til os, og filer, du har "
                    "sendt; sagens journal, også kommunens interne notater; e-mails, vi har "
                    "sendt dig; tilmeldinger til arrangementer, også særlige behov, du selv har "
                    "oplyst."
                ),
            ],
        ),
        InformationSection(
            _("Modtagere"),
            [
                _(
                    "Oplysningerne ses af de medarbejdere i kommunen, der arbejder med din sag. "
                    "Kommunens it-leverandører driver portalen og sender e-mails som "
                    "databehandlere på kommunens vegne. Vi videregiver ikke oplysningerne til "
                    "andre, medmindre du har sagt ja, eller loven kræver det."
                ),
                _third_countries(),
            ],
        ),
        InformationSection(_("Hvor længe oplysningerne gemmes"), [*_retention()]),
        InformationSection(
            _("Dine rettigheder"),
            [
                _("Du har ret til indsigt i de oplysninger, vi har om dig (artikel 15)."),
                _("Du har ret til at få forkerte oplysninger rettet (berigtigelse, artikel 16)."),
                _(
                    "Du har ret til at få oplysninger slettet, når vi ikke længere må gemme dem "
                    "(sletning, artikel 17)."
                ),
                _(
                    "Du har ret til at få behandlingen begrænset, fx mens vi undersøger, om "
                    "oplysningerne er rigtige (begrænsning, artikel 18)."
                ),
                _("Du har ret til at gøre indsigelse mod behandlingen (indsigelse, artikel 21)."),
                (
                    _("Kontakt os på %(email)s, hvis du vil bruge dine rettigheder.")
                    % {"email": contact}
                    if contact
                    else _("Kontakt kommunen, hvis du vil bruge dine rettigheder.")
                ),
            ],
        ),
        InformationSection(
            _("Klage til Datatilsynet"),
            [
                _(
                    "Er du utilfreds med vores behandling af dine oplysninger, kan du klage til "
                    "%(authority)s."
                )
                % {"authority": DATATILSYNET},
            ],
        ),
        InformationSection(
            _("Hvor oplysningerne kommer fra"),
            [
                _(
                    "Fra dig selv: formularer på portalen, e-mails, telefonsamtaler og møder. "
                    "Om en virksomhed også fra dens medarbejdere, der har kontaktet kommunen, og "
                    "fra offentlige registre (CVR-registret og listen over registrerede "
                    "socialøkonomiske virksomheder)."
                ),
                _("Der træffes ingen automatiske afgørelser, og der sker ingen profilering."),
            ],
        ),
    ]


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
        subject=subject,
        generated_at=timezone.now(),
        generated_by=by,
        sections=sections,
        information=art15_information(),
    )
