from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from portal.intake import ContactData, IntakeForm, email_field, name_field
from portal.registrations.models import Occasion
from portal.registry.forms import CvrField, DanishPhoneField


class RegistrationForm(IntakeForm):
    """The public registration for an occasion with seats (a meeting, a course session).

    An app may subclass it to ask more (and give its own `form_token_salt`)."""

    form_token_salt = "registrations.registration.form-token"

    name = name_field()
    email = email_field(
        help_text=_("Vi sender bekræftelsen og din kalenderinvitation hertil."),
        required_message=_("Skriv din e-mail-adresse, så vi kan sende dig bekræftelsen."),
    )
    phone = DanishPhoneField(
        label=_("Telefon"),
        required=False,
        help_text=_("Så vi kan ringe, hvis noget ændrer sig med kort varsel."),
    )
    company_name = forms.CharField(
        label=_("Virksomhedens navn"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("Virksomhedens, foreningens eller idéens navn."),
    )
    cvr = CvrField(
        label=_("CVR-nummer"),
        required=False,
        help_text=_("Har I endnu ikke et CVR-nummer, så lad feltet stå tomt."),
    )
    seats = forms.IntegerField(
        label=_("Hvor mange kommer I?"),
        min_value=1,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Skriv, hvor mange I kommer."),
            "invalid": _("Skriv antallet som et tal, fx 2."),
            "min_value": _("Skriv, hvor mange I kommer (mindst 1)."),
        },
    )
    needs = forms.CharField(
        label=_("Særlige behov"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx kost, allergier, tolk eller adgang for kørestol."),
    )
    listed = forms.BooleanField(
        label=_("Mit navn og min virksomhed må stå på deltagerlisten, som de andre deltagere får"),
        required=False,
    )

    def __init__(self, *args, occasion: Occasion, **kwargs):
        super().__init__(*args, **kwargs)
        self.occasion = occasion
        most = occasion.max_seats_per_registration
        seats = self.fields["seats"]
        seats.max_value = most
        seats.validators.append(MaxValueValidator(most))
        seats.widget.attrs["max"] = most
        seats.error_messages["max_value"] = ngettext_lazy(
            "Der kan højst tilmeldes %(limit_value)d deltager ad gangen.",
            "Der kan højst tilmeldes %(limit_value)d deltagere ad gangen.",
            "limit_value",
        )
        seats.help_text = ngettext_lazy(
            "Dig selv og eventuelle kolleger, højst %(count)d.",
            "Dig selv og eventuelle kolleger, højst %(count)d.",
            "count",
        ) % {"count": most}
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has it
        self.helper.layout = Layout(
            Fieldset(_("Om dig"), "name", "email", "phone"),
            Fieldset(_("Virksomhed (valgfrit)"), "company_name", "cvr"),
            Fieldset(_("Deltagelse"), "seats", "needs", "listed"),
            "form_token",
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "occasion": self.occasion,
            "contact": ContactData(name=data["name"], email=data["email"], phone=data["phone"]),
            "cvr": data["cvr"],
            "company_name": data["company_name"].strip(),
            "seats": data["seats"],
            "needs": data["needs"].strip(),
            "listed": data["listed"],
            "submission_key": self.submission_key,
        }
