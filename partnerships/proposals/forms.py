from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership, PartnershipProposal
from portal.intake import ContactData, IntakeForm, email_field, name_field
from portal.registry.forms import CvrField, DanishPhoneField


class ProposalForm(IntakeForm):
    """Anyone proposes a partnership: who they are, with whom, the common purpose, the needs."""

    form_token_salt = "partnerships.proposal.form-token"

    role = forms.ChoiceField(
        label=_("Hvem er du?"),
        choices=PartnershipProposal.Role,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvem du er.")},
    )
    name = name_field(help_text=_("Så vi ved, hvem vi skal tale med om forslaget."))
    email = email_field(
        help_text=_("Vi sender en kvittering og svarer på denne adresse."),
        required_message=_("Skriv din e-mail-adresse, så vi kan svare dig."),
    )
    phone = DanishPhoneField(
        label=_("Telefon"),
        required=False,
        help_text=_("Kun hvis du vil have, at vi ringer til dig om forslaget."),
    )
    organisation = forms.CharField(
        label=_("Virksomhed eller organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("Hvis du skriver på vegne af en virksomhed, en forening eller en institution."),
    )
    cvr = CvrField(
        label=_("CVR-nummer"),
        required=False,
        help_text=_(
            "Har I et CVR-nummer, så kan vi se, om vi kender jer i forvejen, og samle jeres "
            "sager ét sted. Ellers opretter vi virksomheden hos os, så vi kan forberede os."
        ),
    )
    partners = forms.CharField(
        label=_("Hvem vil du gerne lave partnerskabet med?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            'Fx en bestemt virksomhed, kommunen eller "en socialøkonomisk virksomhed inden for '
            'catering". Ved du det ikke endnu, så skriv det.'
        ),
        error_messages={"required": _("Skriv, hvem du gerne vil lave partnerskabet med.")},
    )
    purpose = forms.CharField(
        label=_("Hvad er det fælles tredje?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Den opgave eller det formål, I vil løse sammen, og hvad hver af jer får ud af det."
        ),
        error_messages={"required": _("Skriv, hvad I vil løse sammen.")},
    )
    needs_from_municipality = forms.CharField(
        label=_("Hvad har I brug for fra kommunen?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Fx hjælp til at finde en partner, et møde, sparring eller lokaler."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has it
        self.helper.layout = Layout(
            Fieldset(_("Om dig"), "role", "name", "email", "phone"),
            Fieldset(_("Virksomhed eller organisation (valgfrit)"), "organisation", "cvr"),
            Fieldset(_("Dit forslag"), "partners", "purpose", "needs_from_municipality"),
            "form_token",
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "contact": ContactData(name=data["name"], email=data["email"], phone=data["phone"]),
            "role": data["role"],
            "organisation": data["organisation"],
            "cvr": data["cvr"],
            "partners": data["partners"],
            "purpose": data["purpose"],
            "needs_from_municipality": data["needs_from_municipality"],
            "submission_key": self.submission_key,
        }


class CreatePartnershipForm(forms.Form):
    """The caseworker's choices when a proposal becomes a partnership (from the case page)."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    with_municipality = forms.BooleanField(
        label=_("Kommunen er part i partnerskabet"), required=False
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("Ud fra parterne")), *Partnership.Kind.choices],
        required=False,
        help_text=_(
            "Typen udfyldes ud fra parterne, hvor det kan lade sig gøre. Vælg selv, hvis "
            "parterne ikke viser det."
        ),
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "with_municipality": data["with_municipality"],
            "kind": data["kind"],
        }
