"""The exchange's forms: the filter (GET), posting, the contact form, and the poster's edit."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.exchange import services
from partnerships.exchange.selectors import ListingFilters
from partnerships.models import Listing
from partnerships.models.exchange import today
from portal.intake import ContactData, IntakeForm, clean_text, email_field, name_field
from portal.registry.forms import CvrField, DanishPhoneField
from portal.validators import validate_postcode


class ListingFilterForm(forms.Form):
    """?type=offer|need&kategori=…&q=…: sent with GET, works without JavaScript."""

    type = forms.ChoiceField(
        label=_("Tilbud eller behov"),
        choices=[("", _("Alle")), *Listing.Kind.choices],
        required=False,
    )
    kategori = forms.ChoiceField(
        label=_("Kategori"),
        choices=[("", _("Alle kategorier")), *Listing.Category.choices],
        required=False,
    )
    q = forms.CharField(label=_("Søg i opslagene"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.form_method = "get"
        # Every filter is optional; "(valgfrit)" on each would be noise (templates/dkfds).
        for field in self.fields.values():
            field.show_optional = False

    def filters(self) -> ListingFilters:
        # An unknown ?type= or ?kategori= (an old or mistyped link) filters on nothing.
        self.is_valid()
        data = self.cleaned_data
        return ListingFilters(
            kind=data.get("type") or "",
            category=data.get("kategori") or "",
            query=data.get("q") or "",
        )


def valid_until_field() -> forms.DateField:
    return forms.DateField(
        label=_("Gælder til og med"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Højst et halvt år frem. Derefter forsvinder opslaget af sig selv."),
        error_messages={
            "required": _("Vælg, hvor længe opslaget skal gælde."),
            "invalid": _("Skriv datoen som dd-mm-åååå."),
        },
    )


def _check_valid_until(form: forms.Form) -> None:
    value = form.cleaned_data.get("valid_until")
    if value is None:
        return
    try:
        services.check_valid_until(value)
    except ValidationError as error:
        for message in error.message_dict["valid_until"]:
            form.add_error("valid_until", message)


class ListingFieldsMixin(forms.Form):
    """The listing's own fields, for posting and for the poster's edit."""

    category = forms.ChoiceField(
        label=_("Kategori"),
        choices=Listing.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg en kategori.")},
    )
    title = forms.CharField(
        label=_("Overskrift"),
        max_length=120,
        help_text=_("Kort og konkret, fx “Vi kan tilbyde to praktikpladser på lageret”."),
        error_messages={"required": _("Skriv en overskrift.")},
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Hvad tilbyder eller søger I, hvornår og hvor meget? Skriv ikke om enkeltpersoner."
        ),
        error_messages={"required": _("Skriv en beskrivelse.")},
    )
    postcode = forms.CharField(
        label=_("Postnummer"),
        max_length=4,
        validators=[validate_postcode],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
        help_text=_("Hvor tilbuddet eller behovet er. Bruges til at finde partnere i nærheden."),
        error_messages={"required": _("Skriv postnummeret, fx 6100.")},
    )
    valid_until = valid_until_field()
    show_company = forms.BooleanField(
        label=_("Virksomhedens navn må vises ved opslaget"),
        required=False,
        help_text=_("Ellers vises opslaget uden navn. Jeres e-mailadresse vises aldrig."),
    )
    notify_matches = forms.BooleanField(
        label=_("Send os en e-mail, når et nyt opslag passer til vores"),
        required=False,
    )

    def limit_dates(self) -> None:
        """The browser's date picker offers the days a listing may run (checked again here)."""
        tomorrow = today() + datetime.timedelta(days=1)
        self.fields["valid_until"].widget.attrs.update(
            min=tomorrow.isoformat(), max=services.latest_valid_until().isoformat()
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.date_to_check(cleaned_data.get("valid_until")):
            _check_valid_until(self)
        return cleaned_data

    def date_to_check(self, value) -> bool:
        return value is not None


class ListingForm(ListingFieldsMixin, IntakeForm):
    """A company posts an offer or a need; a caseworker approves it before it is shown."""

    form_token_salt = "partnerships.listing.form-token"

    cvr = CvrField(
        label=_("CVR-nummer"),
        help_text=_("Virksomhedens, foreningens eller institutionens CVR-nummer."),
        error_messages={"required": _("Skriv jeres CVR-nummer.")},
    )
    company_name = forms.CharField(
        label=_("Virksomhedens navn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Skriv virksomhedens navn.")},
    )
    name = name_field(
        label=_("Kontaktperson"), required_message=_("Skriv navnet på kontaktpersonen.")
    )
    email = email_field(
        help_text=_(
            "Hertil sender vi linket, hvor I kan rette opslaget, og beskeder fra dem, der "
            "svarer på det. Adressen vises aldrig på siden."
        ),
        required_message=_("Skriv jeres e-mail-adresse."),
    )
    phone = DanishPhoneField(label=_("Telefon"), required=False)
    kind = forms.ChoiceField(
        label=_("Tilbyder I noget, eller søger I noget?"),
        choices=Listing.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, om I tilbyder eller søger noget.")},
    )

    field_order = [
        "cvr",
        "company_name",
        "name",
        "email",
        "phone",
        "kind",
        "category",
        "title",
        "description",
        "postcode",
        "valid_until",
        "show_company",
        "notify_matches",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_dates()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(_("Virksomheden"), "cvr", "company_name"),
            Fieldset(_("Kontaktperson"), "name", "email", "phone"),
            Fieldset(
                _("Opslaget"),
                "kind",
                "category",
                "title",
                "description",
                "postcode",
                "valid_until",
            ),
            Fieldset(_("Samtykke og besked"), "show_company", "notify_matches"),
            "form_token",
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "cvr": data["cvr"],
            "company_name": data["company_name"].strip(),
            "contact": ContactData(
                name=data["name"].strip(), email=data["email"], phone=data["phone"]
            ),
            "kind": data["kind"],
            "category": data["category"],
            "title": data["title"].strip(),
            "description": data["description"].strip(),
            "postcode": data["postcode"],
            "valid_until": data["valid_until"],
            "show_company": data["show_company"],
            "notify_matches": data["notify_matches"],
            "submission_key": self.submission_key,
        }


