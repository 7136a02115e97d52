from django import forms
from django.utils.translation import gettext_lazy as _

from portal.cases.models import Case
from portal.privacy.registry import Subject
from portal.registry.forms import CvrField


class SubjectReportForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Alt om den person, der har denne e-mailadresse."),
    )
    cvr = CvrField(
        label=_("CVR-nummer"),
        required=False,
        help_text=_("Alt om virksomheden, dens kontaktpersoner og sager."),
    )

    def clean(self):
        data = super().clean()
        email, cvr = data.get("email"), data.get("cvr")
        if self.errors:
            return data
        if not email and not cvr:
            raise forms.ValidationError(
                _("Skriv en e-mailadresse eller et CVR-nummer."), code="required"
            )
        if email and cvr:
            raise forms.ValidationError(
                _("Skriv enten en e-mailadresse eller et CVR-nummer, ikke begge."), code="both"
            )
        return data

    @property
    def subject(self) -> Subject:
        return Subject(email=self.cleaned_data["email"], cvr=self.cleaned_data["cvr"])


class LegalHoldForm(forms.Form):
    case = forms.ModelChoiceField(queryset=Case.objects.all(), widget=forms.HiddenInput)
    on = forms.BooleanField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Begrundelse"), required=False, max_length=1000)
