"""Writes to network meetings. The seats, time and place are the Occasion's, so every write that
touches them goes through portal.registrations.services (which locks the occasion, checks the
seats and mails the people registered); the meeting's own fields are written here, in the same
transaction: a refusal from either writes nothing.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from network.models import MEETING_KIND, Meeting
from portal.registrations import services as registrations
from portal.registrations.models import Occasion

# The fields of a meeting that live on its Occasion (the rest are Meeting's own).
OCCASION_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "registration_deadline",
    "capacity",
    "max_seats_per_registration",
    "address",
    "online_url",
    "published",
)
MEETING_FIELDS = ("description", "agenda", "audience", "contact_person")


def _save_meeting(meeting: Meeting, *, by: AbstractBaseUser | None) -> Meeting:
    meeting.full_clean(exclude=["occasion"])
    meeting._history_user = by
    meeting.save()
    return meeting


@transaction.atomic
def create_meeting(
    *,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    registration_deadline: datetime.datetime,
    capacity: int,
    description: str,
    contact_person: AbstractBaseUser,
    max_seats_per_registration: int = 4,
    address: str = "",
    online_url: str = "",
    published: bool = False,
    agenda: str = "",
    audience: str = Meeting.Audience.EVERYONE,
    by: AbstractBaseUser | None = None,
) -> Meeting:
    """A new meeting and its occasion; ValidationError (Danish) when a rule is broken."""
    occasion = registrations.create_occasion(
        kind=MEETING_KIND,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        registration_deadline=registration_deadline,
        capacity=capacity,
        max_seats_per_registration=max_seats_per_registration,
        address=address,
        online_url=online_url,
        published=published,
        by=by,
    )
    meeting = Meeting(
        occasion=occasion,
        description=description,
        agenda=agenda,
        audience=audience,
        contact_person=contact_person,
    )
    return _save_meeting(meeting, by=by)


def update_meeting(*, meeting: Meeting, by: AbstractBaseUser | None, **changes) -> Meeting:
    """Change any of OCCASION_FIELDS and MEETING_FIELDS; a new time or place is mailed to
    everyone registered (portal.registrations.services.update_occasion_and_details)."""
    return registrations.update_occasion_and_details(
        details=meeting,
        occasion_fields=OCCASION_FIELDS,
        detail_fields=MEETING_FIELDS,
        save_details=_save_meeting,
        by=by,
        **changes,
    )


@transaction.atomic
def copy_meeting(
    *, meeting: Meeting, starts_at: datetime.datetime, by: AbstractBaseUser | None
) -> Meeting:
    """The same meeting on a new date: unpublished, with no registrations."""
    occasion: Occasion = registrations.copy_occasion(
        occasion=meeting.occasion, starts_at=starts_at, by=by
    )
    copy = Meeting(
        occasion=occasion,
        description=meeting.description,
        agenda=meeting.agenda,
        audience=meeting.audience,
        contact_person=meeting.contact_person,
    )
    return _save_meeting(copy, by=by)
