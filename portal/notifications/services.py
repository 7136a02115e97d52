"""The e-mail outbox: queue in the caller's transaction, send from the worker.

A message is written with whatever caused it (a case, a registration), so a rolled-back
submission sends nothing and a committed one always has its e-mail, also when the mail server
is down. Sending never happens while a row lock is held: a short transaction claims due rows
(status "sending"), the SMTP conversation happens outside any transaction, and a second short
write records the outcome. A claim older than CLAIM_TIMEOUT belongs to a worker that died and
is taken again, so delivery is at least once.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notifications.models import OutboxMessage
from portal.notifications.signals import message_sent

logger = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 8
CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=4)


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
    case=None,
) -> OutboxMessage:
    """Write an e-mail to the outbox in the current transaction; the worker sends it.

    Give either `template` (rendered now, in the active language, see `render_email`) or
    `subject` and `body`.
    """
    if template:
        subject, body, html_body = render_email(template, context or {})
    if not (to and subject and body):
        raise ValidationError(_("En e-mail skal have modtager, emne og tekst."))
    return OutboxMessage.objects.create(
        to=to, subject=subject, body=body, html_body=html_body, case=case
    )


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd, 4th … failed attempt, at most 4 hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _max_attempts() -> int:
    return getattr(settings, "NOTIFICATIONS_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)


def _due(now: datetime) -> Q:
    queued = Q(status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now)
    abandoned = Q(status=OutboxMessage.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
    return queued | abandoned


def claim_due_messages(*, batch_size: int, now: datetime) -> list[OutboxMessage]:
    """Mark up to `batch_size` due messages as being sent by this worker, and return them.

    On PostgreSQL rows another worker has locked are skipped. Each row is also claimed with a
    conditional UPDATE, so a backend without row locks (SQLite) never hands one message to two
    workers either.
    """
    with transaction.atomic():
        due = OutboxMessage.objects.filter(_due(now)).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        else:
            due = due.select_for_update()
        candidates = list(due.values_list("pk", flat=True)[:batch_size])
        claimed = [
            pk
            for pk in candidates
            if OutboxMessage.objects.filter(_due(now), pk=pk).update(
                status=OutboxMessage.Status.SENDING,
                claimed_at=now,
                attempts=F("attempts") + 1,
            )
        ]
    return list(OutboxMessage.objects.filter(pk__in=claimed).order_by("next_attempt_at", "pk"))


def _deliver(message: OutboxMessage, mail_connection) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        connection=mail_connection,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    if email.send() != 1:
        raise RuntimeError("the e-mail backend sent nothing")


def _record_failure(message: OutboxMessage, error: Exception, now: datetime) -> None:
    error_text = f"{type(error).__name__}: {error}"[:2000]
    gave_up = message.attempts >= _max_attempts()
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.SENDING).update(
        status=OutboxMessage.Status.FAILED if gave_up else OutboxMessage.Status.QUEUED,
        next_attempt_at=now + backoff(message.attempts),
        claimed_at=None,
        last_error=error_text,
    )
    if gave_up:
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


def send_due_messages(*, batch_size: int = 50, now: datetime | None = None) -> int:
    """Send the e-mails that are due; the number sent. Safe to run in several workers at once."""
    now = now or timezone.now()
    messages = claim_due_messages(batch_size=batch_size, now=now)
    if not messages:
        return 0
    sent = 0
    mail_connection = get_connection()
    for message in messages:
        try:
            _deliver(message, mail_connection)
        except Exception as error:  # noqa: BLE001 - any failure means: try again later
            _record_failure(message, error, now)
            continue
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.SENT, sent_at=now, claimed_at=None, last_error=""
        )
        message.status, message.sent_at = OutboxMessage.Status.SENT, now
        message_sent.send(sender=OutboxMessage, message=message)
        sent += 1
    return sent


def retry_message(*, message: OutboxMessage) -> OutboxMessage:
    """Put a failed message back in the queue with a fresh set of attempts (staff action)."""
    if message.status != OutboxMessage.Status.FAILED:
        raise ValidationError(_("Kun e-mails, der er fejlet, kan sendes igen."))
    message.status = OutboxMessage.Status.QUEUED
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["status", "attempts", "next_attempt_at"])
    return message
