"""The enquirer's answer on their status page `/sag/<token>/`: text, files, or both.

Cleaned as every public form is (portal.text.clean_text, before validation, so what is
checked, shown again and stored is the same), the files checked by the shared upload validation
(portal.files). A refused file refuses the whole answer: nothing is half-sent.
"""

import secrets

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.files import DOCUMENTS_AND_IMAGES, FileValidator, MultipleFileField
from portal.text import clean_text

MAX_LENGTH = 5000
MAX_FILES = 3
ATTACHMENTS = FileValidator(kinds=DOCUMENTS_AND_IMAGES, max_megabytes=10)


def new_answer_key() -> str:
    return secrets.token_urlsafe(24)


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Dit svar"),
        max_length=MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _(
                "Dit svar må højst være %(limit_value)d tegn. Det er nu %(show_value)d tegn."
            )
        },
    )
    files = MultipleFileField(label=_("Vedhæft filer"), required=False)
    # One key per form shown: the same answer posted twice is stored once (enquirer.py).
    answer_key = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64, initial=new_answer_key
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Text or a file: neither field is required alone, and neither says "valgfrit".
        self.fields["text"].show_optional = False
        self.fields["files"].help_text = _(
            "%(allowed)s Du kan vedhæfte op til %(count)d filer."
        ) % {"allowed": ATTACHMENTS.help_text(), "count": MAX_FILES}
        self.fields["files"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in ATTACHMENTS.extensions
        )
        if self.is_bound:
            data = self.data.copy()
            if "text" in data:
                data["text"] = clean_text(str(data["text"]), multiline=True)
            self.data = data
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has it

    def clean_files(self) -> list[tuple]:
        """The files as (upload, name to keep): the name cleaned as typed text is."""
        uploads = self.cleaned_data["files"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("Du kan højst vedhæfte %(count)d filer ad gangen. Du valgte %(chosen)d."),
                code="too_many_files",
                params={"count": MAX_FILES, "chosen": len(uploads)},
            )
        accepted, refused = [], []
        for upload in uploads:
            name = clean_text(upload.name, multiline=False).strip()[-200:] or "fil"
            try:
                ATTACHMENTS(upload)
            except forms.ValidationError as error:
                refused.append(
                    _("»%(name)s«: %(reason)s") % {"name": name, "reason": " ".join(error.messages)}
                )
                continue
            accepted.append((upload, name))
        if refused:
            raise forms.ValidationError(refused)
        return accepted

    def clean(self):
        cleaned_data = super().clean()
        if "files" in self.errors:
            # A browser never keeps chosen files: say what to do, above the form.
            raise forms.ValidationError(
                _("Dit svar er ikke sendt. Vælg filerne igen, og send svaret igen."),
                code="files_refused",
            )
        if self.errors:
            return cleaned_data
        if not cleaned_data.get("text", "").strip() and not cleaned_data.get("files"):
            self.add_error("text", _("Skriv dit svar, eller vedhæft en fil."))
        return cleaned_data

    def service_kwargs(self) -> dict:
        files = []
        for upload, name in self.cleaned_data["files"]:
            upload.name = name
            files.append(upload)
        return {
            "text": self.cleaned_data["text"],
            "files": files,
            "submission_key": self.cleaned_data["answer_key"],
        }
