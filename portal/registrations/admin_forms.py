"""The caseworker's forms for any kind of occasion (a network meeting, a course session): the
app's own model and its occasion's fields in one form, and the forms of the moves on the
occasion's admin page (attendance, a message to all, cancel, copy)."""

from django import forms
from django.contrib.admin import widgets
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.registrations.models import Occasion, Registration


class LabelledSplitDateTime(widgets.AdminSplitDateTime):
    """The admin's date and time inputs, each with its own <label> (Django's are bare text, so
    a screen reader hears two unnamed inputs)."""

    template_name = "admin/registrations/widgets/split_datetime.html"


def occasion_form_field(name: str, **kwargs) -> forms.Field:
    """The Occasion's own form field (label, help text, limits), for the app's admin form."""
    model_field = Occasion._meta.get_field(name)
    if name in ("starts_at", "ends_at", "registration_deadline"):
        kwargs = {
            "form_class": forms.SplitDateTimeField,
            "widget": LabelledSplitDateTime,
            **kwargs,
        }
    elif name == "online_url":
        kwargs = {"assume_scheme": "https", "widget": widgets.AdminURLFieldWidget, **kwargs}
    elif name in ("title", "address"):
        kwargs = {"widget": widgets.AdminTextInputWidget, **kwargs}
    elif name in ("capacity", "max_seats_per_registration"):
        kwargs = {"widget": widgets.AdminIntegerFieldWidget, **kwargs}
    return model_field.formfield(**kwargs)


class OccasionModelForm(forms.ModelForm):
    """An app's model (pk = its Occasion) and the occasion's fields in one admin form.

    The app's services are the last check (the seats held against a lowered capacity need the
    occasion's row locked): the form calls `create()`/`update()` when it validates, inside a
    savepoint, so a refusal lands on its field and writes nothing. The admin's save then only
    takes the stored object (`save()`). The subclass declares the occasion's fields it edits
    (`occasion_form_field(name)`), names them in `occasion_fields`, and implements the two
    hooks; `by` is set by the ModelAdmin (OccasionAdminMixin.get_form()).
    """

    occasion_fields: tuple[str, ...] = ()
    by = None

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs["initial"] = {
                **{name: getattr(instance.occasion, name) for name in self.occasion_fields},
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)

    def create(self, **data):
        raise NotImplementedError

    def update(self, instance, **data):
        raise NotImplementedError

    def _post_clean(self) -> None:
        # No model validation of an unsaved object (it has no occasion yet): the services
        # validate both rows.
        if self.errors:
            return
        names = (*self.occasion_fields, *self._meta.fields)
        data = {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}
        try:
            with transaction.atomic():
                if self.instance.pk:
                    self.instance = self.update(self.instance, **data)
                else:
                    self.instance = self.create(**data)
        except ValidationError as error:
            self._refuse(error)

    def _refuse(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else NON_FIELD_ERRORS, errors)

    def save(self, commit: bool = True):
        # Stored by the service when the form validated.
        self.save_m2m = lambda: None
        return self.instance


class AttendanceForm(forms.Form):
    """Attended or no-show for each registration with seats: one radio group per person."""

    ATTENDED, NO_SHOW, UNMARKED = "attended", "no_show", ""
    CHOICES = [(ATTENDED, _("Deltog")), (NO_SHOW, _("Udeblev")), (UNMARKED, _("Ikke markeret"))]

    def __init__(self, *args, registrations: list[Registration], **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            current = {
                Registration.Status.ATTENDED: self.ATTENDED,
                Registration.Status.NO_SHOW: self.NO_SHOW,
            }.get(registration.status, self.UNMARKED)
            # Marked attendance can be corrected, not taken back.
            choices = self.CHOICES if current == self.UNMARKED else self.CHOICES[:2]
            self.fields[self.field_name(registration)] = forms.ChoiceField(
                label=registration.name,
                choices=choices,
                initial=current,
                required=False,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(registration: Registration) -> str:
        return f"registration_{registration.pk}"

    def rows(self):
        """(registration, bound field) for the template's table."""
        return [
            (registration, self[self.field_name(registration)])
            for registration in self.registrations
        ]

    def marked(self, choice: str) -> list[Registration]:
        """The registrations marked `choice` that are not marked so already."""
        status = {
            self.ATTENDED: Registration.Status.ATTENDED,
            self.NO_SHOW: Registration.Status.NO_SHOW,
        }[choice]
        return [
            registration
            for registration in self.registrations
            if self.cleaned_data.get(self.field_name(registration)) == choice
            and registration.status != status
        ]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(self.field_name(r)) for r in self.registrations):
            raise ValidationError(_("Markér mindst én deltager som deltog eller udeblev."))
        return cleaned


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Emne"), max_length=200, widget=widgets.AdminTextInputWidget)
    body = forms.CharField(label=_("Tekst"), widget=widgets.AdminTextareaWidget, max_length=10_000)
    include_waiting = forms.BooleanField(
        label=_("Send også til dem på ventelisten"), required=False
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        help_text=_("Står i e-mailen til alle tilmeldte og på den offentlige side."),
        widget=widgets.AdminTextareaWidget,
        max_length=2000,
    )


class CopyForm(forms.Form):
    starts_at = forms.SplitDateTimeField(
        label=_("Ny start"),
        help_text=_("Slutning og tilmeldingsfrist flyttes lige så meget."),
        widget=LabelledSplitDateTime,
    )

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at <= timezone.now():
            raise ValidationError(_("Den nye start skal ligge i fremtiden."))
        return starts_at
