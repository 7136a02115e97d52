"""The e-mail outbox: queue in the caller's transaction, send from the worker.

A message is written with whatever caused it (a case, a registration), so a rolled-back
submission sends nothing and a committed one always has its e-mail, also when the mail server
is down. Sending never happens while a row lock is held: a short transaction claims due rows
(status "sending", `claimed_by` this worker's pass), the SMTP conversation happens outside any
transaction, and a second short write records the outcome, only if the claim is still this
pass's own. A claim older than CLAIM_TIMEOUT belongs to a worker that died and is taken again,
so delivery is at least once. The mail server connection times out after
NOTIFICATIONS_SMTP_TIMEOUT seconds, well below CLAIM_TIMEOUT, and each message's claim is
renewed just before it is sent, so a slow mail server cannot let a second worker take a message
the first is still sending.
"""

import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Model, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notifications.models import OutboxMessage
from portal.notifications.signals import message_sent
from portal.pages.models import SiteSettings

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=4)


@dataclass(frozen=True)
class Attachment:
    """A file sent with an e-mail: text (an .ics invitation) or a file in the default storage.

    Text travels in the outbox row; a binary file (a decision letter's PDF) is named by
    `stored_file`, its name in the default storage, and read by the worker when it sends.
    """

    filename: str
    mimetype: str
    content: str = ""
    stored_file: str = ""

    def as_json(self) -> dict:
        if self.stored_file:
            return {
                "filename": self.filename,
                "mimetype": self.mimetype,
                "stored_file": self.stored_file,
            }
        return {"filename": self.filename, "mimetype": self.mimetype, "content": self.content}


