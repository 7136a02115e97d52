"""Template helpers for occasions: when it is, in words, and its seat state."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.registrations.models import Occasion
from portal.registrations.selectors import Availability, availability

register = template.Library()


@register.filter
def occasion_when(occasion: Occasion) -> str:
    """ "tirsdag 12. januar 2027 kl. 9.00–12.00" (Europe/Copenhagen, the visitor's language);
    an occasion over several days gives both dates."""
    start, end = timezone.localtime(occasion.starts_at), timezone.localtime(occasion.ends_at)
    day_format = pgettext("weekday and date", "l j. F Y")
    time_format = pgettext("time of day", "G.i")
    if start.date() == end.date():
        return _("%(day)s kl. %(start)s–%(end)s") % {
            "day": date_format(start, day_format),
            "start": date_format(start, time_format),
            "end": date_format(end, time_format),
        }
    return _("%(start_day)s kl. %(start)s til %(end_day)s kl. %(end)s") % {
        "start_day": date_format(start, day_format),
        "start": date_format(start, time_format),
        "end_day": date_format(end, day_format),
        "end": date_format(end, time_format),
    }


@register.filter
def moment(value) -> str:
    """ "5. januar 2027 kl. 12.00": a deadline, in the visitor's language."""
    local = timezone.localtime(value)
    return _("%(day)s kl. %(time)s") % {
        "day": date_format(local, pgettext("date", "j. F Y")),
        "time": date_format(local, pgettext("time of day", "G.i")),
    }


@register.simple_tag
def seat_state(occasion: Occasion) -> Availability:
    """{% seat_state occasion as state %}: uses the list's seat annotations when present."""
    return availability(occasion)
