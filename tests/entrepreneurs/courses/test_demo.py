"""The demo has two courses with sessions in Haderslev on weekdays, one nearly full, and the
eight steps of the path; loading it again adds nothing."""

import pytest
from django.utils import timezone

from entrepreneurs.courses.demo import load_demo_courses, load_demo_path
from entrepreneurs.models import Course, CourseEnrolment, CourseSession, PathStep
from portal.registrations.admin_seats import with_seat_counts
from portal.registrations.models import Registration

pytestmark = pytest.mark.django_db


def _sessions():
    return list(with_seat_counts(CourseSession.objects.select_related("occasion", "course")))


def test_two_courses_with_coming_weekday_sessions_one_nearly_full():
    load_demo_courses()

    assert Course.objects.published().count() == 2
    sessions = _sessions()
    now = timezone.now()
    assert len(sessions) >= 3
    for session in sessions:
        assert session.occasion.starts_at > now and session.occasion.published
        assert timezone.localtime(session.occasion.starts_at).weekday() < 5
        assert "6100 Haderslev" in session.occasion.address
        assert session.occasion.max_seats_per_registration == 1
    assert any((s.seats_taken, s.occasion.capacity) == (12, 14) for s in sessions), (
        "one session nearly full"
    )
    # Every seat was taken by register() with the course's answers stored through on_new.
    assert CourseEnrolment.objects.count() == Registration.objects.count() > 12


def test_loading_the_demo_again_adds_nothing():
    load_demo_path()
    load_demo_courses()
    counts = (PathStep.objects.count(), CourseSession.objects.count(), Registration.objects.count())

    load_demo_path()
    load_demo_courses()

    assert counts == (
        PathStep.objects.count(),
        CourseSession.objects.count(),
        Registration.objects.count(),
    )
    assert counts[0] == 8
