"""The course list and a course's page: sessions with their exact seats left, and enrolment on
portal's seat mechanism (only the course side is tested here; the mechanism has its own)."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepreneurs.courses.forms import EnrolmentForm
from entrepreneurs.models import CourseEnrolment
from portal.notifications.models import OutboxMessage
from portal.registrations.models import Registration
from tests.entrepreneurs.factories import CourseFactory, CourseSessionFactory
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def enrolment(**changes) -> dict:
    """A filled-in form with its own one-time token (a fresh page load)."""
    return {
        "name": "Mette Hansen",
        "email": "mette@example.dk",
        "phone": "",
        "has_cvr": "no",
        "idea": "En café, hvor unge uden job får deres første arbejdsplads.",
        "needs": "",
        "form_token": EnrolmentForm.new_form_token(),
        "website": "",
        **changes,
    }


@pytest.fixture
def course():
    return CourseFactory(title="Fra idé til virksomhed", slug="fra-ide", price=0)


@pytest.fixture
def session(course):
    return CourseSessionFactory(
        course=course, occasion__capacity=14, occasion__title="Fra idé til virksomhed, forår"
    )


def test_the_list_shows_courses_with_their_sessions_and_exact_seats_left(client, session):
    RegistrationFactory.create_batch(12, occasion=session.occasion)
    CourseFactory(title="Skjult kursus", published=False)

    text = _text(client.get(reverse("entrepreneurs:course-list")))

    assert "Fra idé til virksomhed" in text
    assert "2 ledige pladser" in text
    assert "Gratis" in text
    assert "Skjult kursus" not in text


def test_the_list_costs_the_same_queries_for_many_courses(
    client, session, django_assert_max_num_queries
):
    for _ in range(8):
        other = CourseSessionFactory()
        RegistrationFactory.create_batch(2, occasion=other.occasion)
    client.get(reverse("entrepreneurs:course-list"))  # the site settings' row is made once
    # The sessions with their courses and seats, the courses, the settings.
    with django_assert_max_num_queries(3):
        response = client.get(reverse("entrepreneurs:course-list"))
    assert response.status_code == 200


def test_the_course_page_shows_the_course_its_price_and_sessions(client, course, session):
    course.price = 12500
    course.save()
    CourseSessionFactory(
        course=course, occasion__title="Fra idé til virksomhed, efterår", occasion__capacity=1
    ).occasion.registrations.create(
        name="Jonas", email="jonas@example.dk", status=Registration.Status.CONFIRMED
    )

    text = _text(client.get(course.get_absolute_url()))

    assert "Fra idé til virksomhed, forår" in text and "14 ledige pladser" in text
    assert "Fra idé til virksomhed, efterår" in text
    assert "Fuldt – skriv dig på ventelisten" in text
    assert "12.500 kr." in text
    assert "Anne Underviser" in text
    assert "Har du et CVR-nummer?" in text and "Din idé med få ord" in text
    assert "Hvor mange kommer I?" not in text  # one seat per enrolment


def test_the_course_page_costs_a_bounded_number_of_queries(
    client, course, session, django_assert_max_num_queries
):
    for _ in range(6):
        RegistrationFactory.create_batch(2, occasion=CourseSessionFactory(course=course).occasion)
    client.get(course.get_absolute_url())  # the site settings' row is made once
    # The course, its sessions with their seats, the settings, the session (CSRF) cookie.
    with django_assert_max_num_queries(4):
        assert client.get(course.get_absolute_url()).status_code == 200


def test_an_enrolment_stores_the_answers_and_mails_the_confirmation_naming_the_course(
    client, course, session
):
    response = client.post(
        f"{course.get_absolute_url()}?hold={session.pk}", enrolment(has_cvr="yes")
    )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == registration.get_absolute_url()
    assert registration.occasion == session.occasion
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.seats == 1
    details = CourseEnrolment.objects.get(registration=registration)
    assert details.has_cvr is True
    assert details.idea == "En café, hvor unge uden job får deres første arbejdsplads."
    [mail] = OutboxMessage.objects.filter(to="mette@example.dk")
    assert "Du har fået plads til kurset" in mail.body
    assert "Fra idé til virksomhed, forår" in mail.subject
    assert mail.attachments[0]["filename"].endswith(".ics")
    page = _text(client.get(response.url))
    assert "Fra idé til virksomhed, forår" in page


def test_a_full_session_puts_you_on_the_waiting_list_and_says_so(client, course, session):
    RegistrationFactory.create_batch(14, occasion=session.occasion)

    page = _text(client.get(course.get_absolute_url()))
    assert "Skriv dig på ventelisten" in page

    response = client.post(course.get_absolute_url(), enrolment())

    registration = Registration.objects.get(email="mette@example.dk")
    assert registration.status == Registration.Status.WAITING
    assert CourseEnrolment.objects.filter(registration=registration).exists()
    [mail] = OutboxMessage.objects.filter(to="mette@example.dk")
    assert "ventelisten til kurset som nummer 1" in mail.body
    assert "ventelisten" in _text(client.get(response.url))


def test_the_chosen_session_gets_the_enrolment(client, course, session):
    later = CourseSessionFactory(
        course=course,
        occasion__title="Fra idé til virksomhed, efterår",
        occasion__starts_at=session.occasion.starts_at + datetime.timedelta(days=30),
    )
    page = client.get(f"{course.get_absolute_url()}?hold={later.pk}")
    assert "Du tilmelder dig holdet Fra idé til virksomhed, efterår" in _text(page)

    client.post(f"{course.get_absolute_url()}?hold={later.pk}", enrolment())

    assert Registration.objects.get().occasion_id == later.pk


def test_an_unknown_session_is_not_found(client, course, session):
    assert client.get(f"{course.get_absolute_url()}?hold=999999").status_code == 404


def test_bad_input_is_refused_with_messages_and_what_was_typed_is_kept(client, course, session):
    response = client.post(
        course.get_absolute_url(),
        enrolment(name="", email="ikke-en-adresse", has_cvr="", idea="Genbrugsbutik i Vojens"),
    )

    text = _text(response)
    assert response.status_code == 200
    assert "Der er problemer" in text
    assert "Skriv dit navn." in text
    assert "Skriv en gyldig e-mail-adresse" in text
    assert "Svar på, om du har et CVR-nummer." in text
    assert "Genbrugsbutik i Vojens" in text
    assert 'value="ikke-en-adresse"' in response.content.decode()
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_honeypot_stores_nothing_and_says_check_your_email(client, course, session):
    response = client.post(course.get_absolute_url(), enrolment(website="http://spam.example"))

    assert "Tjek din e-mail" in _text(response)
    assert not Registration.objects.exists()
    assert not CourseEnrolment.objects.exists()


def test_the_same_form_posted_twice_is_one_enrolment(client, course, session):
    data = enrolment()
    client.post(course.get_absolute_url(), data)
    client.post(course.get_absolute_url(), data)

    assert CourseEnrolment.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_closed_session_has_no_form_and_a_post_writes_nothing(client, course):
    closed = CourseSessionFactory(
        course=course, occasion__registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )

    page = client.get(course.get_absolute_url())
    assert "Har du et CVR-nummer?" not in _text(page)
    assert "Tilmelding lukket" in _text(page)

    response = client.post(f"{course.get_absolute_url()}?hold={closed.pk}", enrolment())
    assert response.status_code == 409
    assert "Din tilmelding er ikke modtaget" in _text(response)
    assert not Registration.objects.exists()


def test_a_closed_session_chosen_points_to_the_open_ones(client, course, session):
    closed = CourseSessionFactory(
        course=course, occasion__registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )

    text = _text(client.get(f"{course.get_absolute_url()}?hold={closed.pk}"))

    assert "Vælg et af de andre hold ovenfor." in text
    assert f"?hold={session.pk}" in client.get(course.get_absolute_url()).content.decode()


def test_an_unpublished_course_is_not_found(client):
    hidden = CourseFactory(published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_search_finds_a_course(client, course, session):
    response = client.get(reverse("pages:search"), {"q": "idé virksomhed"})
    assert "Fra idé til virksomhed" in _text(response)
    assert course.get_absolute_url() in response.content.decode()


def test_the_pages_work_in_english(client, course, session):
    response = client.get(f"/en{course.get_absolute_url()}")
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()
