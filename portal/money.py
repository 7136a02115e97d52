"""Amounts in whole Danish kroner: read as people type them, shown as "12.500 kr."

People write 12.500, 12500, 12 500 or "12.500 kr."; all mean twelve thousand five hundred.
Øre are not asked for anywhere in the portal (grants and budgets are whole kroner), so a comma
is refused rather than guessed at.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# Groups of three digits separated by "." or a space (also the no-break spaces a copy from a
# spreadsheet brings), or plain digits; an optional "kr." after.
_GROUPED = re.compile(r"^\d{1,3}(?:[. \u00a0\u202f]\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_SUFFIX = re.compile(r"\s*(?:kr\.?|dkk)\s*$", re.IGNORECASE)


def parse_kroner(text: str) -> int:
    """12500 from "12.500", "12500", "12 500" or "12.500 kr."; ValueError for anything else."""
    value = _SUFFIX.sub("", str(text).strip())
    if _PLAIN.match(value) or _GROUPED.match(value):
        return int(re.sub(r"\D", "", value))
    raise ValueError(text)


def format_kroner(amount: int | None) -> str:
    """ "12.500 kr." in Danish (thousands with a dot), "12,500 kr." in English."""
    if amount is None:
        return ""
    return _("%(amount)s kr.") % {
        "amount": number_format(amount, decimal_pos=0, force_grouping=True)
    }


class KronerField(forms.IntegerField):
    """A positive amount in whole kroner, typed as people type it (see parse_kroner)."""

    default_error_messages = {
        "invalid": _("Skriv beløbet i hele kroner, fx 12.500."),
        "min_value": _("Beløbet skal være mindst %(limit_value)s kr."),
        "max_value": _("Beløbet kan højst være %(limit_value)s kr."),
    }
    widget = forms.TextInput

    def __init__(self, *, min_value: int = 1, **kwargs):
        kwargs.setdefault("localize", False)
        super().__init__(min_value=min_value, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.pop("min", None)
        self.widget.attrs.pop("max", None)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_kroner(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        # Shown again as typed after an error; a stored amount as 12.500.
        if isinstance(value, int):
            return number_format(value, decimal_pos=0, force_grouping=True)
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("min", None)
        attrs.pop("max", None)
        attrs.pop("step", None)
        return attrs
