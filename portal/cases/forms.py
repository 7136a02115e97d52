"""The case page's form: the case's own fields, plus the caseworker's moves.

It validates and renders; every write goes through services.work_on_case (see admin.py).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.cases import conflicts, services
from portal.cases.models import Case, ReplyTemplate
from portal.registry.forms import CvrField

CONFLICT_MESSAGE = _(
    "Sagen er blevet ændret af en anden, mens du arbejdede. Se ændringerne nedenfor, og prøv igen."
)
SAVE_FAILED_MESSAGE = _(
    "Ændringen kunne ikke gemmes, og beskeden er ikke sendt. Sagen er uændret. Prøv igen om lidt."
)

# The form field a service's refusal belongs next to, by the ValidationError's code.
REFUSAL_FIELDS = {
    "no_email": "message",
    "invalid_transition": "new_status",
    "not_staff": "assign_to",
    "invalid_cvr": "link_cvr",
}


class StaffChoiceField(forms.ModelChoiceField):
    """Colleagues by name, as caseworkers know each other, not by user name."""

    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class CaseForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    assign_to = StaffChoiceField(
        label=_("Sagsbehandler"),
        queryset=get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("first_name", "last_name", "username"),
        required=False,
    )
    new_status = forms.ChoiceField(
        label=_("Skift status"),
        choices=[("", _("— uændret —")), *Case.Status.choices],
        required=False,
    )
    reply_template = forms.ModelChoiceField(
        label=_("Brug skabelon"),
        queryset=ReplyTemplate.objects.filter(active=True),
        required=False,
        empty_label=_("— ingen —"),
        help_text=_(
            "Er feltet »Besked til henvender« tomt, sendes skabelonen udfyldt med sagens "
            "oplysninger. Skriver du selv en besked, sendes den i stedet. Skabelonerne kan ses "
            "udfyldt under formularen."
        ),
    )
    message = forms.CharField(
        label=_("Besked til henvender"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Sendes som e-mail og vises på henvenderens statusside."),
    )
    note = forms.CharField(
        label=_("Internt notat"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Vises kun for medarbejdere."),
    )
    link_cvr = CvrField(
        label=_("Tilknyt virksomhed via CVR-nummer"),
        required=False,
        help_text=_(
            "En virksomhed i registret tilknyttes sagen. Et ukendt CVR-nummer oprettes som en "
            "kladde, du kan udfylde bagefter."
        ),
    )

    class Meta:
        model = Case
        fields = list(services.EDITABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edited: frozenset[str] = frozenset()
        self.fields["assign_to"].initial = self.instance.assignee_id
        self.fields["loaded_version"].initial = self.instance.version
        # Offer only the moves the workflow allows from the case's current status; the field
        # still accepts any status, so a stale form gets the workflow's own message.
        self.fields["new_status"].widget.choices = [
            (value, label)
            for value, label in self.fields["new_status"].choices
            if not value or self.instance.can_change_to(value)
        ]

    def clean_new_status(self) -> str:
        status = self.cleaned_data["new_status"]
        if status and not self.instance.can_change_to(status):
            raise ValidationError(
                _("En sag med status »%(old)s« kan ikke ændres til »%(new)s«.")
                % {"old": self.instance.get_status_display(), "new": Case.Status(status).label}
            )
        return status

    def clean(self):
        """Refuse a save that would undo or act past someone else's change meanwhile.

        Locks the case's row (conflicts.edits_since): validate inside the save's transaction.
        """
        cleaned = super().clean()
        if any(name not in cleaned for name in conflicts.TRACKED_FIELDS):
            return cleaned  # a field is invalid already: its own message says what to fix
        edits = conflicts.edits_since(
            case=self.instance, version=cleaned.get("loaded_version"), submitted=cleaned
        )
        self.edited = edits.fields
        if edits.conflict(acts=bool(cleaned.get("new_status") or cleaned.get("link_cvr"))):
            self._refresh_for_retry()
            raise ValidationError(CONFLICT_MESSAGE, code="conflict")
        return cleaned

    def _refresh_for_retry(self) -> None:
        """Show what is stored now, keep what this caseworker typed, and take the new version.

        The next save then builds on the other person's change instead of undoing it.
        """
        current = Case.objects.get(pk=self.instance.pk)
        data = self.data.copy()
        data[self.add_prefix("loaded_version")] = str(current.version)
        for name, value in conflicts.stored_values(current).items():
            if name not in self.edited:
                data[self.add_prefix(name)] = "" if value is None else str(value)
        self.data = data

    def refuse(self, error: ValidationError) -> None:
        """Show a service's refusal next to the field it concerns."""
        self.add_error(REFUSAL_FIELDS.get(getattr(error, "code", None)), error)

    def save_failed(self) -> None:
        """The database failed: say that nothing was stored, next to the message if one was sent."""
        sent = self.cleaned_data.get("message") or self.cleaned_data.get("reply_template")
        self.add_error("message" if sent else None, SAVE_FAILED_MESSAGE)

    def service_kwargs(self) -> dict:
        """services.work_on_case's arguments: only the fields this caseworker changed."""
        data = self.cleaned_data
        kwargs = {
            "changes": {
                name: data[name] for name in services.EDITABLE_FIELDS if name in self.edited
            },
            "cvr": data["link_cvr"],
            "note": data["note"],
            "new_status": data["new_status"],
            "message": data["message"],
            "template": data["reply_template"],
        }
        if "assign_to" in self.edited:
            kwargs["assign_to"] = data["assign_to"]
        return kwargs