class ListingEditForm(ListingFieldsMixin):
    """The poster's edit from the private link (no token: the link is the key)."""

    field_order = list(services.EDITABLE_FIELDS)

    def __init__(self, *args, listing: Listing, **kwargs):
        kwargs.setdefault(
            "initial", {name: getattr(listing, name) for name in services.EDITABLE_FIELDS}
        )
        super().__init__(*args, **kwargs)
        self.listing = listing
        self.limit_dates()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # Text from the public: cleaned as the intake forms clean it.
        if self.is_bound:
            self.data = _cleaned(self, self.data)

    def date_to_check(self, value) -> bool:
        # An unchanged date may be near or past (an expired listing whose text is corrected):
        # only a new date is checked.
        return value is not None and value != self.listing.valid_until

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in services.EDITABLE_FIELDS},
            "title": data["title"].strip(),
            "description": data["description"].strip(),
        }


def _cleaned(form: forms.Form, data):
    """The posted text as IntakeForm cleans it (no control or direction-override characters)."""
    data = data.copy()
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.CharField) and key in data:
            multiline = isinstance(field.widget, forms.Textarea)
            data.setlist(key, [clean_text(v, multiline=multiline) for v in data.getlist(key)])
    return data


class ContactForm(IntakeForm):
    """Write to the company behind a listing; the portal forwards it, the address stays hidden."""

    form_token_salt = "partnerships.listing-contact.form-token"

    name = name_field()
    email = email_field(
        label=_("Din e-mail"),
        help_text=_("Virksomheden svarer dig på denne adresse. Du får selv en kvittering."),
        required_message=_("Skriv din e-mail-adresse, så virksomheden kan svare dig."),
    )
    phone = DanishPhoneField(label=_("Telefon"), required=False)
    company = forms.CharField(
        label=_("Din virksomhed eller forening"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    message = forms.CharField(
        label=_("Din besked"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Skriv en besked til virksomheden.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout("name", "email", "phone", "company", "message", "form_token")

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "sender": ContactData(
                name=data["name"].strip(), email=data["email"], phone=data["phone"]
            ),
            "sender_company": data["company"].strip(),
            "message": data["message"].strip(),
            "submission_key": self.submission_key,
        }


class RejectForm(forms.Form):
    """The caseworker's reason for refusing a listing; the poster gets it by e-mail."""

    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Virksomheden får begrundelsen på e-mail."),
        error_messages={"required": _("Skriv, hvorfor opslaget afvises.")},
    )