def render_email(template: str, context: dict) -> tuple[str, str, str]:
    """Subject, plain text and (optional) HTML from `<template>_subject.txt`, `.txt`, `.html`."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context).strip() + "\n"
    try:
        html_body = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        html_body = ""
    return subject, body, html_body


def queue_email(
    *,
    to: str,
    subject: str = "",
    body: str = "",
    html_body: str = "",
    template: str = "",
    context: dict | None = None,
    about: Model | None = None,
    attachments: list[Attachment] | None = None,
) -> OutboxMessage:
    """Write an e-mail to the outbox in the current transaction; the worker sends it.

    Give either `template` (rendered now, in the active language, see `render_email`) or
    `subject` and `body`. `about` is what the message concerns (a case, a registration …), so
    that its page can list it with `selectors.messages_about()`. `attachments` are text files
    (a calendar invitation) sent with it. Sender and Reply-To are the site settings' now (see
    `sender()`): a resend after a failure keeps them, a later change of the settings does not.
    """
    if template:
        subject, body, html_body = render_email(template, context or {})
    if not (to and subject and body):
        raise ValidationError(_("En e-mail skal have modtager, emne og tekst."))
    from_email, reply_to = sender()
    message = OutboxMessage(
        to=to,
        from_email=from_email,
        reply_to=reply_to,
        subject=subject,
        body=body,
        html_body=html_body,
        attachments=[attachment.as_json() for attachment in attachments or []],
    )
    if about is not None:
        if about.pk is None:
            raise ValueError("an e-mail can only be about a saved object")
        message.about_type = ContentType.objects.get_for_model(about)
        message.about_id = about.pk
    message.save()
    return message


def sender() -> tuple[str, str]:
    """From ("Name <address>", or "" for DEFAULT_FROM_EMAIL) and Reply-To ("" for none), as the
    site settings say now: SiteSettings.load() is cached, so this costs no query per message."""
    site = SiteSettings.load()
    if not site.sender_email:
        return "", site.reply_to_email
    # One line: a line break in a header would be refused when sending.
    name = " ".join((site.sender_name or site.municipality_name).split())
    from_email = str(Address(display_name=name, addr_spec=site.sender_email))
    if len(from_email) > OutboxMessage._meta.get_field("from_email").max_length:
        from_email = site.sender_email
    return from_email, site.reply_to_email


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd, 4th … failed attempt, at most 4 hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def new_worker_id() -> str:
    """Names one worker's pass: host and process for staff reading the outbox, and a nonce."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _due(now: datetime) -> Q:
    queued = Q(status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now)
    abandoned = Q(status=OutboxMessage.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
    return queued | abandoned


def _claimed_by(worker: str) -> Q:
    return Q(status=OutboxMessage.Status.SENDING, claimed_by=worker)


def claim_message(*, pk: int, worker: str, now: datetime) -> bool:
    """Claim one message for `worker` if it is still due; whether this worker got it.

    The UPDATE carries the condition, so of two workers claiming the same row only the first
    changes it (the second's UPDATE matches no row), whatever the database's locking.
    """
    return bool(
        OutboxMessage.objects.filter(_due(now), pk=pk).update(
            status=OutboxMessage.Status.SENDING,
            claimed_at=now,
            claimed_by=worker,
            attempts=F("attempts") + 1,
        )
    )


def claim_due_messages(
    *, batch_size: int, now: datetime, worker: str | None = None
) -> list[OutboxMessage]:
    """Mark up to `batch_size` due messages as being sent by `worker`, and return them.

    On PostgreSQL rows another worker has locked are skipped; each row is then claimed with
    claim_message(), so a backend without row locks (SQLite) never hands one message to two
    workers either.
    """
    worker = worker or new_worker_id()
    with transaction.atomic():
        due = OutboxMessage.objects.filter(_due(now)).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        else:
            due = due.select_for_update()
        candidates = list(due.values_list("pk", flat=True)[:batch_size])
        claimed = [pk for pk in candidates if claim_message(pk=pk, worker=worker, now=now)]
    return list(OutboxMessage.objects.filter(pk__in=claimed).order_by("next_attempt_at", "pk"))


class StopSending(BaseException):
    """Raised by Shutdown.request() into a mail conversation that is under way.

    A BaseException, so the `except Exception` that counts a failed attempt lets it through.
    """


class Shutdown:
    """The worker's stop request, set from its SIGTERM handler.

    Between messages the sender checks `requested`. While a mail server conversation is under
    way (inside `interruptible()`), request() also closes the connection's socket and raises
    StopSending, so a hanging mail server cannot hold the worker until the socket times out.
    """

    def __init__(self) -> None:
        self.requested = False
        self._abort: Callable[[], None] | None = None

    def request(self) -> None:
        self.requested = True
        abort, self._abort = self._abort, None
        if abort is not None:
            abort()
            raise StopSending

    @contextmanager
    def interruptible(self, abort: Callable[[], None]) -> Iterator[None]:
        self._abort = abort
        try:
            yield
        finally:
            self._abort = None


def mail_connection():
    """The configured e-mail backend, with the mail server timeout the worker relies on."""
    return get_connection(timeout=settings.NOTIFICATIONS_SMTP_TIMEOUT)


def _close_socket(backend) -> None:
    """Cut an SMTP connection without a word to the server, so nothing waits for its answer."""
    sock = getattr(getattr(backend, "connection", None), "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _deliver(message: OutboxMessage, backend) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        connection=backend,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for attachment in message.attachments:
        if attachment.get("stored_file"):
            with default_storage.open(attachment["stored_file"], "rb") as stored:
                content = stored.read()
        else:
            content = attachment["content"]
        email.attach(attachment["filename"], content, attachment["mimetype"])
    if email.send() != 1:
        raise RuntimeError("the e-mail backend sent nothing")


def _renew_claim(message: OutboxMessage, worker: str, now: datetime) -> bool:
    """Restart the claim's clock just before sending; False if another worker has taken it."""
    return bool(
        OutboxMessage.objects.filter(_claimed_by(worker), pk=message.pk).update(claimed_at=now)
    )


def _record_sent(message: OutboxMessage, worker: str, now: datetime) -> bool:
    recorded = OutboxMessage.objects.filter(_claimed_by(worker), pk=message.pk).update(
        status=OutboxMessage.Status.SENT,
        sent_at=now,
        claimed_at=None,
        claimed_by="",
        last_error="",
    )
    if not recorded:
        # The mail server took it, but too late: another worker holds the claim now and its
        # outcome is the one recorded (the recipient may get the e-mail twice).
        logger.warning(
            "E-mail %s to %s was sent after its claim passed to another worker; not recorded",
            message.pk,
            message.to,
        )
        return False
    message.status, message.sent_at = OutboxMessage.Status.SENT, now
    message_sent.send(sender=OutboxMessage, message=message)
    return True


def _record_failure(message: OutboxMessage, error: Exception, worker: str, now: datetime) -> None:
    error_text = f"{type(error).__name__}: {error}"[:2000]
    gave_up = message.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    recorded = OutboxMessage.objects.filter(_claimed_by(worker), pk=message.pk).update(
        status=OutboxMessage.Status.FAILED if gave_up else OutboxMessage.Status.QUEUED,
        next_attempt_at=now + backoff(message.attempts),
        claimed_at=None,
        claimed_by="",
        last_error=error_text,
    )
    if not recorded:
        logger.warning(
            "E-mail %s to %s failed after its claim passed to another worker: %s",
            message.pk,
            message.to,
            error_text,
        )
    elif gave_up:
        logger.error(
            "E-mail %s to %s failed after %d attempts: %s",
            message.pk,
            message.to,
            message.attempts,
            error_text,
        )
    else:
        logger.warning(
            "E-mail %s to %s failed (attempt %d), retrying: %s",
            message.pk,
            message.to,
            message.attempts,
            error_text,
        )


def _release(messages: list[OutboxMessage], worker: str) -> None:
    """Give back claims a stopping worker did not finish: due again, the attempt not counted."""
    OutboxMessage.objects.filter(_claimed_by(worker), pk__in=[m.pk for m in messages]).update(
        status=OutboxMessage.Status.QUEUED,
        claimed_at=None,
        claimed_by="",
        attempts=F("attempts") - 1,
    )


def send_due_messages(
    *, batch_size: int = 50, now: datetime | None = None, shutdown: Shutdown | None = None
) -> int:
    """Send the e-mails that are due; the number sent. Safe to run in several workers at once.

    With `shutdown` (the worker's), a stop request ends the pass after the message being sent,
    or at once if the mail server hangs; the messages not sent are due again for the next worker.
    """
    clock: Callable[[], datetime] = (lambda: now) if now else timezone.now
    shutdown = shutdown or Shutdown()
    worker = new_worker_id()
    pending = claim_due_messages(batch_size=batch_size, now=clock(), worker=worker)
    if not pending:
        return 0
    sent = 0
    outgoing = mail_connection()
    try:
        while pending and not shutdown.requested:
            message = pending[0]
            if not _renew_claim(message, worker, clock()):
                pending.pop(0)
                continue
            try:
                with shutdown.interruptible(abort=lambda: _close_socket(outgoing)):
                    _deliver(message, outgoing)
            except Exception as error:  # noqa: BLE001 - any failure means: try again later
                pending.pop(0)
                _record_failure(message, error, worker, clock())
                continue
            pending.pop(0)
            if _record_sent(message, worker, clock()):
                sent += 1
    except StopSending:
        logger.info("Stopped while sending e-mail %s; it will be sent again", pending[0].pk)
    finally:
        if pending:
            _release(pending, worker)
    return sent


def retry_message(*, message: OutboxMessage) -> OutboxMessage:
    """Put a failed message back in the queue with a fresh set of attempts (staff action)."""
    retried = OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.FAILED
    ).update(
        status=OutboxMessage.Status.QUEUED,
        attempts=0,
        next_attempt_at=timezone.now(),
        claimed_at=None,
        claimed_by="",
    )
    if not retried:
        raise ValidationError(_("Kun e-mails, der er fejlet, kan sendes igen."))
    message.refresh_from_db()
    return message
