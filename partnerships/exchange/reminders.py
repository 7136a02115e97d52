"""A few days before a listing's last day, the poster is told, with the link to extend it.

A worker job (portal.notifications.jobs) every hour. Which listings were told is read from the
outbox (a message about the listing, with the reminder's subject, since the reminder window
opened), so an extended and re-approved listing is reminded again before its new last day.
A field on Listing ("reminded for which last day") would say it more plainly; see the report.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation

from partnerships.exchange.services import email_context
from partnerships.models import Listing
from portal.notifications.models import OutboxMessage
from portal.notifications.services import queue_email, render_email

REMINDER_DAYS = 3
TEMPLATE = "partnerships/exchange/email/expiring"


@transaction.atomic
def send_expiry_reminders(*, today: datetime.date | None = None) -> int:
    """Queue the reminder to each public listing's poster whose last day is within
    REMINDER_DAYS and who has not had it; how many were queued."""
    today = today or timezone.localdate()
    due = (
        Listing.objects.public(on=today)
        .filter(valid_until__lte=today + datetime.timedelta(days=REMINDER_DAYS))
        .select_related("contact")
        .order_by("valid_until", "pk")
    )
    listing_type = ContentType.objects.get_for_model(Listing)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for listing in due:
            context = email_context(listing)
            subject, _body, _html = render_email(TEMPLATE, context)
            window_opened = listing.valid_until - datetime.timedelta(days=REMINDER_DAYS + 1)
            told = OutboxMessage.objects.filter(
                about_type=listing_type,
                about_id=listing.pk,
                subject=subject,
                created_at__date__gte=window_opened,
            ).exists()
            if told:
                continue
            queue_email(
                to=listing.contact.email,
                template=TEMPLATE,
                context=context,
                about=listing,
            )
            sent += 1
    return sent
