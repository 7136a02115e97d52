"""Courses in the admin: the caseworker keeps the steps, courses and sessions, sees each
session's enrolments with the course's answers, and makes the shared moves (attendance,
cancel, copy, lists); the company page shows the courses taken; the admin home's tiles."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from entrepreneurs.courses.company_section import company_courses_section
from entrepreneurs.models import COURSE_KIND, CourseEnrolment, CourseSession
from portal.exports import XLSX_TYPE
from portal.notifications.models import OutboxMessage
from portal.privacy.models import PrivacyLogEntry
from portal.registrations.models import Registration
from portal.registry.models import Contact
from tests.entrepreneurs.factories import CourseFactory, CourseSessionFactory
from tests.factories import CompanyFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def session():
    return CourseSessionFactory(
        course=CourseFactory(title="Fra idé til virksomhed"),
        occasion__title="Fra idé til virksomhed, forår",
        occasion__capacity=14,
    )


def _enrol(session, name, *, has_cvr=False, idea="", **kwargs) -> Registration:
    registration = RegistrationFactory(occasion=session.occasion, name=name, **kwargs)
    CourseEnrolment.objects.create(registration=registration, has_cvr=has_cvr, idea=idea)
    return registration


PAGES = ["changelist", "add"]


@pytest.mark.parametrize("model", ["course", "coursesession", "pathstep"])
@pytest.mark.parametrize(
    ("persona", "status"), [("caseworker", 200), ("manager", 200), ("outsider", 403)]
)
def test_each_persona_reaches_only_their_pages(client, request, model, persona, status):
    client.force_login(request.getfixturevalue(persona))
    for page in PAGES:
        url = reverse(f"admin:entrepreneurs_{model}_{page}")
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize(
    ("persona", "status"), [("caseworker", 200), ("manager", 200), ("outsider", 403)]
)
def test_each_persona_on_a_sessions_pages(client, request, session, persona, status):
    client.force_login(request.getfixturevalue(persona))
    for name in ("change", "participants", "participants_shared", "message", "cancel", "copy"):
        url = reverse(f"admin:entrepreneurs_coursesession_{name}", args=[session.pk])
        assert client.get(url).status_code == status, url


def test_a_new_session_is_stored_with_its_occasion_and_one_seat_each(caseworker_client):
    course = CourseFactory()
    response = caseworker_client.post(
        reverse("admin:entrepreneurs_coursesession_add"),
        {
            "course": str(course.pk),
            "title": "Fra idé til virksomhed, efterår",
            "schedule": "3 tirsdage kl. 17–20",
            "starts_at_0": _day(30).isoformat(),
            "starts_at_1": "17:00",
            "ends_at_0": _day(44).isoformat(),
            "ends_at_1": "20:00",
            "registration_deadline_0": _day(28).isoformat(),
            "registration_deadline_1": "12:00",
            "capacity": "14",
            "address": "Idéhuset, Bispegade 15, 6100 Haderslev",
            "online_url": "",
            "published": "on",
        },
    )

    assert response.status_code == 302, _text(response)
    session = CourseSession.objects.select_related("occasion").get()
    assert session.course == course
    assert session.occasion.kind == COURSE_KIND
    assert session.occasion.max_seats_per_registration == 1
    assert session.occasion.capacity == 14
    assert session.schedule == "3 tirsdage kl. 17–20"


def test_a_session_without_a_place_is_refused_and_nothing_is_stored(caseworker_client):
    response = caseworker_client.post(
        reverse("admin:entrepreneurs_coursesession_add"),
        {
            "course": str(CourseFactory().pk),
            "title": "Hold uden sted",
            "starts_at_0": _day(30).isoformat(),
            "starts_at_1": "17:00",
            "ends_at_0": _day(30).isoformat(),
            "ends_at_1": "20:00",
            "registration_deadline_0": _day(28).isoformat(),
            "registration_deadline_1": "12:00",
            "capacity": "14",
            "address": "",
            "online_url": "",
        },
    )

    assert response.status_code == 200
    assert "Skriv en adresse eller et link til online deltagelse." in _text(response)
    assert not CourseSession.objects.exists()


def test_the_session_page_lists_the_enrolments_with_the_courses_answers(caseworker_client, session):
    _enrol(session, "Mette Hansen", has_cvr=True, idea="En café for unge", email="mette@x.dk")
    _enrol(session, "Ali Yousef", idea="Cykelværksted", waiting=True)

    response = caseworker_client.get(
        reverse("admin:entrepreneurs_coursesession_change", args=[session.pk])
    )

    text = _text(response)
    assert "2 tilmeldinger" in text
    assert "Tilmeldt – Mette Hansen mette@x.dk – Ja En café for unge" in text
    assert "På venteliste 1 Ali Yousef" in text
    html = response.content.decode()
    for name in ("participants", "attendance", "cancel", "copy", "message", "promote"):
        assert reverse(f"admin:entrepreneurs_coursesession_{name}", args=[session.pk]) in html
    assert "Aflys holdet" in text


def test_the_session_page_costs_the_same_queries_for_many_enrolments(caseworker_client, session):
    url = reverse("admin:entrepreneurs_coursesession_change", args=[session.pk])
    _enrol(session, "Første")
    caseworker_client.get(url)
    with CaptureQueriesContext(connection) as few:
        caseworker_client.get(url)
    for number in range(10):
        _enrol(session, f"Deltager {number}")
    with CaptureQueriesContext(connection) as many:
        caseworker_client.get(url)
    assert len(many) == len(few)


def test_the_participants_list_for_the_door(caseworker_client, session):
    _enrol(session, "Mette Hansen", needs="Tolk")
    _enrol(session, "Ali Yousef", waiting=True)

    text = _text(
        caseworker_client.get(
            reverse("admin:entrepreneurs_coursesession_participants", args=[session.pk])
        )
    )

    assert "Deltagerliste til døren" in text
    assert "Mette Hansen" in text and "Tolk" in text
    assert "Ali Yousef" not in text


def test_cancelling_a_session_tells_everyone_enrolled(caseworker_client, session):
    _enrol(session, "Mette Hansen", email="mette@example.dk")

    response = caseworker_client.post(
        reverse("admin:entrepreneurs_coursesession_cancel", args=[session.pk]),
        {"reason": "Underviseren er syg."},
        follow=True,
    )

    assert "Holdet er aflyst. 1 tilmeldt får besked pr. e-mail." in _text(response)
    session.occasion.refresh_from_db()
    assert session.occasion.is_cancelled
    assert OutboxMessage.objects.filter(to="mette@example.dk").exists()


def test_copying_a_session_makes_an_unpublished_one_of_the_same_course(caseworker_client, session):
    response = caseworker_client.post(
        reverse("admin:entrepreneurs_coursesession_copy", args=[session.pk]),
        {"starts_at_0": _day(60).isoformat(), "starts_at_1": "17:00"},
        follow=True,
    )

    assert "Holdet er kopieret" in _text(response)
    copy = CourseSession.objects.exclude(pk=session.pk).select_related("occasion").get()
    assert copy.course == session.course
    assert not copy.occasion.published
    assert copy.occasion.max_seats_per_registration == 1


def test_attendance_is_marked_for_a_held_session(caseworker_client):
    started = timezone.now() - datetime.timedelta(hours=2)
    held = CourseSessionFactory(
        occasion__starts_at=started,
        occasion__ends_at=started + datetime.timedelta(hours=1),
        occasion__registration_deadline=started - datetime.timedelta(days=1),
    )
    came = _enrol(held, "Mette Hansen")

    response = caseworker_client.post(
        reverse("admin:entrepreneurs_coursesession_attendance", args=[held.pk]),
        {f"registration_{came.pk}": "attended"},
        follow=True,
    )

    assert "Fremmødet er registreret: 1 deltog og 0 udeblev." in _text(response)
    came.refresh_from_db()
    assert came.status == Registration.Status.ATTENDED


def test_the_course_page_lists_its_sessions(caseworker_client, session):
    _enrol(session, "Mette Hansen")
    text = _text(
        caseworker_client.get(
            reverse("admin:entrepreneurs_course_change", args=[session.course.pk])
        )
    )
    assert "Fra idé til virksomhed, forår" in text
    assert "1 af 14 pladser taget" in text


def test_the_tiles_count_nearly_full_sessions_and_link_to_them(caseworker_client, session):
    RegistrationFactory.create_batch(12, occasion=session.occasion)
    CourseSessionFactory(occasion__title="Hold med god plads", occasion__capacity=14)

    text = _text(caseworker_client.get(reverse("admin:index")))
    assert "1 Kursushold, der er næsten fulde" in text

    listed = _text(
        caseworker_client.get(
            reverse("admin:entrepreneurs_coursesession_changelist") + "?pladser=naesten-fulde"
        )
    )
    assert "Fra idé til virksomhed, forår" in listed
    assert "Hold med god plads" not in listed


def test_no_course_tiles_for_an_outsider(outsider_client, session):
    assert "Kursushold" not in _text(outsider_client.get(reverse("admin:index")))


def test_the_company_page_shows_the_courses_taken_by_its_people(caseworker_client, session):
    company = CompanyFactory(name="Café Kanten")
    Contact.objects.create(name="Mette Hansen", email="Mette@Cafe-Kanten.dk", company=company)
    _enrol(session, "Mette Hansen", email="mette@cafe-kanten.dk")
    _enrol(session, "Anden person", email="anden@example.dk")

    text = _text(caseworker_client.get(reverse("admin:registry_company_change", args=[company.pk])))

    assert "Iværksætterkurser" in text
    assert "Fra idé til virksomhed, forår Mette Hansen Iværksætterkursus Tilmeldt" in text
    assert "Anden person" not in text


def test_the_company_section_is_one_query(session):
    company = CompanyFactory()
    for number in range(12):
        other = CourseSessionFactory(occasion__title=f"Hold {number}")
        RegistrationFactory(occasion=other.occasion, company=company)

    with CaptureQueriesContext(connection) as queries:
        section = company_courses_section(company)

    assert len(queries) == 1
    assert section.total == 12


def test_the_participants_list_as_csv_and_excel_has_the_courses_answers(
    caseworker_client, caseworker, session
):
    _enrol(session, "Mette Hansen", has_cvr=True, idea="=HYPERLINK(1)", email="mette@x.dk")
    url = reverse("admin:entrepreneurs_coursesession_participants_export", args=[session.pk])

    response = caseworker_client.get(url)

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Navn;E-mail;Telefon;Status;Har CVR-nummer;Idé" in text
    assert "Mette Hansen;mette@x.dk;;Tilmeldt;Ja;'=HYPERLINK(1)" in text
    assert PrivacyLogEntry.objects.filter(
        kind=PrivacyLogEntry.Kind.EXPORT, user=caseworker
    ).exists()
    excel = caseworker_client.get(url + "?format=xlsx")
    assert excel["Content-Type"] == XLSX_TYPE
