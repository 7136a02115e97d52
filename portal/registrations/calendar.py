"""Calendar entries (.ics) for occasions: the attachment in the e-mails, the download on the
registration page and the feeds apps publish (network's /netvaerk/moeder.ics).

Each occasion is one VEVENT with a stable UID and its SEQUENCE, so a calendar that has the entry
updates it when the time or place changes (or marks it cancelled) instead of adding a second.
Times are written in Europe/Copenhagen with the VTIMEZONE that says what that means.
"""

from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from portal.registrations.models import Occasion

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
PRODID = "-//Socialøkonomi-portalen//Tilmeldinger//DA"


def occasion_uid(occasion: Occasion) -> str:
    """The same for the occasion's whole life: what lets a calendar update its entry."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"occasion-{occasion.pk}@{host}"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def occasion_event(occasion: Occasion, *, description: str = "", cancelled: bool = False) -> Event:
    """`cancelled`: this one person's copy is cancelled (the occasion itself may not be)."""
    cancelled = cancelled or occasion.is_cancelled
    event = Event()
    event.add("uid", occasion_uid(occasion))
    # A person's own cancellation is one version on from the entry they have.
    event.add("sequence", occasion.sequence + (1 if cancelled and not occasion.is_cancelled else 0))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", occasion.updated_at or timezone.now())
    event.add("dtstart", occasion.starts_at.astimezone(COPENHAGEN))
    event.add("dtend", occasion.ends_at.astimezone(COPENHAGEN))
    event.add("summary", occasion.title)
    location = ", ".join(part for part in (occasion.address, occasion.online_url) if part)
    if location:
        event.add("location", location)
    url = absolute(occasion.get_absolute_url())
    event.add("url", url)
    event.add("description", "\n\n".join(part for part in (description, url) if part))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def occasion_calendar(
    occasions: Iterable[Occasion], *, name: str, description: str = "", cancelled: bool = False
) -> bytes:
    """An .ics calendar of `occasions` (cancelled ones are in it, marked as cancelled)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    for occasion in occasions:
        calendar.add_component(
            occasion_event(occasion, description=description, cancelled=cancelled)
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(content: bytes, *, filename: str, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
