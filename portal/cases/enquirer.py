"""The enquirer's side of the conversation: an answer from their status page `/sag/<token>/`.

The answer lands in the case's journal (shown to the enquirer too, as their own message), its
files are kept privately with the case, a case that waited for the enquirer goes back to the
caseworker, and the admin home counts it as new until a caseworker works on the case.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.cases.models import Case, CaseAttachment, CaseEvent
from portal.cases.services import _lock, change_status


def may_answer(case: Case) -> bool:
    """An answer is taken while the case is open and not anonymised."""
    return case.status != Case.Status.CLOSED and case.anonymised_at is None


@transaction.atomic
def receive_answer(*, case: Case, text: str, files: list[UploadedFile] = ()) -> CaseEvent:
    """Store the enquirer's answer and its (already validated) files; all or nothing.

    Raises ValidationError when the case no longer takes answers (closed meanwhile).
    """
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
        CaseAttachment.objects.create(
            case=locked, event=event, file=upload, original_name=upload.name, size=upload.size
        )
    Case.objects.filter(pk=locked.pk).update(enquirer_replied_at=now)
    case.enquirer_replied_at = now
    if locked.status == Case.Status.WAITING:
        # The next move is the municipality's again.
        change_status(
            case=case,
            to=Case.Status.IN_PROGRESS,
            by=None,
            message=_("Henvenderen har svaret."),
            share_with_enquirer=False,
        )
    return event
