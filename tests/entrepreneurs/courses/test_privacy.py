"""A course enrolment's idea is personal: in the data-subject report, and cleared by retention
a year after the course, with the registration's own personal data."""

import datetime

import pytest
from django.utils import timezone

from entrepreneurs.courses.privacy import find_enrolments
from entrepreneurs.models import CourseEnrolment
from portal.privacy import services
from portal.privacy.registry import Subject
from tests.entrepreneurs.factories import CourseSessionFactory
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _enrolment(*, days_ago: int, email: str) -> CourseEnrolment:
    ended = timezone.now() - datetime.timedelta(days=days_ago)
    session = CourseSessionFactory(
        occasion__title=f"Hold for {days_ago} dage siden",
        occasion__starts_at=ended - datetime.timedelta(hours=3),
        occasion__ends_at=ended,
        occasion__registration_deadline=ended - datetime.timedelta(days=3),
    )
    registration = RegistrationFactory(occasion=session.occasion, email=email)
    return CourseEnrolment.objects.create(
        registration=registration, has_cvr=True, idea="Et cykelværksted i Gram"
    )


def test_the_report_shows_the_enrolment_and_the_idea():
    _enrolment(days_ago=-20, email="mette@example.dk")

    [row] = find_enrolments(Subject(email="Mette@example.dk"))

    assert row["Idé"] == "Et cykelværksted i Gram"
    assert row["Har CVR-nummer"] is True


def test_retention_clears_the_idea_a_year_after_the_course():
    old = _enrolment(days_ago=400, email="gammel@example.dk")
    recent = _enrolment(days_ago=30, email="ny@example.dk")

    assert services.plan_retention().counts["course_enrolment_ideas"] == 1
    services.apply_retention()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.idea == "" and old.has_cvr is True
    assert recent.idea == "Et cykelværksted i Gram"
    assert not old.history.exclude(idea="").exists()
