"""Upload validation for every file the portal accepts: its type, its content and its size.

The type is checked twice: by the name's extension (what the user chose) and by the content,
with puremagic (a maintained, pure-Python file-signature library), so a renamed program is
refused and not only a wrong name. Word, Excel and OpenDocument files are zip archives: their
content shows that they are a zip of that family, not which member of it.
"""

from dataclasses import dataclass
from pathlib import Path

import puremagic
from django import forms
from django.core.exceptions import ValidationError
from django.dispatch import Signal
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    """A type of file users may upload: what it is called, and its extensions (first: usual)."""

    label: str  # next to a download link: "Word-dokument"
    short: str  # in a list of what may be uploaded: "Word (docx)"
    extensions: tuple[str, ...]


KINDS = {
    "pdf": FileKind(gettext_lazy("PDF"), gettext_lazy("PDF"), ("pdf",)),
    "docx": FileKind(gettext_lazy("Word-dokument"), gettext_lazy("Word (docx)"), ("docx",)),
    "xlsx": FileKind(gettext_lazy("Excel-regneark"), gettext_lazy("Excel (xlsx)"), ("xlsx",)),
    "odt": FileKind(
        gettext_lazy("OpenDocument-tekst"), gettext_lazy("OpenDocument (odt)"), ("odt",)
    ),
    "png": FileKind(gettext_lazy("PNG-billede"), gettext_lazy("PNG"), ("png",)),
    "jpg": FileKind(gettext_lazy("JPEG-billede"), gettext_lazy("JPG"), ("jpg", "jpeg")),
}

DOCUMENTS_AND_IMAGES = ("pdf", "docx", "xlsx", "odt", "png", "jpg")


def extension_of(name: str) -> str:
    return Path(name).suffix.lower().lstrip(".")


def kind_label(name: str) -> str:
    """What a visitor sees next to a download link: "PDF", "Word-dokument" …"""
    extension = extension_of(name)
    for kind in KINDS.values():
        if extension in kind.extensions:
            return str(kind.label)
    return extension.upper()


def _listed(items: list[str], conjunction: str) -> str:
    """ "PDF, Word (docx) og PNG": a list in Danish, joined by commas and "og" or "eller"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


@deconstructible
class FileValidator:
    """Allows only files of the named `kinds` (keys of KINDS) and at most `max_megabytes`.

    Use it as a model or form field's validator, and `help_text()` to tell users beforehand:

        file = models.FileField(validators=[ATTACHMENTS], help_text=ATTACHMENTS.help_text())

    Each refusal says in Danish what is wrong: the type, the content or the size.
    """

    def __init__(self, *, kinds: tuple[str, ...], max_megabytes: int) -> None:
        unknown = set(kinds) - KINDS.keys()
        if unknown:
            raise ValueError(f"unknown file kinds: {sorted(unknown)}")
        self.kinds = tuple(kinds)
        self.max_megabytes = max_megabytes

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, FileValidator)
            and self.kinds == other.kinds
            and self.max_megabytes == other.max_megabytes
        )

    def __hash__(self) -> int:
        return hash((self.kinds, self.max_megabytes))

    @property
    def extensions(self) -> list[str]:
        return [extension for name in self.kinds for extension in KINDS[name].extensions]

    def allowed(self, conjunction: str = "") -> str:
        """The kinds in the active language: "PDF, Word (docx) og PNG"."""
        return _listed([str(KINDS[name].short) for name in self.kinds], conjunction or _("og"))

    def help_text(self):
        """For the field's help text (lazy): "PDF, Word (docx) eller PNG. Højst 10 MB." """
        return lazy(self._help_text, str)()

    def _help_text(self) -> str:
        return _("%(allowed)s. Højst %(size)d MB.") % {
            "allowed": self.allowed(_("eller")),
            "size": self.max_megabytes,
        }

    def __call__(self, file) -> None:
        extension = extension_of(file.name)
        if extension not in self.extensions:
            raise ValidationError(
                _("Filtypen »%(extension)s« er ikke tilladt. Du kan uploade %(allowed)s.")
                if extension
                else _("Filen har ingen filtype i navnet (fx .pdf). Du kan uploade %(allowed)s."),
                code="invalid_extension",
                params={"extension": extension, "allowed": self.allowed()},
            )
        if file.size > self.max_megabytes * MEGABYTE:
            raise ValidationError(
                _("Filen er for stor. En fil må højst fylde %(max)d MB. Denne fylder %(size)s."),
                code="file_too_large",
                params={"size": filesizeformat(file.size), "max": self.max_megabytes},
            )
        if extension not in _content_extensions(file):
            raise ValidationError(
                _(
                    "Filens indhold passer ikke til filtypen »%(extension)s«. Er filen "
                    "beskadiget, eller har den fået et forkert navn?"
                ),
                code="invalid_content",
                params={"extension": extension},
            )


def _content_extensions(file) -> set[str]:
    """The extensions the file's first bytes fit, by puremagic's signatures."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        matches = puremagic.magic_stream(file, file.name)
    except (puremagic.PureError, ValueError):  # no signature matches, or no content at all
        matches = []
    finally:
        file.seek(position)
    found = {match.extension.lower().lstrip(".") for match in matches}
    # JPEG files are .jpg or .jpeg: the same kind.
    for kind in KINDS.values():
        if found & set(kind.extensions):
            found |= set(kind.extensions)
    return found


# Several files in one input -------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files in one input, as a list; the form checks each with a FileValidator
    (their number and size together are the form's to limit)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [file for file in data if file]
        return [data] if data else []


# Serving private files ----------------------------------------------------------------------

# Sent for every private file served, with `user`, `filename` and `about`: the privacy app
# writes it to its log (portal.privacy.extensions), which the files' own code cannot import.
file_served = Signal()


def serve_private_file(request, *, file, filename: str, about: str, inline: bool = False):
    """A private upload (never under a public URL) as a download, and a record of who opened it.

    The caller has checked the permission. Each access is written to the privacy log (GDPR art.
    5(2): the municipality can show who has seen an applicant's business plan). `about` names
    what the file belongs to, e.g. the case reference.
    """
    from django.http import FileResponse

    file_served.send(
        sender=serve_private_file,
        user=request.user if request.user.is_authenticated else None,
        filename=filename,
        about=about,
    )
    response = FileResponse(file.open("rb"), as_attachment=not inline, filename=filename)
    # Never let the browser guess another type (a "PDF" that is HTML) or cache it.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
