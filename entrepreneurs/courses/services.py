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


@transaction.atomic
def update_session(
    *, session: CourseSession, by: AbstractBaseUser | None, **changes
) -> CourseSession:
    """Change any of OCCASION_FIELDS and SESSION_FIELDS.

    Only what differs reaches update_occasion(), so saving the form unchanged mails nobody; a
    new time or place is mailed to everyone enrolled (with the updated calendar entry).
    """
    unknown = set(changes) - set(OCCASION_FIELDS) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"update_session() got unknown fields: {', '.join(sorted(unknown))}")
    occasion = session.occasion
    occasion_changes = {
        name: value
        for name, value in changes.items()
        if name in OCCASION_FIELDS and getattr(occasion, name) != value
    }
    if occasion_changes:
        session.occasion = registrations.update_occasion(
            occasion=occasion, by=by, **occasion_changes
        )
    session_changes = {name: value for name, value in changes.items() if name in SESSION_FIELDS}
    if any(getattr(session, name) != value for name, value in session_changes.items()):
        for name, value in session_changes.items():
            setattr(session, name, value)
        _save_session(session, by=by)
    return session


@transaction.atomic
def copy_session(
    *, session: CourseSession, starts_at: datetime.datetime, by: AbstractBaseUser | None
) -> CourseSession:
    """The same session on a new date: unpublished, with no enrolments."""
    occasion = registrations.copy_occasion(occasion=session.occasion, starts_at=starts_at, by=by)
    # The schedule names the old dates: the caseworker writes the new ones.
    copy = CourseSession(occasion=occasion, course=session.course, schedule="")
    return _save_session(copy, by=by)
