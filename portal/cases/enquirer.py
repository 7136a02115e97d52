"""The enquirer's side of the conversation: an answer from their status page `/sag/<token>/`.

The answer lands in the case's journal (shown to the enquirer too, as their own message), its
files are kept privately with the case, a case that waited for the enquirer goes back to the
caseworker, and the admin home counts it as new until a caseworker works on the case.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.cases.models import Case, CaseAttachment, CaseEvent
from portal.cases.services import bump_version, change_status, lock_case


def may_answer(case: Case) -> bool:
    """An answer is taken while the case is open and not anonymised."""
    return case.status != Case.Status.CLOSED and case.anonymised_at is None


def answer_for_submission(case: Case, submission_key: str) -> CaseEvent | None:
    """The answer an answer form with this one-time key has already stored, if any."""
    if not submission_key:
        return None
    return case.events.filter(submission_key=submission_key).first()


def receive_answer(
    *, case: Case, text: str, files: list[UploadedFile] = (), submission_key: str = ""
) -> CaseEvent:
    """Store the enquirer's answer and its (already validated) files; all or nothing.

    The files are written first, without the case's row lock: a slow disk holds up nobody
    working on the case. The lock is then held only for the journal rows. If those fail (the
    case closed meanwhile: ValidationError), nothing is stored and the files are removed again.
    Called inside a caller's transaction that later rolls back, the files would stay: call it
    on its own, as the status page does.

    The answer bumps the case's version: a case page loaded before it is stale, so a
    caseworker who acts on the case (a status, a reply, a call) sees the answer first, and the
    answer stays new until a page that showed it is saved (services.mark_enquirer_reply_seen).
    """
    if not text.strip() and not files:
        raise ValidationError(_("Skriv dit svar, eller vedhæft en fil."), code="empty")
    # The same form posted twice (a double click, a resend after a timeout): stored once.
    if existing := answer_for_submission(case, submission_key):
        return existing
    written: list[CaseAttachment] = []
    try:
        for upload in files:
            attachment = CaseAttachment(case=case, original_name=upload.name, size=upload.size)
            attachment.file.save(upload.name, upload, save=False)
            written.append(attachment)
        with transaction.atomic():
            return _journal_answer(
                case=case, text=text, attachments=written, submission_key=submission_key or None
            )
    except IntegrityError:
        # Two posts of one form at the same moment: the other one's answer is stored.
        for attachment in written:
            attachment.file.delete(save=False)
        if existing := answer_for_submission(case, submission_key):
            return existing
        raise
    except BaseException:
        # The rows went with the transaction; the files written to the storage did not.
        for attachment in written:
            attachment.file.delete(save=False)
        raise


def _journal_answer(
    *, case: Case, text: str, attachments: list[CaseAttachment], submission_key: str | None
) -> CaseEvent:
    locked = lock_case(case)
    if not may_answer(locked):
        raise ValidationError(
            _("Sagen er afsluttet, så den kan ikke længere modtage svar."), code="closed"
        )
    now = timezone.now()
    event = CaseEvent.objects.create(
        case=locked,
        kind=CaseEvent.Kind.ENQUIRER_REPLY,
        text=text.strip(),
        shared_with_enquirer=True,
        created_at=now,
        submission_key=submission_key,
    )
    for attachment in attachments:
        attachment.case, attachment.event = locked, event
    CaseAttachment.objects.bulk_create(attachments)
    locked.enquirer_replied_at = case.enquirer_replied_at = now
    bump_version(locked, case, None)
    locked.save(update_fields=["enquirer_replied_at", "version"])
    if locked.status == Case.Status.WAITING:
        # The next move is the municipality's again. The journal is the staff's: in Danish,
        # whatever language the enquirer answered in.
        with translation.override("da"):
            note = _("Henvenderen har svaret.")
        change_status(
            case=case, to=Case.Status.IN_PROGRESS, by=None, message=note, share_with_enquirer=False
        )
    return event
