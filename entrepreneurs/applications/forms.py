"""The application's steps as forms: each validates one step's answers, as the applicant typed them.

A step's answers are stored in `ApplicationDraft.answers[step]` exactly as typed (strings,
cleaned of control characters), so a step shown again looks as it was left, and every step can
be validated again at submit with the rules in force then.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from entrepreneurs.applications import rules
from entrepreneurs.models import SupportScheme
from entrepreneurs.models.grants import LegalForm
from portal.files import DOCUMENTS_AND_IMAGES, FileValidator, MultipleFileField
from portal.intake import clean_text, email_field, name_field
from portal.money import KronerField
from portal.registry.forms import CvrField, DanishPhoneField

DATE_FORMATS = ["%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]


def attachment_validator() -> FileValidator:
    return FileValidator(
        kinds=DOCUMENTS_AND_IMAGES, max_megabytes=settings.ENTREPRENEURS_ATTACHMENT_MEGABYTES
    )


def _text(label, *, max_length=5000, help_text="", required=True, rows=5, message=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message or _("Skriv et svar.")},
    )


class StepForm(forms.Form):
    """One step of the application, bound to what was typed (see `typed`)."""

    def __init__(self, data=None, files=None, *, scheme: SupportScheme, **kwargs):
        self.scheme = scheme
        super().__init__(data, files, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has it
        self.helper.layout = self.layout()

    def layout(self):
        return None

    def typed(self, post) -> dict[str, str]:
        """The step's answers from a post, as typed, cleaned of control characters."""
        answers = {}
        for name, field in self.fields.items():
            if isinstance(field, forms.FileField):
                continue
            value = post.get(self.add_prefix(name), "")
            multiline = isinstance(field.widget, forms.Textarea)
            answers[name] = clean_text(str(value), multiline=multiline)
        return answers

    def valid_answers(self) -> dict[str, str]:
        """After is_valid(): the typed answers of the fields without errors."""
        return {
            name: value
            for name, value in self.data.items()
            if name in self.fields and name not in self.errors
        }


