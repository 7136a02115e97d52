from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One code: from the authenticator app, or (when signing in) a backup code."""

    code = forms.CharField(
        label=_("Kode"),
        max_length=20,
        help_text=_(
            "Skriv den 6-cifrede kode fra din godkendelsesapp eller en af dine reservekoder."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class EnrolmentForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Kode fra appen")
        field.help_text = _("Den 6-cifrede kode, som appen viser lige nu.")
        field.widget.attrs["inputmode"] = "numeric"
