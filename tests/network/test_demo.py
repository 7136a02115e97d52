"""The demo has network meetings as the issue describes them: three coming in Haderslev (two
seats left, full with a waiting list, open) and two past with attendance marked; beside them,
two years of past meetings for the dashboard (network/demo_history.py)."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from network.demo import DEMO_MEETINGS
from network.demo_history import MEETINGS as HISTORY_MEETINGS
from network.models import MEETING_KIND, Meeting
from portal.notifications.models import OutboxMessage
from portal.registrations.admin_seats import with_seat_counts
from portal.registrations.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo")


def _meetings():
    """The demo's own meetings, without the history's."""
    return list(
        with_seat_counts(
            Meeting.objects.select_related("occasion", "contact_person").filter(
                occasion__title__in=[meeting["title"] for meeting in DEMO_MEETINGS]
            )
        ).order_by("occasion__starts_at")
    )


def test_the_demo_has_three_coming_meetings_in_haderslev_and_two_past(demo):
    now = timezone.now()
    meetings = _meetings()
    coming = [m for m in meetings if m.occasion.starts_at > now]
    past = [m for m in meetings if m.occasion.ends_at < now]

    assert (len(coming), len(past)) == (3, 2)
    assert all("6100 Haderslev" in m.occasion.address for m in meetings)
    assert all(m.occasion.published and len(m.agenda_items) >= 3 for m in meetings)
    left = sorted(m.occasion.capacity - m.seats_taken for m in coming)
    assert left[:2] == [0, 2]
    full = next(m for m in coming if m.seats_taken == m.occasion.capacity)
    assert full.seats_waiting > 0
    assert left[2] > 3  # the open one


def test_the_past_meetings_have_attendance_and_nobody_waiting(demo):
    now = timezone.now()
    for meeting in (m for m in _meetings() if m.occasion.ends_at < now):
        statuses = Counter(meeting.occasion.registrations.values_list("status", flat=True))
        assert set(statuses) == {Registration.Status.ATTENDED, Registration.Status.NO_SHOW}
        assert statuses[Registration.Status.ATTENDED] > statuses[Registration.Status.NO_SHOW]
        # No confirmation for a meeting that is over waits in the outbox.
        emails = meeting.occasion.registrations.values("email")
        assert not OutboxMessage.objects.filter(
            to__in=emails, subject__contains=meeting.occasion.title
        ).exists()


def test_the_registrations_come_from_the_demo_companies_and_seats_were_taken_by_register(demo):
    registrations = Registration.objects.filter(occasion__kind=MEETING_KIND).select_related(
        "company"
    )

    assert registrations.count() > 20
    assert all(r.company is not None and r.company_name == r.company.name for r in registrations)
    # register() mailed each party its confirmation or waiting-list e-mail.
    assert OutboxMessage.objects.filter(to__in=registrations.values("email")).exists()
    assert registrations.filter(status=Registration.Status.WAITING, waiting_since__isnull=False)


def test_the_contact_person_is_the_demo_caseworker_who_can_sign_in(demo, client):
    assert {m.contact_person.username for m in _meetings()} == {"sagsbehandler"}
    assert client.login(username="sagsbehandler", password="socialokonomi-demo")
    meeting = _meetings()[-1]

    response = client.get(f"/admin/network/meeting/{meeting.pk}/change/")

    assert response.status_code == 200
    assert meeting.occasion.title in response.content.decode()


def test_loading_the_demo_again_adds_nothing(demo, settings):
    counts = (Meeting.objects.count(), Registration.objects.count(), OutboxMessage.objects.count())

    call_command("load_demo")

    assert counts[0] == 5 + len(HISTORY_MEETINGS)
    assert (
        Meeting.objects.count(),
        Registration.objects.count(),
        OutboxMessage.objects.count(),
    ) == counts
