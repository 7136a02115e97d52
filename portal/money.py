"""Amounts in whole Danish kroner: read as people type them, shown as "12.500 kr."

People write 12.500, 12500, 12 500 or "12.500 kr."; all mean twelve thousand five hundred.
Øre are not asked for anywhere in the portal (grants and budgets are whole kroner), so a comma
is refused rather than guessed at.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import number_format
from django.utils.functional import lazy
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


def _format_limit(message: str, validator) -> str:
    return str(message) % {"amount": format_kroner(validator.limit_value)}


_lazy_limit = lazy(_format_limit, str)


class KronerField(forms.IntegerField):
    """A positive amount in whole kroner, typed as people type it (see parse_kroner)."""

    default_error_messages = {"invalid": _("Skriv beløbet i hele kroner, fx 12.500.")}
    widget = forms.TextInput

    def __init__(self, *, min_value: int = 1, **kwargs):
        kwargs.setdefault("localize", False)
        super().__init__(min_value=min_value, **kwargs)
        # The limits as amounts ("højst 50.000 kr."), in the language of the page that shows them.
        for validator in self.validators:
            if isinstance(validator, MinValueValidator):
                validator.message = _lazy_limit(_("Beløbet skal være mindst %(amount)s"), validator)
            elif isinstance(validator, MaxValueValidator):
                validator.message = _lazy_limit(_("Beløbet kan højst være %(amount)s"), validator)

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
        # A text box with the numeric keyboard: "12.500" is not a number to the browser.
        attrs = {**super().widget_attrs(widget), "inputmode": "numeric"}
        attrs.pop("min", None)
        attrs.pop("max", None)
        attrs.pop("step", None)
        return attrs
