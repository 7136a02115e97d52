"""A case the caseworker opens by hand: an enquiry by phone, at the counter or by e-mail.

The same reference and deadline rules as a public form (services.open_case), no receipt unless
the caseworker chooses one, and the contact found by e-mail address where the registry knows
it: a caseworker has heard the person, so, unlike a public form (where anyone can type any
address), the address may find the person already in the registry.

What was asked is the case's first journal entry, an internal note (CaseEvent.Kind.NOTE), not
a message to the enquirer (MESSAGE): it is the caseworker's own account of a conversation, may
hold what is not meant for the enquirer, and a MESSAGE would count as the case's first answer.
`enquiry_by_hand(case)` finds it; the case page shows it as what the enquirer asked
(`by_hand_details`, a case details provider).
"""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.cases import services
from portal.cases.details import CaseDetails, DetailRow
from portal.cases.models import Case, CaseEvent
from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings
from portal.registry.forms import CvrField, DanishPhoneField
from portal.registry.models import Company, Contact
from portal.registry.services import company_for_cvr_or_draft

BY_HAND_CHANNELS = [Case.Channel.PHONE, Case.Channel.COUNTER, Case.Channel.EMAIL]

# Records are written in Danish (the caseworker's language), whatever the admin's language.
CREATED_BY_HAND = "Oprettet af en sagsbehandler på en sag oprettet manuelt"

# The public forms' receipt (portal.intake, which imports this package, so not used from here).
RECEIPT_TEMPLATE = "intake/email/receipt"


@dataclass(frozen=True)
class ContactData:
    name: str
    email: str = ""
    phone: str = ""


class CaseByHandForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("Henvendelsen kom via"),
        choices=[(channel.value, channel.label) for channel in BY_HAND_CHANNELS],
        initial=Case.Channel.PHONE,
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Sagstype"), choices=Case.Kind.choices, initial=Case.Kind.ADVICE
    )
    name = forms.CharField(
        label=gettext_lazy("Henvenderens navn"),
        max_length=200,
        error_messages={"required": gettext_lazy("Skriv henvenderens navn.")},
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy(
            "Valgfri. Svar og kvittering sendes hertil. Kender portalen adressen, bruges den "
            "kontaktperson, der allerede findes."
        ),
        error_messages={
            "invalid": gettext_lazy("Skriv en gyldig e-mailadresse, fx navn@example.dk.")
        },
    )
    phone = DanishPhoneField(label=gettext_lazy("Telefon"), required=False)
    cvr = CvrField(
        label=gettext_lazy("CVR-nummer"),
        required=False,
        help_text=gettext_lazy(
            "Valgfrit. Kender portalen ikke virksomheden, oprettes den som kladde."
        ),
    )
    subject = forms.CharField(
        label=gettext_lazy("Emne"),
        max_length=200,
        error_messages={"required": gettext_lazy("Skriv sagens emne.")},
    )
    asked = forms.CharField(
        label=gettext_lazy("Hvad spurgte henvenderen om?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Gemmes som sagens første notat i journalen (internt)."),
        error_messages={"required": gettext_lazy("Skriv, hvad henvenderen spurgte om.")},
    )
    take = forms.BooleanField(label=gettext_lazy("Jeg tager sagen"), required=False, initial=True)
    send_receipt = forms.BooleanField(
        label=gettext_lazy("Send kvittering til henvender"),
        required=False,
        initial=False,
        help_text=gettext_lazy(
            "Kvitteringen har sagsnummer, svarfrist og linket til statussiden. Kræver en "
            "e-mailadresse."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error(
                "email",
                _("Skriv en e-mailadresse eller et telefonnummer, så henvenderen kan få svar."),
            )
        if cleaned.get("send_receipt") and not cleaned.get("email"):
            self.add_error(
                "send_receipt",
                _("Kvitteringen sendes på e-mail: skriv henvenderens e-mailadresse."),
            )
        return cleaned

    def refuse(self, error: ValidationError) -> None:
        """A service's ValidationError next to the field it names, else above the form."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "channel": data["channel"],
            "contact": ContactData(name=data["name"], email=data["email"], phone=data["phone"]),
            "cvr": data["cvr"],
            "subject": data["subject"],
            "asked": data["asked"],
            "take": data["take"],
            "send_receipt": data["send_receipt"],
        }


def contact_by_hand(*, contact: ContactData, company: Company | None) -> tuple[Contact, bool]:
    """The contact with this e-mail address (the latest one), or a new one; and whether it is
    new. A known contact is not renamed; a phone number it lacks is added."""
    known = (
        Contact.objects.filter(email__iexact=contact.email).order_by("-updated_at", "-pk").first()
        if contact.email
        else None
    )
    if known is None:
        person = Contact(
            name=contact.name, email=contact.email, phone=contact.phone, company=company
        )
        person._change_reason = CREATED_BY_HAND
        person.save()
        return person, True
    if contact.phone and not known.phone:
        known.phone = contact.phone
        known._change_reason = CREATED_BY_HAND
        known.save(update_fields=["phone", "updated_at"])
    return known, False


@transaction.atomic
def open_case_by_hand(
    *,
    kind: str,
    channel: str,
    contact: ContactData,
    subject: str,
    asked: str,
    by: AbstractBaseUser,
    cvr: str = "",
    take: bool = True,
    send_receipt: bool = False,
) -> Case:
    """Open a case for an enquiry that did not come through a public form.

    Raises ValidationError (naming the field) for an invalid CVR number, an empty question or
    a receipt without an e-mail address; then nothing is stored.
    """
    if channel not in BY_HAND_CHANNELS:
        raise ValidationError({"channel": _("Vælg, hvordan henvendelsen kom.")})
    if not asked.strip():
        raise ValidationError({"asked": _("Skriv, hvad henvenderen spurgte om.")})
    if send_receipt and not contact.email:
        raise ValidationError(
            {"send_receipt": _("Kvitteringen sendes på e-mail: skriv henvenderens e-mailadresse.")}
        )
    company = None
    if cvr:
        try:
            company, _created = company_for_cvr_or_draft(cvr=cvr, reason=CREATED_BY_HAND)
        except ValidationError as error:
            raise ValidationError({"cvr": error.messages}) from None
    person, _new = contact_by_hand(contact=contact, company=company)
    case = services.open_case(
        kind=kind, contact=person, company=company, subject=subject.strip(), channel=channel
    )
    # The same moment as the case: the journal's first entry after "Sagen er modtaget".
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        text=asked.strip(),
        author=by,
        created_at=case.created_at,
    )
    if take:
        services.assign(case=case, to=by, by=by)
    if send_receipt:
        queue_receipt(case)
    return case


def queue_receipt(case: Case):
    """The receipt a public form sends (reference, deadline, status link), on request."""
    return queue_email(
        to=case.contact.email,
        template=RECEIPT_TEMPLATE,
        context={
            "case": case,
            "contact": case.contact,
            "status_url": services.status_url(case),
            "site": SiteSettings.load(),
        },
        about=case,
    )


def enquiry_by_hand(case: Case) -> CaseEvent | None:
    """What the enquirer asked, as the caseworker wrote it down when opening the case by hand
    (the note made at the moment the case was opened); None for a case from a public form."""
    if case.channel == Case.Channel.WEB:
        return None
    return (
        case.events.filter(kind=CaseEvent.Kind.NOTE, created_at=case.created_at)
        .order_by("pk")
        .first()
    )


def by_hand_details(case: Case) -> CaseDetails | None:
    """For the case page (a CaseDetailsProvider's build): the enquiry taken by hand."""
    note = enquiry_by_hand(case)
    if note is None:
        return None
    return CaseDetails(
        title=_("Henvendelsen"),
        rows=[
            DetailRow(_("Kom via"), case.get_channel_display()),
            DetailRow(_("Henvenderen spurgte om"), note.text),
        ],
    )
