"""The case page's form: the case's own fields, plus the caseworker's moves.

It validates and renders; every write goes through services.work_on_case (see case_page.py).
"""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.cases import conflicts, selectors, services
from portal.cases.models import Case, ReplyTemplate
from portal.registry.forms import CvrField

CONFLICT_MESSAGE = _(
    "Sagen er blevet ændret af en anden, mens du arbejdede. Se ændringerne nedenfor, og prøv igen."
)
CONTESTED_MESSAGE = _(
    "Også ændret af en anden, til »%(stored)s«. Vil du gemme din værdi i stedet, så sæt kryds "
    "i »Gem mine ændringer alligevel«."
)
SAVE_FAILED_MESSAGE = _(
    "Ændringen kunne ikke gemmes, og beskeden er ikke sendt. Sagen er uændret. Prøv igen om lidt."
)

# The form field a service's refusal belongs next to, by the ValidationError's code.
REFUSAL_FIELDS = {
    "no_email": "message",
    "unfilled_mark": "message",
    "invalid_transition": "new_status",
    "waiting_untold": "new_status",
    "not_staff": "assign_to",
    "invalid_cvr": "link_cvr",
}

# The name of the submit button that fills the chosen template into the message box.
USE_TEMPLATE = "_use_template"


class StaffChoiceField(forms.ModelChoiceField):
    """Colleagues by name, as caseworkers know each other, not by user name."""

    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class TemplateSelect(forms.Select):
    """The template chooser with its own "Brug skabelonen" button: works without JavaScript."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '{} <button type="submit" name="{}" value="1" class="button use-template">{}</button>',
            super().render(name, value, attrs, renderer),
            USE_TEMPLATE,
            gettext("Brug skabelonen"),
        )


class CaseForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The fields a refused save found changed by both caseworkers (see conflicts.py).
    contested = forms.CharField(widget=forms.HiddenInput, required=False)
    override_conflict = forms.BooleanField(label=_("Gem mine ændringer alligevel"), required=False)
    assign_to = StaffChoiceField(
        label=_("Sagsbehandler"),
        queryset=selectors.assignable_staff(),
        required=False,
        empty_label=_("— ingen —"),
    )
    new_status = forms.ChoiceField(
        label=_("Skift status"),
        choices=[("", _("— uændret —")), *Case.Status.choices],
        required=False,
    )
    notify_enquirer = forms.BooleanField(
        label=_("Send besked til henvender"),
        required=False,
        help_text=_(
            "Sæt kryds for at sende henvenderen en e-mail om den nye status. En besked, du "
            "skriver nedenfor, sendes altid. Sætter du sagen til »Afventer henvender«, skal "
            "henvenderen have besked: skriv, hvad de skal gøre, sæt kryds her, eller skriv "
            "telefonsamtalen, hvis I har talt sammen."
        ),
    )
    reply_template = forms.ModelChoiceField(
        label=_("Svarskabelon"),
        queryset=ReplyTemplate.objects.filter(active=True),
        required=False,
        empty_label=_("— ingen —"),
        widget=TemplateSelect,
        help_text=_(
            "Tryk »Brug skabelonen«: teksten sættes ind i beskeden, udfyldt for sagen, så du kan "
            "rette den til, før du sender den. Tekst i [firkantede parenteser] skal du selv "
            "udfylde."
        ),
    )
    message = forms.CharField(
        label=_("Besked til henvender"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Sendes som e-mail og vises på henvenderens statusside."),
    )
    phone_call = forms.CharField(
        label=_("Telefonsamtale"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Har du talt med henvenderen? Skriv kort, hvad I talte om."),
    )
    phone_answered = forms.BooleanField(
        label=_("Henvenderen fik svar i samtalen"),
        required=False,
        initial=True,
        help_text=_(
            "Samtalen tæller som sagens første svar, så sagen ikke længere er overskredet."
        ),
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
        self.conflict_changes: list[conflicts.Change] = []
        # The enquirer's answer that came while this caseworker worked, when it refused a save.
        self.conflict_answered_at: datetime | None = None
        self.fields["assign_to"].initial = self.instance.assignee_id
        # The case's caseworker stays offered (and selected) after losing their role, so a
        # save does not take the case from them unasked.
        self.fields["assign_to"].queryset = selectors.assignable_staff(
            keep=self.instance.assignee_id
        )
        self.fields["loaded_version"].initial = self.instance.version
        # Offer only the moves the workflow allows from the case's current status; the field
        # still accepts any status, so a stale form gets the workflow's own message.
        self.fields["new_status"].widget.choices = [
            (value, label)
            for value, label in self.fields["new_status"].choices
            if not value or self.instance.can_change_to(value)
        ]

    @property
    def contested_fields(self) -> frozenset[str]:
        """The fields a refused save found changed by both caseworkers, as the page carries them."""
        if self.is_bound:
            raw = self.data.get(self.add_prefix("contested"), "")
        else:
            raw = self.initial.get("contested") or ""
        return frozenset(name for name in raw.split(",") if name in conflicts.TRACKED_FIELDS)

    # --- a reply template into the message box, before anything is saved --------------------

    def template_step(self, *, asked: bool) -> ReplyTemplate | None | bool:
        """Whether this post fills a template in instead of saving, and which.

        `asked`: the caseworker pressed "Brug skabelonen". A save with a template chosen and
        no message does the same: a template is never sent unread. Returns the template, None
        when asked without choosing one, False when the post is a save. Reads the raw value
        only: no validation (which would lock the case) for a step that stores nothing.
        """
        try:
            template = self.fields["reply_template"].clean(self["reply_template"].data)
        except ValidationError:
            template = None
        if asked:
            return template
        if template is not None and not (self["message"].data or "").strip():
            return template
        return False

    def as_typed(self, **replaced) -> dict:
        """What was posted, as an unbound form's initial values: the page shown again."""
        return {name: self[name].value() for name in self.fields} | replaced

    # --- validation ------------------------------------------------------------------------

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
        version = cleaned.get("loaded_version")
        edits = conflicts.edits_since(
            case=self.instance,
            version=version,
            submitted=cleaned,
            contested=self.contested_fields,
        )
        self.edited = edits.fields
        acts = bool(cleaned.get("new_status") or cleaned.get("link_cvr"))
        # A reply or a phone call speaks for the municipality (see Edits.conflict).
        answers = any((cleaned.get(name) or "").strip() for name in ("message", "phone_call"))
        if edits.conflict(
            acts=acts, answers=answers, override=cleaned.get("override_conflict", False)
        ):
            current = Case.objects.get(pk=self.instance.pk)
            self.conflict_changes = conflicts.changes_since(self.instance, version)
            self.conflict_answered_at = edits.enquirer_answered_at
            self._refresh_for_retry(current, edits.contested)
            for name in sorted(edits.contested):
                self.add_error(
                    name, CONTESTED_MESSAGE % {"stored": conflicts.stored_display(current, name)}
                )
            raise ValidationError(CONFLICT_MESSAGE, code="conflict")
        return cleaned

    def _refresh_for_retry(self, current: Case, contested: frozenset[str]) -> None:
        """Show what is stored now, keep what this caseworker typed, and take the new version.

        The next save then builds on the other person's change instead of undoing it; a field
        both changed stays refused (`contested`) until the caseworker chooses to overwrite it.
        """
        data = self.data.copy()
        data[self.add_prefix("loaded_version")] = str(current.version)
        data[self.add_prefix("contested")] = ",".join(sorted(contested))
        data.pop(self.add_prefix("override_conflict"), None)  # chosen again, knowingly
        for name, value in conflicts.stored_values(current).items():
            if name not in self.edited:
                data[self.add_prefix(name)] = "" if value is None else str(value)
        self.data = data

    def refuse(self, error: ValidationError) -> None:
        """Show a service's refusal next to the field it concerns."""
        self.add_error(REFUSAL_FIELDS.get(getattr(error, "code", None)), error)

    def save_failed(self) -> None:
        """The database failed: say that nothing was stored, next to the message if one was sent."""
        sent = self.cleaned_data.get("message")
        self.add_error("message" if sent else None, SAVE_FAILED_MESSAGE)

    def what_was_done(self, case: Case) -> str:
        """The save in the caseworker's words, for the message after it: what reached the
        enquirer, and what only the journal holds."""
        data = self.cleaned_data
        name = case.contact.name
        done = []
        if data["new_status"]:
            status = Case.Status(data["new_status"]).label
            if data["message"].strip():
                done.append(
                    _("Status er nu »%(status)s«, og beskeden er sendt til %(name)s.")
                    % {"status": status, "name": name}
                )
            elif data["notify_enquirer"]:
                done.append(
                    _("Status er nu »%(status)s«, og %(name)s har fået en e-mail om det.")
                    % {"status": status, "name": name}
                )
            else:
                done.append(
                    _("Status er nu »%(status)s«. Der er ikke sendt en e-mail.")
                    % {"status": status}
                )
        elif data["message"].strip():
            done.append(
                _("Beskeden er sendt til %(name)s og vist på statussiden.") % {"name": name}
            )
        if data["phone_call"].strip():
            done.append(_("Telefonsamtalen er skrevet i journalen."))
        if data["note"].strip():
            done.append(_("Notatet er gemt."))
        if "assign_to" in self.edited:
            assignee = data["assign_to"]
            done.append(
                _("Sagen er tildelt %(name)s.")
                % {"name": assignee.get_full_name() or assignee.get_username()}
                if assignee
                else _("Sagen har ikke længere en sagsbehandler.")
            )
        if data["link_cvr"]:
            done.append(_("Virksomheden er tilknyttet."))
        if any(name in self.edited for name in services.EDITABLE_FIELDS):
            done.append(_("Sagens oplysninger er gemt."))
        if not done:
            done.append(_("Der var intet at gemme."))
        return f"{case.reference}: {' '.join(str(part) for part in done)}"

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
            "notify": data["notify_enquirer"],
            "phone_call": data["phone_call"],
            "phone_answered": data["phone_answered"],
            "loaded_version": data["loaded_version"],
        }
        if "assign_to" in self.edited:
            kwargs["assign_to"] = data["assign_to"]
        return kwargs
