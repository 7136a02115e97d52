"""Reads for the public meeting pages.

Every list is of `Occasion` rows of network's kind, annotated with `with_seat_counts()` and
joined to their Meeting (and its contact person) in the same query: a list of 3 meetings and one
of 30 cost the same number of queries, and `availability()` reads the annotations, no query.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import MEETING_KIND, Meeting
from portal.registrations.models import Occasion
from portal.registrations.selectors import Availability, availability
from portal.registrations.templatetags.seats import occasion_when
from portal.search import SearchHit, highlight_snippet, search_terms

# How far back the list of past meetings and the calendar feed reach.
PAST_PERIOD = datetime.timedelta(days=365)


@dataclass(frozen=True)
class MeetingItem:
    """One meeting as the pages show it: the meeting, its occasion and its seats right now."""

    meeting: Meeting
    occasion: Occasion
    availability: Availability


def meeting_occasions() -> QuerySet[Occasion]:
    """Published meetings' occasions with their seat counts, meeting and contact person."""
    return (
        Occasion.objects.published()
        .filter(kind=MEETING_KIND, meeting__isnull=False)
        .select_related("meeting", "meeting__contact_person")
        .with_seat_counts()
    )


def _items(occasions, now: datetime.datetime) -> list[MeetingItem]:
    return [
        MeetingItem(
            meeting=occasion.meeting,
            occasion=occasion,
            availability=availability(occasion, now=now),
        )
        for occasion in occasions
    ]


def coming_meetings(*, limit: int | None = None, now=None) -> list[MeetingItem]:
    """Published meetings that have not ended, soonest first (cancelled ones too)."""
    now = now or timezone.now()
    occasions = meeting_occasions().coming(now).order_by("starts_at", "pk")
    return _items(occasions[:limit] if limit else occasions, now)


def next_meetings(*, limit: int = 3, now=None) -> list[MeetingItem]:
    """The next published meetings that are not cancelled (the overview page's)."""
    now = now or timezone.now()
    occasions = (
        meeting_occasions()
        .coming(now)
        .filter(cancelled_at__isnull=True)
        .order_by("starts_at", "pk")[:limit]
    )
    return _items(occasions, now)


def meetings_with_seats_left(*, limit: int = 3, now=None) -> list[MeetingItem]:
    """The next meetings one can still get a seat at: open for registration, seats left."""
    now = now or timezone.now()
    return _items(_occasions_with_seats_left(limit=limit, now=now), now)


def _occasions_with_seats_left(*, limit: int, now) -> list[Occasion]:
    return list(
        meeting_occasions()
        .filter(cancelled_at__isnull=True, registration_deadline__gt=now)
        .filter(seats_taken__lt=F("capacity"))
        .order_by("starts_at", "pk")[:limit]
    )


def past_meetings(*, now=None) -> list[MeetingItem]:
    """Published meetings that ended within the last year, newest first."""
    now = now or timezone.now()
    occasions = (
        meeting_occasions()
        .past(now)
        .filter(ends_at__gte=now - PAST_PERIOD)
        .order_by("-starts_at", "-pk")
    )
    return _items(occasions, now)


def meeting_for_page(pk: int) -> Occasion:
    """The occasion of a published meeting, with its seat counts (Occasion.DoesNotExist)."""
    return meeting_occasions().get(pk=pk)


def feed_occasions(*, now=None) -> QuerySet[Occasion]:
    """The calendar feed's: published meetings, coming and of the last year, cancelled too."""
    now = now or timezone.now()
    return (
        Occasion.objects.published()
        .filter(kind=MEETING_KIND, meeting__isnull=False, ends_at__gte=now - PAST_PERIOD)
        .order_by("starts_at", "pk")
    )


# The front page is the most visited page and costs no query once warm: its meetings are read
# once a minute. The seat state it shows is recomputed on every request from what was read (a
# deadline that passes drops the meeting at once); the meeting's own page is always exact.
HOME_CACHE_KEY = "network:home-meetings"
HOME_CACHE_SECONDS = 60


def home_section_context(request) -> dict | None:
    """The front page's section (portal.pages.home): None when no meeting has seats left."""
    now = timezone.now()
    occasions = cache.get_or_set(
        HOME_CACHE_KEY,
        lambda: _occasions_with_seats_left(limit=3, now=now),
        HOME_CACHE_SECONDS,
    )
    meetings = [
        item for item in _items(occasions, now) if item.availability.state in ("open", "few")
    ]
    return {"meetings": meetings} if meetings else None


SEARCH_CACHE_KEY = "network:search-meetings"


def _searchable_occasions() -> list[Occasion]:
    return list(
        Occasion.objects.published()
        .coming()
        .filter(kind=MEETING_KIND, meeting__isnull=False, cancelled_at__isnull=True)
        .select_related("meeting")
        .order_by("starts_at", "pk")
    )


def search_meeting_hits(query: str, limit: int) -> list[SearchHit]:
    """The portal search's provider for coming meetings: every word in the title, the
    description, the agenda or the address.

    The coming meetings are few (a handful a season): they are read once a minute and searched
    here, so the search page costs no query for them (a meeting published now is found within a
    minute)."""
    terms = [term.casefold() for term in search_terms(query)]
    if not terms:
        return []
    occasions = cache.get_or_set(SEARCH_CACHE_KEY, _searchable_occasions, HOME_CACHE_SECONDS)
    now = timezone.now()
    hits = []
    for occasion in occasions:
        meeting = occasion.meeting
        text = " ".join(
            (occasion.title, meeting.description, meeting.agenda, occasion.address)
        ).casefold()
        if occasion.ends_at < now or not all(term in text for term in terms):
            continue
        hits.append(
            SearchHit(
                title=occasion.title,
                url=meeting.get_absolute_url(),
                snippet_html=highlight_snippet(
                    f"{meeting.description} {meeting.agenda}", search_terms(query)
                ),
                kind_label=_("Netværksmøde, %(when)s") % {"when": occasion_when(occasion)},
            )
        )
    return hits[:limit]
