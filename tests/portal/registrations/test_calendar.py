"""The calendar entry: the invitation in the e-mails and the download on the registration page."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from portal.registrations import calendar, services
from tests.factories import OccasionFactory
from tests.portal.registrations.helpers import event_of, invitation, mails_to, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("occasion_kind")]


def test_the_confirmation_invitation_is_in_copenhagen_time_with_place_and_a_stable_uid():
    occasion = OccasionFactory(title="Temadag om partnerskaber")
    registration = sign_up(occasion, 1)

    event = invitation(mails_to(registration.email)[0])

    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert start.tzinfo.key == "Europe/Copenhagen"
    assert end.tzinfo.key == "Europe/Copenhagen"
    assert (start, end) == (occasion.starts_at, occasion.ends_at)
    assert start.hour == 9  # the factory's 9.00 local time, not UTC
    assert str(event["LOCATION"]) == "Rådhuset, Gåskærgade 26, 6100 Haderslev"
    assert str(event["SUMMARY"]) == "Temadag om partnerskaber"
    assert str(event["UID"]) == calendar.occasion_uid(occasion)
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert f"/tilmelding/{registration.token}/" in str(event["DESCRIPTION"])


def test_the_download_on_the_registration_page_is_the_same_entry(client):
    occasion = OccasionFactory()
    registration = sign_up(occasion, 1)

    response = client.get(reverse("registrations:registration-ics", args=[registration.token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="invitation.ics"'
    assert "noindex" in response["X-Robots-Tag"]
    event = event_of(response.content)
    assert event["DTSTART"].dt.tzinfo.key == "Europe/Copenhagen"
    assert event["DTSTART"].dt == occasion.starts_at
    assert str(event["UID"]) == calendar.occasion_uid(occasion)


def test_the_uid_stays_and_the_sequence_rises_when_the_occasion_changes(client, caseworker):
    occasion = OccasionFactory()
    registration = sign_up(occasion, 1)
    url = reverse("registrations:registration-ics", args=[registration.token])
    before = event_of(client.get(url).content)

    services.update_occasion(
        occasion=occasion,
        by=caseworker,
        starts_at=occasion.starts_at + datetime.timedelta(hours=1),
    )
    after = event_of(client.get(url).content)

    assert str(after["UID"]) == str(before["UID"])
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after["DTSTART"].dt - before["DTSTART"].dt == datetime.timedelta(hours=1)


def test_an_online_occasion_has_its_link_as_the_place():
    occasion = OccasionFactory(address="", online_url="https://teams.example/moede")
    registration = sign_up(occasion, 1)

    event = invitation(mails_to(registration.email)[0])

    assert str(event["LOCATION"]) == "https://teams.example/moede"


def test_an_occasion_in_summer_time_is_written_in_summer_time():
    occasion = OccasionFactory(
        starts_at=datetime.datetime(2027, 6, 15, 7, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 6, 15, 10, 0, tzinfo=datetime.UTC),
        registration_deadline=datetime.datetime(2027, 6, 1, 10, 0, tzinfo=datetime.UTC),
    )

    ics = calendar.occasion_calendar([occasion], name="Møder").decode()
    event = event_of(ics)

    assert "DTSTART;TZID=Europe/Copenhagen:20270615T090000" in ics
    assert event["DTSTART"].dt.utcoffset() == datetime.timedelta(hours=2)
    assert "BEGIN:VTIMEZONE" in ics


def test_a_feed_keeps_a_cancelled_occasion_as_cancelled(caseworker):
    kept = OccasionFactory(title="Holder")
    cancelled = OccasionFactory(title="Aflyses")
    services.cancel_occasion(occasion=cancelled, reason="Sygdom", by=caseworker)

    feed = Calendar.from_ical(calendar.occasion_calendar([kept, cancelled], name="Møder"))

    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in feed.walk("VEVENT")}
    assert statuses == {"Holder": "CONFIRMED", "Aflyses": "CANCELLED"}
