"""How every admin list shows a date, and a value that must catch the eye."""

from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString


def danish_date(value: date | datetime | None) -> str:
    """ "1. december 2026": the date as Danes write it (a time's date in Copenhagen)."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return formats.date_format(value, "j. F Y")


def flagged(text: str, note: str) -> SafeString:
    """A value with a warning in words beside it (a passed deadline): red and bold by the
    admin's stylesheet, never told by colour alone."""
    return format_html('<strong class="overdue">{} ({})</strong>', text, note)
