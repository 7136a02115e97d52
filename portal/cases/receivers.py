from django.dispatch import receiver
from django.utils.translation import gettext as _

from portal.cases.models import CaseEvent
from portal.notifications.models import OutboxMessage
from portal.notifications.signals import message_sent


@receiver(message_sent, sender=OutboxMessage, dispatch_uid="cases-journal-email-sent")
def journal_email_sent(sender, message: OutboxMessage, **kwargs) -> None:
    """The journal records when the mail server accepted an e-mail about the case."""
    if message.case_id:
        CaseEvent.objects.create(
            case_id=message.case_id,
            kind=CaseEvent.Kind.EMAIL_SENT,
            text=_("%(subject)s (til %(to)s)") % {"subject": message.subject, "to": message.to},
        )
