"""Writes to course sessions. The seats, time and place are the Occasion's, so every write that
touches them goes through portal.registrations.services (which locks the occasion, checks the
seats and mails the people enrolled); the session's own fields are written here, in the same
transaction: a refusal from either writes nothing.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from entrepreneurs.models import COURSE_KIND, Course, CourseSession
from portal.registrations import services as registrations

# The fields of a session that live on its Occasion (the rest are CourseSession's own).
OCCASION_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "registration_deadline",
    "capacity",
    "address",
    "online_url",
    "published",
)
SESSION_FIELDS = ("course", "schedule")


def _save_session(session: CourseSession, *, by: AbstractBaseUser | None) -> CourseSession:
    session.full_clean(exclude=["occasion"])
    session._history_user = by
    session.save()
    return session


@transaction.atomic
def create_session(
    *,
    course: Course,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    registration_deadline: datetime.datetime,
    capacity: int,
    address: str = "",
    online_url: str = "",
    published: bool = False,
    schedule: str = "",
    by: AbstractBaseUser | None = None,
) -> CourseSession:
    """A new session and its occasion (one seat per enrolment); ValidationError (Danish)."""
    occasion = registrations.create_occasion(
        kind=COURSE_KIND,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        registration_deadline=registration_deadline,
        capacity=capacity,
        max_seats_per_registration=1,
        address=address,
        online_url=online_url,
        published=published,
        by=by,
    )
    return _save_session(CourseSession(occasion=occasion, course=course, schedule=schedule), by=by)


def update_session(
    *, session: CourseSession, by: AbstractBaseUser | None, **changes
) -> CourseSession:
    """Change any of OCCASION_FIELDS and SESSION_FIELDS; a new time or place is mailed to
    everyone enrolled (portal.registrations.services.update_occasion_and_details)."""
    return registrations.update_occasion_and_details(
        details=session,
        occasion_fields=OCCASION_FIELDS,
        detail_fields=SESSION_FIELDS,
        save_details=_save_session,
        by=by,
        **changes,
    )


@transaction.atomic
def copy_session(
    *, session: CourseSession, starts_at: datetime.datetime, by: AbstractBaseUser | None
) -> CourseSession:
    """The same session on a new date: unpublished, with no enrolments."""
    occasion = registrations.copy_occasion(occasion=session.occasion, starts_at=starts_at, by=by)
    # The schedule names the old dates: the caseworker writes the new ones.
    copy = CourseSession(occasion=occasion, course=session.course, schedule="")
    return _save_session(copy, by=by)
