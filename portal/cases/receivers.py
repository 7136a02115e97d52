"""Receivers of the outbox's signals; portal/cases/extensions.py connects them."""

from django.utils.translation import gettext as _

from portal.cases.models import CaseEvent
from portal.notifications.models import OutboxMessage


def journal_email_sent(sender, message: OutboxMessage, **kwargs) -> None:
    """The journal records when the mail server accepted an e-mail about the case."""
    if message.case_id:
        CaseEvent.objects.create(
            case_id=message.case_id,
            kind=CaseEvent.Kind.EMAIL_SENT,
            text=_("%(subject)s (til %(to)s)") % {"subject": message.subject, "to": message.to},
        )
