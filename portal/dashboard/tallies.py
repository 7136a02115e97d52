"""Anonymous day counts: how often an article is read or the self-check taken.

Counted on the server, without a cookie or anything that tells one visitor from another, so it
needs no consent; a reload counts again, and crawlers, link previews and staff are left out.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from portal.dashboard.models import Tally

_NOT_READERS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "preview",
    "externalhit",
    "whatsapp",
    "fetch",
    "monitor",
    "curl",
    "wget",
)


def tally(name: str, key: str = "", *, day: date | None = None) -> None:
    """One more `name` (for `key`) today: an UPDATE, or the day's first row."""
    day = day or timezone.localdate()
    rows = Tally.objects.filter(name=name, key=key[:100], day=day)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            Tally.objects.create(name=name, key=key[:100], day=day, count=1)
    except IntegrityError:  # another request made the day's row first
        rows.update(count=F("count") + 1)


def is_reader(request: HttpRequest) -> bool:
    """A person reading the page: a GET, not a prefetch, not staff, not a known robot."""
    if request.method != "GET":
        return False
    if (
        request.headers.get("Sec-Purpose", "").startswith("prefetch")
        or request.headers.get("Purpose") == "prefetch"
    ):
        return False
    if getattr(request, "user", None) is not None and request.user.is_staff:
        return False
    agent = request.headers.get("User-Agent", "").lower()
    return bool(agent) and not any(word in agent for word in _NOT_READERS)


def count_visit(request: HttpRequest, name: str, key: str = "") -> None:
    if is_reader(request):
        tally(name, key)
