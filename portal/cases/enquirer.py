"""The enquirer's side of the conversation: an answer from their status page `/sag/<token>/`.

The answer lands in the case's journal (shown to the enquirer too, as their own message), its
files are kept privately with the case, a case that waited for the enquirer goes back to the
caseworker, and the admin home counts it as new until a caseworker works on the case.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.cases.models import Case, CaseAttachment, CaseEvent
from portal.cases.services import _lock, change_status


def may_answer(case: Case) -> bool:
    """An answer is taken while the case is open and not anonymised."""
    return case.status != Case.Status.CLOSED and case.anonymised_at is None


def receive_answer(*, case: Case, text: str, files: list[UploadedFile] = ()) -> CaseEvent:
    """Store the enquirer's answer and its (already validated) files; all or nothing.

    Raises ValidationError when the case no longer takes answers (closed meanwhile); then
    nothing is stored, and no file is left behind in the storage either.
    """
    stored: list[CaseAttachment] = []
    try:
        with transaction.atomic():
            return _receive_answer(case=case, text=text, files=files, stored=stored)
    except BaseException:
        # The rows went with the transaction; the files it wrote to the storage did not.
        for attachment in stored:
            attachment.file.delete(save=False)
        raise


def _receive_answer(
    *, case: Case, text: str, files: list[UploadedFile], stored: list[CaseAttachment]
) -> CaseEvent:
    locked = _lock(case)
    if not may_answer(locked):
        raise ValidationError(
            _("Sagen er afsluttet, så den kan ikke længere modtage svar."), code="closed"
        )
    if not text.strip() and not files:
        raise ValidationError(_("Skriv dit svar, eller vedhæft en fil."), code="empty")
    now = timezone.now()
    event = CaseEvent.objects.create(
        case=locked,
        kind=CaseEvent.Kind.ENQUIRER_REPLY,
        text=text.strip(),
        shared_with_enquirer=True,
        created_at=now,
    )
    for upload in files:
        attachment = CaseAttachment(
            case=locked, event=event, original_name=upload.name, size=upload.size
        )
        attachment.file.save(upload.name, upload, save=False)
        stored.append(attachment)
        attachment.save()
    Case.objects.filter(pk=locked.pk).update(enquirer_replied_at=now)
    case.enquirer_replied_at = now
    if locked.status == Case.Status.WAITING:
        # The next move is the municipality's again. The journal is the staff's: in Danish,
        # whatever language the enquirer answered in.
        with translation.override("da"):
            note = _("Henvenderen har svaret.")
        change_status(
            case=case, to=Case.Status.IN_PROGRESS, by=None, message=note, share_with_enquirer=False
        )
    return event
