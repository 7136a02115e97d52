from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.directory.services import PURPOSE_CHOICES
from partnerships.models import DirectoryEntry
from portal.intake import ContactData, IntakeForm, email_field, name_field
from portal.registry.forms import CvrField, DanishPhoneField


class DirectoryRequestForm(IntakeForm):
    """A company asks to be shown in /virksomheder/. Nothing is public before a caseworker
    approves it."""

    form_token_salt = "partnerships.directory.request.form-token"

    cvr = CvrField(
        label=_("CVR-nummer"),
        error_messages={"required": _("Skriv virksomhedens CVR-nummer.")},
    )
    company_name = forms.CharField(
        label=_("Virksomhedens navn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Skriv virksomhedens navn.")},
    )
    name = name_field(help_text=_("Kontaktpersonen. Dit navn vises ikke i oversigten."))
    email = email_field(
        help_text=_(
            "Vi sender en bekræftelse og linket til at fjerne virksomheden igen til denne "
            "adresse. Den vises ikke i oversigten."
        )
    )
    phone = DanishPhoneField(
        label=_("Telefon"),
        required=False,
        help_text=_("Kun hvis vi må ringe, hvis vi har spørgsmål. Vises ikke i oversigten."),
    )
    description = forms.CharField(
        label=_("Det laver vi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Fortæl kort, hvad virksomheden laver, og hvem I er."),
        error_messages={"required": _("Skriv, hvad virksomheden laver.")},
    )
    sells = forms.CharField(
        label=_("Det sælger vi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "De ydelser og produkter, som virksomheder og kommunens indkøbere kan købe hos jer."
        ),
        error_messages={"required": _("Skriv, hvad virksomheden sælger.")},
    )
    trade = forms.ChoiceField(
        label=_("Branche"),
        choices=[("", _("Vælg en branche")), *DirectoryEntry.Trade.choices],
        help_text=_("Den branche, der passer bedst til det, I sælger."),
        error_messages={"required": _("Vælg en branche.")},
    )
    social_purpose = forms.CharField(
        label=_("Vores sociale formål"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Fx hvem I giver job eller praktik, eller hvilken forskel I gør for miljøet."),
        error_messages={"required": _("Skriv virksomhedens sociale formål.")},
    )
    purposes = forms.MultipleChoiceField(
        label=_("Formål"),
        choices=PURPOSE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Sæt kryds ved de formål, virksomheden har."),
        error_messages={"required": _("Sæt kryds ved mindst ét formål.")},
    )
    homepage = forms.URLField(
        label=_("Hjemmeside"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        help_text=_("Fx https://www.jeres-virksomhed.dk"),
        error_messages={"invalid": _("Skriv en gyldig adresse, fx https://www.example.dk.")},
    )
    consent = forms.BooleanField(
        label=_(
            "Ja, virksomheden må vises i den offentlige virksomhedsoversigt med navn, det vi "
            "laver og sælger, branche, socialt formål, formål, hjemmeside, adresse og om vi er "
            "registreret socialøkonomisk virksomhed (RSV), og med navn i kommunens eksempler på "
            "partnerskaber, vi er med i."
        ),
        help_text=_(
            "Kontaktpersonens navn, e-mail og telefon vises aldrig. I kan til enhver tid trække "
            "samtykket tilbage fra linket, vi sender på e-mail: så fjernes virksomheden med det "
            "samme."
        ),
        error_messages={"required": _("Sæt kryds, hvis virksomheden må vises i oversigten.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has it
        self.helper.layout = Layout(
            Fieldset(_("Virksomheden"), "cvr", "company_name", "homepage"),
            Fieldset(_("Kontaktperson"), "name", "email", "phone"),
            Fieldset(
                _("Det skal stå i oversigten"),
                "description",
                "sells",
                "trade",
                "social_purpose",
                "purposes",
            ),
            Fieldset(_("Samtykke"), "consent"),
            "form_token",
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "cvr": data["cvr"],
            "company_name": data["company_name"],
            "contact": ContactData(name=data["name"], email=data["email"], phone=data["phone"]),
            "description": data["description"],
            "sells": data["sells"],
            "trade": data["trade"],
            "social_purpose": data["social_purpose"],
            "purposes": data["purposes"],
            "website": data["homepage"],
            "submission_key": self.submission_key,
        }


class DirectoryFilterForm(forms.Form):
    """The list's filters, sent with GET: work without JavaScript, and bookmark."""

    q = forms.CharField(
        label=_("Søg"),
        required=False,
        max_length=200,
        help_text=_("Fx catering, cykler eller rengøring."),
    )
    formaal = forms.ChoiceField(
        label=_("Formål"), required=False, choices=[("", _("Alle formål")), *PURPOSE_CHOICES]
    )
    branche = forms.ChoiceField(
        label=_("Det sælger de"),
        required=False,
        choices=[("", _("Alle brancher")), *DirectoryEntry.Trade.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # Every filter is optional; "(valgfrit)" on each would be noise (templates/dkfds).
        for field in self.fields.values():
            field.show_optional = False

    def filters(self) -> dict:
        """The valid filters; an unknown value is ignored rather than an error page."""
        if not self.is_valid():
            return {
                name: value
                for name, value in self.cleaned_data.items()
                if name not in self.errors and value
            }
        return {name: value for name, value in self.cleaned_data.items() if value}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Begrundelsen sendes til virksomhedens kontaktperson."),
        error_messages={"required": _("Skriv, hvorfor anmodningen afvises.")},
    )