class ApplicantForm(StepForm):
    name = name_field()
    email = email_field(
        help_text=_("Vi sender kvitteringen, linket til din kladde og afgørelsen hertil.")
    )
    phone = DanishPhoneField(label=_("Telefon"), required=False)
    address = forms.CharField(
        label=_("Adresse"),
        max_length=200,
        help_text=_("Vej og husnummer."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"required": _("Skriv din adresse.")},
    )
    postcode = forms.CharField(
        label=_("Postnummer"),
        max_length=4,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        error_messages={"required": _("Skriv dit postnummer.")},
    )
    city = forms.CharField(
        label=_("By"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        error_messages={"required": _("Skriv din by.")},
    )

    def layout(self):
        return Layout(
            Fieldset(_("Om dig"), "name", "email", "phone"),
            Fieldset(_("Din adresse i kommunen"), "address", "postcode", "city"),
        )

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        rules.check_postcode(postcode)
        return postcode


class EnterpriseForm(StepForm):
    enterprise_name = forms.CharField(
        label=_("Virksomhedens navn"),
        max_length=200,
        help_text=_("Har virksomheden ikke et navn endnu, så skriv navnet på din idé."),
        error_messages={"required": _("Skriv virksomhedens navn.")},
    )
    cvr = CvrField(
        label=_("CVR-nummer"),
        required=False,
        help_text=_("Kun hvis virksomheden allerede har et CVR-nummer."),
    )
    legal_form = forms.ChoiceField(
        label=_("Virksomhedsform"),
        choices=LegalForm,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg virksomhedsform, eller »Ikke valgt endnu«.")},
    )
    start_date = forms.DateField(
        label=_("Startdato"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("Hvornår virksomheden er startet eller skal starte, fx 1.3.2027."),
        error_messages={"invalid": _("Skriv datoen som dag.måned.år, fx 1.3.2027.")},
    )


class PurposeForm(StepForm):
    social_purpose = _text(
        _("Virksomhedens sociale formål"),
        help_text=_("Hvem eller hvad skal det blive bedre for, når det går godt?"),
        message=_("Beskriv virksomhedens sociale formål."),
    )
    # The five characteristics of a social-economy enterprise, in the strategy's wording.
    criterion_purpose = _text(
        _("Den har et socialt, sundheds- eller miljømæssigt formål"),
        help_text=_("Hvordan virksomhedens formål er socialt, sundheds- eller miljømæssigt."),
        rows=3,
    )
    criterion_sales = _text(
        _("Den har salg af ydelser og/eller produkter"),
        help_text=_("Hvad virksomheden sælger, og hvor stor en del af indtægterne salget er."),
        rows=3,
    )
    criterion_surplus = _text(
        _("Den geninvesterer et eventuelt overskud i virksomheden og formålet"),
        help_text=_("Hvordan det er sikret, fx i vedtægterne."),
        rows=3,
    )
    criterion_independence = _text(
        _("Den er organisatorisk uafhængig af den offentlige sektor"),
        help_text=_("Hvem der træffer virksomhedens beslutninger."),
        rows=3,
    )
    criterion_cvr = _text(
        _("Den har et CVR-nummer"),
        help_text=_("Har virksomheden et CVR-nummer, eller hvornår får den et?"),
        rows=2,
    )

    def layout(self):
        return Layout(
            "social_purpose",
            Fieldset(
                _("Sådan lever virksomheden op til de fem kendetegn"),
                "criterion_purpose",
                "criterion_sales",
                "criterion_surplus",
                "criterion_independence",
                "criterion_cvr",
            ),
        )


class BusinessForm(StepForm):
    business_model = _text(
        _("Forretningsmodel: hvad sælger virksomheden, og til hvem?"),
        message=_("Beskriv, hvad virksomheden sælger, og til hvem."),
    )
    target_group = _text(
        _("Målgruppe"),
        help_text=_("Hvilke mennesker virksomheden vil give plads, fx unge uden uddannelse."),
        message=_("Beskriv målgruppen."),
        rows=3,
    )
    expected_employees = forms.IntegerField(
        label=_("Hvor mange fra kanten af arbejdsmarkedet forventer I at ansætte?"),
        min_value=0,
        max_value=1000,
        help_text=_("I det første år, som et helt tal."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Skriv et antal, fx 2. Skriv 0, hvis I ikke ved det endnu."),
            "invalid": _("Skriv et helt tal, fx 2."),
            "min_value": _("Antallet kan ikke være negativt."),
            "max_value": _("Skriv et antal under 1.000."),
        },
    )


BUDGET_ROWS = 5  # blank lines shown at first
MORE_ROWS = 3  # added by "Tilføj flere linjer"
MAX_ROWS = 40


class BudgetForm(StepForm):
    """Budget lines (item and amount, any number: blank rows and "Tilføj flere linjer"), the
    amount applied for, and the de minimis declaration when the scheme asks for it."""

    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)
    amount_requested = KronerField(
        label=_("Hvor meget søger du?"),
        help_text=_("I hele kroner, fx 40.000."),
        error_messages={"required": _("Skriv det beløb, du søger.")},
    )
    de_minimis_received = KronerField(
        label=_("Anden de minimis-støtte de seneste tre år"),
        min_value=0,
        help_text=_("I alt i kroner. Skriv 0, hvis virksomheden ikke har fået nogen."),
        error_messages={"required": _("Skriv beløbet, eller 0 hvis der ikke er nogen.")},
    )
    de_minimis_details = forms.CharField(
        label=_("Fra hvem og hvornår?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data=None, *args, extra_rows: int = 0, **kwargs):
        count = self.row_count(data if data is not None else kwargs.get("initial")) + extra_rows
        self.line_count = min(count, MAX_ROWS)
        super().__init__(data, *args, **kwargs)
        for number in range(self.line_count):
            self.fields[f"line-{number}-item"] = forms.CharField(
                label=_("Post %(number)d") % {"number": number + 1},
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"class": "input-width-xl"}),
            )
            self.fields[f"line-{number}-amount"] = KronerField(
                label=_("Beløb for post %(number)d") % {"number": number + 1},
                required=False,
                widget=forms.TextInput(attrs={"class": "input-width-s"}),
            )
        if not self.scheme.requires_de_minimis:
            del self.fields["de_minimis_received"]
            del self.fields["de_minimis_details"]
        self.initial["rows"] = self.line_count
        if data is not None:
            self.data = {**self.data, "rows": str(self.line_count)}

    @staticmethod
    def row_count(data) -> int:
        try:
            count = int((data or {}).get("rows") or 0)
        except (TypeError, ValueError):
            count = 0
        return max(count, BUDGET_ROWS)

    def layout(self):
        lines = [
            Div(
                Div(f"line-{number}-item", css_class="col-12 col-md-7"),
                Div(f"line-{number}-amount", css_class="col-12 col-md-5"),
                css_class="row",
            )
            for number in range(self.line_count)
        ]
        total = HTML('{% include "entrepreneurs/support/_budget_total.html" %}')
        parts = [
            Fieldset(_("Budget"), *lines, total),
            "rows",
            Fieldset(_("Det søger du om"), "amount_requested"),
        ]
        if self.scheme.requires_de_minimis:
            parts.append(
                Fieldset(_("De minimis-støtte"), "de_minimis_received", "de_minimis_details")
            )
        return Layout(*parts)

    def clean(self):
        cleaned = super().clean()
        lines = []
        for number in range(self.line_count):
            item = (cleaned.get(f"line-{number}-item") or "").strip()
            amount = cleaned.get(f"line-{number}-amount")
            amount_key = f"line-{number}-amount"
            if item and amount is None and amount_key not in self.errors:
                self.add_error(amount_key, _("Skriv et beløb for posten."))
            elif amount is not None and not item:
                self.add_error(f"line-{number}-item", _("Skriv, hvad beløbet er til."))
            elif item and amount is not None:
                lines.append((item, amount))
        cleaned["lines"] = lines
        received = cleaned.get("de_minimis_received")
        if received and not (cleaned.get("de_minimis_details") or "").strip():
            self.add_error("de_minimis_details", _("Skriv, fra hvem og hvornår I fik støtten."))
        if not lines and not any(key.startswith("line-") for key in self.errors):
            self.add_error("line-0-item", _("Skriv mindst én post i budgettet med et beløb."))
        amount = cleaned.get("amount_requested")
        if amount is not None and lines and not self.errors.get("amount_requested"):
            total = sum(line_amount for _item, line_amount in lines)
            try:
                rules.check_amount(scheme=self.scheme, amount=amount, total=total)
            except forms.ValidationError as error:
                self.add_error("amount_requested", error)
        return cleaned

    @property
    def total(self) -> int:
        """The total of the lines typed so far that have an amount (shown as "I alt")."""
        typed = self.data if self.is_bound else self.initial
        total = 0
        for number in range(self.line_count):
            field = self.fields[f"line-{number}-amount"]
            try:
                total += field.clean(typed.get(f"line-{number}-amount", "")) or 0
            except forms.ValidationError:
                continue
        return total


class AttachmentsForm(StepForm):
    """Files, any number at a time up to the limit; each refused one is named, the rest kept."""

    files = MultipleFileField(label=_("Vælg filer"), required=False)

    def __init__(self, *args, existing: int = 0, **kwargs):
        self.existing = existing
        super().__init__(*args, **kwargs)
        validator = attachment_validator()
        self.fields["files"].help_text = _(
            "%(allowed)s Du kan vedhæfte op til %(count)d filer, fx forretningsplan, budget og "
            "vedtægter."
        ) % {"allowed": validator.help_text(), "count": settings.ENTREPRENEURS_MAX_ATTACHMENTS}
        self.accepted = []

    def clean_files(self):
        uploaded = self.cleaned_data["files"]
        validator = attachment_validator()
        room = settings.ENTREPRENEURS_MAX_ATTACHMENTS - self.existing
        refused = []
        for upload in uploaded:
            name = clean_text(upload.name, multiline=False)[-200:]
            try:
                validator(upload)
            except forms.ValidationError as error:
                refused.append(
                    _("»%(name)s« blev ikke gemt: %(reason)s")
                    % {"name": name, "reason": " ".join(error.messages)}
                )
                continue
            if len(self.accepted) >= room:
                refused.append(
                    _("»%(name)s« blev ikke gemt: du kan højst vedhæfte %(count)d filer.")
                    % {"name": name, "count": settings.ENTREPRENEURS_MAX_ATTACHMENTS}
                )
                continue
            self.accepted.append((upload, name))
        if refused:
            raise forms.ValidationError(refused)
        return None


class SubmitForm(StepForm):
    declaration = forms.BooleanField(
        label=_(
            "Jeg erklærer på tro og love, at oplysningerne i ansøgningen er rigtige, og at jeg "
            "vil give kommunen besked, hvis de ændrer sig."
        ),
        error_messages={"required": _("Sæt kryds for at afgive erklæringen.")},
    )
