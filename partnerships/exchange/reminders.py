"""A few days before a listing's last day, the poster is told, with the link to extend it.

A worker job (portal.notifications.jobs) every hour. Each reminder is claimed first with a
conditional UPDATE of `expiry_reminded_for` (the last day it reminds about), so it goes once
also when two workers run or the job runs twice; an extended and re-approved listing has a new
last day, and is reminded again before it.
"""

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from partnerships.exchange.services import email_poster
from partnerships.models import Listing

REMINDER_DAYS = 3
TEMPLATE = "partnerships/exchange/email/expiring"


def send_expiry_reminders(*, today: datetime.date | None = None) -> int:
    """Queue the reminder to each public listing's poster whose last day is within
    REMINDER_DAYS and who has not had it; how many were queued."""
    today = today or timezone.localdate()
    not_reminded = Q(expiry_reminded_for__isnull=True) | ~Q(expiry_reminded_for=F("valid_until"))
    due = (
        Listing.objects.public(on=today)
        .filter(not_reminded, valid_until__lte=today + datetime.timedelta(days=REMINDER_DAYS))
        .select_related("contact")
        .order_by("valid_until", "pk")
    )
    sent = 0
    for listing in due:
        with transaction.atomic():
            claimed = Listing.objects.filter(
                not_reminded, pk=listing.pk, valid_until=listing.valid_until
            ).update(expiry_reminded_for=F("valid_until"))
            if claimed:
                email_poster(listing, TEMPLATE)
                sent += 1
    return sent
