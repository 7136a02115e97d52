"""An entrepreneur follows the path to a course, enrols (after one mistake) in Chromium and sees
the receipt page; axe finds nothing on the path page, the course list or the course page, the
error state included."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from entrepreneurs.courses.demo import load_demo_path
from entrepreneurs.models import CourseEnrolment
from portal.notifications.models import OutboxMessage
from portal.registrations.models import Registration
from tests.browser.conftest import assert_no_axe_violations
from tests.entrepreneurs.factories import CourseFactory, CourseSessionFactory
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _starts(days: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(17), tzinfo=COPENHAGEN)


def _session(course, title: str, days: int, capacity: int):
    starts = _starts(days)
    return CourseSessionFactory(
        course=course,
        occasion__title=title,
        occasion__starts_at=starts,
        occasion__ends_at=starts + datetime.timedelta(hours=3),
        occasion__registration_deadline=starts - datetime.timedelta(days=2),
        occasion__capacity=capacity,
    )


def test_an_entrepreneur_finds_a_course_on_the_path_and_enrols(page):
    load_demo_path()
    course = CourseFactory(title="Fra idé til virksomhed", slug="fra-ide-til-virksomhed")
    spring = _session(course, "Fra idé til virksomhed – første hold", 12, 14)
    RegistrationFactory.create_batch(12, occasion=spring.occasion)
    _session(course, "Fra idé til virksomhed – andet hold", 40, 14)

    page.goto("/ivaerksaettere/")
    assert page.get_by_role("heading", level=1).inner_text() == "Støtte til iværksættere"
    steps = page.locator("ol.path-steps > li h3")
    assert steps.count() == 8
    assert steps.first.inner_text() == "Tag selvtjekket"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Se de kommende kurser").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Iværksætterkurser"
    assert page.get_by_text("2 ledige pladser").is_visible()
    assert page.get_by_text("14 ledige pladser").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Fra idé til virksomhed", exact=True).click()

    assert page.get_by_role("heading", level=1).inner_text() == "Fra idé til virksomhed"
    assert page.get_by_text("Du tilmelder dig holdet Fra idé til virksomhed – første hold").count()
    assert_no_axe_violations(page)
    page.get_by_label("Dit navn").fill("Mette Hansen")
    page.get_by_role("textbox", name="E-mail").fill("mette@cafe-kanten")  # the mistake
    page.get_by_label("Nej, ikke endnu").check()
    page.get_by_label("Din idé med få ord").fill("En café, hvor unge får deres første job.")
    page.get_by_role("button", name="Tilmeld", exact=True).click()

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Skriv en gyldig e-mail-adresse" in summary.inner_text()
    assert page.title().startswith("Fejl:")
    assert page.get_by_label("Din idé med få ord").input_value() == (
        "En café, hvor unge får deres første job."
    )
    assert page.get_by_label("Nej, ikke endnu").is_checked()
    assert_no_axe_violations(page)
    assert not Registration.objects.filter(name="Mette Hansen").exists()

    page.get_by_role("textbox", name="E-mail").fill("mette@cafe-kanten.dk")
    page.get_by_role("button", name="Tilmeld", exact=True).click()

    mette = Registration.objects.get(email="mette@cafe-kanten.dk")
    assert mette.occasion_id == spring.pk
    assert mette.status == Registration.Status.CONFIRMED
    enrolment = CourseEnrolment.objects.get(registration=mette)
    assert (enrolment.has_cvr, enrolment.idea) == (
        False,
        "En café, hvor unge får deres første job.",
    )
    assert page.url.endswith(f"/tilmelding/{mette.token}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Din tilmelding"
    assert page.get_by_text("Du er tilmeldt.").is_visible()
    assert_no_axe_violations(page)
    [confirmation] = OutboxMessage.objects.filter(to="mette@cafe-kanten.dk")
    assert "Du har fået plads til kurset" in confirmation.body
