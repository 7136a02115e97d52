"""Reads for the public course pages and the overview.

Every list reads `Occasion` rows of the course kind, annotated with `with_seat_counts()` and
joined to their session and course in the same query, so `availability()` reads the
annotations: a list of 3 courses and one of 30 cost the same number of queries.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepreneurs.models import COURSE_KIND, Course, CourseSession
from portal.registrations.models import Occasion
from portal.registrations.selectors import Availability, availability
from portal.search import SearchHit, highlight_snippet, search_terms


@dataclass(frozen=True)
class SessionItem:
    """One course session as the pages show it: its course, its occasion, its seats now."""

    course: Course
    session: CourseSession
    occasion: Occasion
    availability: Availability


@dataclass(frozen=True)
class CourseItem:
    course: Course
    sessions: list[SessionItem]


def session_occasions() -> QuerySet[Occasion]:
    """Published sessions of published courses, with their seat counts, session and course."""
    return (
        Occasion.objects.published()
        .filter(kind=COURSE_KIND, course_session__course__published=True)
        .select_related("course_session", "course_session__course")
        .with_seat_counts()
    )


def _items(occasions, now: datetime.datetime) -> list[SessionItem]:
    return [
        SessionItem(
            course=occasion.course_session.course,
            session=occasion.course_session,
            occasion=occasion,
            availability=availability(occasion, now=now),
        )
        for occasion in occasions
    ]


def coming_sessions(*, course: Course | None = None, now=None) -> list[SessionItem]:
    """Published sessions that have not ended, soonest first (cancelled ones too)."""
    now = now or timezone.now()
    occasions = session_occasions().coming(now).order_by("starts_at", "pk")
    if course is not None:
        occasions = occasions.filter(course_session__course=course)
    return _items(occasions, now)


def next_sessions(*, limit: int = 3, now=None) -> list[SessionItem]:
    """The next sessions that are not cancelled (the overview page's)."""
    now = now or timezone.now()
    occasions = (
        session_occasions()
        .coming(now)
        .filter(cancelled_at__isnull=True)
        .order_by("starts_at", "pk")[:limit]
    )
    return _items(occasions, now)


def published_courses(*, now=None) -> list[CourseItem]:
    """Every published course, by title, with its coming sessions: two queries in all."""
    now = now or timezone.now()
    by_course = defaultdict(list)
    for item in coming_sessions(now=now):
        by_course[item.course.pk].append(item)
    return [
        CourseItem(course=course, sessions=by_course[course.pk])
        for course in Course.objects.published()
    ]


def course_for_page(slug: str) -> Course:
    """A published course (Course.DoesNotExist)."""
    return Course.objects.published().get(slug=slug)


def session_for_enrolment(course: Course, pk: int) -> Occasion:
    """A coming session of this course, with its seat counts (Occasion.DoesNotExist)."""
    return session_occasions().filter(course_session__course=course).get(pk=pk)


SEARCH_CACHE_KEY = "entrepreneurs:search-courses"
SEARCH_CACHE_SECONDS = 60


def _searchable_courses() -> list[Course]:
    return list(Course.objects.published().order_by("title", "pk"))


def search_course_hits(query: str, limit: int) -> list[SearchHit]:
    """The portal search's provider for courses: every word in the title, the summary, the
    description, the audience or what you learn.

    The courses are few (a handful a year): they are read once a minute and searched here, so
    the search page costs no query for them."""
    terms = [term.casefold() for term in search_terms(query)]
    if not terms:
        return []
    courses = cache.get_or_set(SEARCH_CACHE_KEY, _searchable_courses, SEARCH_CACHE_SECONDS)
    hits = []
    for course in courses:
        text = " ".join(
            (course.title, course.summary, course.description, course.audience, course.outcomes)
        ).casefold()
        if not all(term in text for term in terms):
            continue
        hits.append(
            SearchHit(
                title=course.title,
                url=course.get_absolute_url(),
                snippet_html=highlight_snippet(
                    f"{course.summary} {course.description}", search_terms(query)
                ),
                kind_label=_("Iværksætterkursus"),
            )
        )
    return hits[:limit]
