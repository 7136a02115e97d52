from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from guidance import selfcheck
from guidance.models import Enquiry
from portal.intake import ContactData, IntakeForm, email_field, name_field
from portal.registry.forms import CvrField, DanishPhoneField


class EnquiryForm(IntakeForm):
    form_token_salt = "guidance.enquiry.form-token"

    role = forms.ChoiceField(
        label=_("Hvem er du?"),
        choices=Enquiry.Role,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvem du er.")},
    )
    name = name_field()
    email = email_field(
        help_text=_("Vi sender en kvittering og svarer på denne adresse."),
        required_message=_("Skriv din e-mail-adresse, så vi kan svare dig."),
    )
    phone = DanishPhoneField(
        label=_("Telefon"),
        required=False,
        help_text=_("Kun hvis du hellere vil ringes op."),
    )
    contact_preference = forms.ChoiceField(
        label=_("Hvordan vil du helst kontaktes?"),
        choices=Enquiry.ContactPreference,
        initial=Enquiry.ContactPreference.EMAIL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvordan du helst vil kontaktes.")},
    )
    company_name = forms.CharField(
        label=_("Virksomhedens navn"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("Virksomhedens eller foreningens navn, eller navnet på din idé."),
    )
    cvr = CvrField(
        label=_("CVR-nummer"),
        required=False,
        help_text=_(
            "Har I et CVR-nummer, så kan vi se, om vi kender jer i forvejen, og samle jeres "
            "sager ét sted. Ellers opretter vi virksomheden hos os, så rådgiveren kan forberede "
            "sig."
        ),
    )
    topic = forms.ChoiceField(
        label=_("Hvad handler din henvendelse om?"),
        choices=Enquiry.Topic,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvad din henvendelse handler om.")},
    )
    message = forms.CharField(
        label=_("Hvad vil du gerne have hjælp til?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Skriv kort om din idé eller virksomhed, og hvad du gerne vil tale om."),
        error_messages={"required": _("Skriv, hvad du gerne vil have hjælp til.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has it
        self.helper.layout = Layout(
            Fieldset(_("Om dig"), "role", "name", "email", "phone", "contact_preference"),
            Fieldset(_("Virksomhed eller forening (valgfrit)"), "company_name", "cvr"),
            Fieldset(_("Din henvendelse"), "topic", "message"),
            "form_token",
        )

    @classmethod
    def initial_from_query(cls, query) -> dict:
        """The form's starting values from a link: ?emne=<topic>&tjek=<self-check answers>."""
        initial = {}
        if query.get("emne") in Enquiry.Topic.values:
            initial["topic"] = query["emne"]
        answers = selfcheck.answers_from_code(query.get("tjek", ""))
        if answers is not None:
            initial["message"] = selfcheck.evaluate(answers).summary()
            initial.setdefault("topic", Enquiry.Topic.START)
        return initial

    def clean(self):
        cleaned_data = super().clean()
        wants_phone = cleaned_data.get("contact_preference") == Enquiry.ContactPreference.PHONE
        if wants_phone and not cleaned_data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Skriv dit telefonnummer, hvis du vil ringes op."))
        return cleaned_data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "contact": ContactData(name=data["name"], email=data["email"], phone=data["phone"]),
            "role": data["role"],
            "topic": data["topic"],
            "message": data["message"],
            "contact_preference": data["contact_preference"],
            "cvr": data["cvr"],
            "company_name": data["company_name"],
            "submission_key": self.submission_key,
        }


class SelfCheckForm(forms.Form):
    """The five criteria as questions, each answered Ja, Nej or Ved ikke; sent with GET."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = list(selfcheck.ANSWER_LABELS.items())
        for criterion in selfcheck.CRITERIA:
            self.fields[criterion.key] = forms.ChoiceField(
                label=criterion.question,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Vælg Ja, Nej eller Ved ikke.")},
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"
