from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partnership


class PartnershipKindForm(forms.Form):
    """The kind of a partnership made from a match, when the two companies do not tell it."""

    kind = forms.ChoiceField(
        label=_("Hvilken slags partnerskab er det?"),
        choices=Partnership.Kind.choices,
        widget=forms.RadioSelect,
    )
