"""The caseworker's forms: assessment, decision, correction and payment. No rules here: the
services check them and their errors land on the fields they name."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entrepreneurs.decisions.services import ASSESSMENT_FIELDS
from entrepreneurs.models import Assessment, Decision, GrantApplication
from portal.money import KronerField


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ASSESSMENT_FIELDS
        widgets = {
            **{name: forms.RadioSelect for name in ASSESSMENT_FIELDS if name != "notes"},
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"notes": _("Interne notater. De kommer ikke med i afgørelsesbrevet.")}

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name in ASSESSMENT_FIELDS}


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, om ansøgningen bevilges eller afslås.")},
    )
    amount = KronerField(
        label=_("Bevilget beløb"),
        required=False,
        help_text=_("I hele kroner, fx 40.000. Kun ved bevilling."),
    )
    conditions = forms.CharField(
        label=_("Vilkår"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kun ved bevilling: hvad tilskuddet skal bruges til, og hvad der kræves."),
    )
    payment_plan = forms.CharField(
        label=_("Udbetaling"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kun ved bevilling: hvornår og i hvilke rater tilskuddet udbetales."),
    )
    reasons = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hvorfor afgørelsen er, som den er. Står i brevet til ansøgeren."),
        error_messages={"required": _("Skriv begrundelsen for afgørelsen.")},
    )
    legal_basis = forms.CharField(
        label=_("Regler, afgørelsen bygger på"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ordningens hjemmel er skrevet ind. Den citeres i brevet."),
        error_messages={"required": _("Skriv de regler, afgørelsen bygger på.")},
    )
    over_pool_confirmed = forms.BooleanField(
        label=_("Jeg godkender en bevilling, der er større end puljens rest"),
        required=False,
    )

    def __init__(self, *args, application: GrantApplication, user, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("legal_basis", application.scheme.legal_basis)
        super().__init__(*args, **kwargs)
        # Only a manager may allow a grant beyond the pool; nobody else is asked.
        if not user.has_perm("entrepreneurs.exceed_pool"):
            del self.fields["over_pool_confirmed"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Decision.Outcome.APPROVED and not cleaned.get("amount"):
            self.add_error("amount", _("Skriv det beløb, der bevilges."))
        return cleaned

    def decision_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "amount": data["amount"],
            "conditions": data["conditions"],
            "payment_plan": data["payment_plan"],
            "reasons": data["reasons"],
            "legal_basis": data["legal_basis"],
            "over_pool_confirmed": data.get("over_pool_confirmed", False),
        }


class CorrectionForm(DecisionForm):
    correction_reason = forms.CharField(
        label=_("Hvorfor afgørelsen rettes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Står i det nye brev, der erstatter det gamle."),
        error_messages={"required": _("Skriv, hvorfor afgørelsen rettes.")},
    )

    field_order = ["correction_reason"]

    def decision_kwargs(self) -> dict:
        return {**super().decision_kwargs(), "reason": self.cleaned_data["correction_reason"]}


class PaymentForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Udbetalt den"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    amount = KronerField(label=_("Beløb"), help_text=_("I hele kroner, fx 20.000."))
    note = forms.CharField(label=_("Bemærkning"), max_length=200, required=False)
