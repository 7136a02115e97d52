"""Receivers of the outbox's signals; portal/cases/extensions.py connects them."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage


def journal_email_sent(sender, message: OutboxMessage, **kwargs) -> None:
    """The journal records when the mail server accepted an e-mail about the case."""
    if message.about_id is None or message.about_type_id is None:
        return
    # The content type is cached: no query for a message about something else.
    if message.about_type_id != ContentType.objects.get_for_model(Case).pk:
        return
    CaseEvent.objects.create(
        case_id=message.about_id,
        kind=CaseEvent.Kind.EMAIL_SENT,
        text=_("%(subject)s (til %(to)s)") % {"subject": message.subject, "to": message.to},
    )
