"""Form fields for Danish identifiers, for the admin and the public forms alike."""

from django import forms

from portal.validators import normalise_cvr, normalise_danish_phone


class CvrField(forms.CharField):
    """A CVR number typed any common way ("DK 12 34 56 78", "12345678"); cleans to 8 digits.

    Its Danish error comes from `normalise_cvr`.
    """

    def __init__(self, **kwargs):
        # Room for the way people type it; the cleaned value is always 8 digits. A model form
        # passes the model field's max_length of 8, which would stop "DK 12 34 56 78".
        kwargs["max_length"] = 20
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "autocomplete": "off"}

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_cvr(value) if value else value


class DanishPhoneField(forms.CharField):
    """A phone number; cleans Danish numbers to "12 34 56 78" and foreign ones to "+4912345678"."""

    def __init__(self, **kwargs):
        kwargs["max_length"] = 25
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "tel", "autocomplete": "tel"}

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_danish_phone(value) if value else value
