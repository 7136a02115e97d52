"""The caseworker runs network meetings from the admin: one form for the meeting and its seats,
the registrations on its page, and the moves (attendance, message, cancel, copy, promote), each
a page that asks first and then calls the service."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.models import MEETING_KIND, Meeting
from portal.notifications.models import OutboxMessage
from portal.registrations.models import Occasion, OccasionMessage, Registration
from tests.factories import CompanyFactory, RegistrationFactory
from tests.network.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def meeting_form(caseworker, **changes) -> dict:
    """The add/change form as a caseworker fills it in: a meeting in four weeks, 15–17."""
    return {
        "title": "Rekruttering fra kanten af arbejdsmarkedet",
        "description": "Vi deler erfaringer med at rekruttere fra kanten.",
        "agenda": "Velkomst\nOplæg\nNetværk",
        "audience": Meeting.Audience.EVERYONE,
        "contact_person": str(caseworker.pk),
        "starts_at_0": _day(28).isoformat(),
        "starts_at_1": "15:00",
        "ends_at_0": _day(28).isoformat(),
        "ends_at_1": "17:00",
        "registration_deadline_0": _day(25).isoformat(),
        "registration_deadline_1": "12:00",
        "capacity": "20",
        "max_seats_per_registration": "4",
        "address": "Haderslev Rådhus, Gåskærgade 26, 6100 Haderslev",
        "online_url": "",
        **changes,
    }


def change_url(meeting: Meeting) -> str:
    return reverse("admin:network_meeting_change", args=[meeting.pk])


@pytest.fixture
def meeting():
    return MeetingFactory(occasion__capacity=10, occasion__title="Morgenmøde om partnerskaber")


# --- the form -------------------------------------------------------------------------------


def test_a_new_meeting_is_stored_with_its_occasion(caseworker_client, caseworker):
    response = caseworker_client.post(
        reverse("admin:network_meeting_add"), meeting_form(caseworker, published="on")
    )

    meeting = Meeting.objects.select_related("occasion").get()
    assert response.status_code == 302
    occasion = meeting.occasion
    assert occasion.kind == MEETING_KIND
    assert occasion.title == "Rekruttering fra kanten af arbejdsmarkedet"
    assert timezone.localtime(occasion.starts_at).hour == 15
    assert (occasion.capacity, occasion.max_seats_per_registration, occasion.published) == (
        20,
        4,
        True,
    )
    assert meeting.contact_person == caseworker
    assert meeting.agenda_items == ["Velkomst", "Oplæg", "Netværk"]
    assert meeting.history.get().history_user == caseworker


def test_the_add_form_suggests_the_caseworker_as_contact_person(caseworker_client, caseworker):
    response = caseworker_client.get(reverse("admin:network_meeting_add"))

    assert response.status_code == 200
    assert f'<option value="{caseworker.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at_1": "14:00"}, "Slutningen skal ligge efter starten."),
        (
            {"registration_deadline_0": _day(29).isoformat()},
            "Tilmeldingsfristen skal ligge før starten.",
        ),
        ({"address": ""}, "Skriv en adresse eller et link til online deltagelse."),
    ],
)
def test_a_meeting_with_wrong_times_or_no_place_is_refused_on_the_field(
    caseworker_client, caseworker, changes, message
):
    response = caseworker_client.post(
        reverse("admin:network_meeting_add"), meeting_form(caseworker, **changes)
    )

    assert response.status_code == 200
    assert message in _text(response)
    assert "Rekruttering fra kanten af arbejdsmarkedet" in response.content.decode()  # kept
    assert not Occasion.objects.exists()
    assert not Meeting.objects.exists()


def test_the_change_form_shows_the_occasions_fields(caseworker_client, meeting):
    response = caseworker_client.get(change_url(meeting))

    assert response.status_code == 200
    assert 'value="Morgenmøde om partnerskaber"' in response.content.decode()
    assert 'name="capacity" value="10"' in response.content.decode()


def test_capacity_below_the_seats_taken_is_refused_and_nothing_changes(
    caseworker_client, caseworker, meeting
):
    RegistrationFactory.create_batch(3, occasion=meeting.occasion, seats=2)

    response = caseworker_client.post(
        change_url(meeting),
        meeting_form(caseworker, title=meeting.occasion.title, capacity="5", description="Ny"),
    )

    assert response.status_code == 200
    assert "Der er allerede givet 6 pladser" in _text(response)
    meeting.refresh_from_db()
    meeting.occasion.refresh_from_db()
    assert meeting.occasion.capacity == 10
    assert meeting.description != "Ny"  # the meeting's own fields are not half saved


def test_moving_a_meeting_mails_everyone_registered(caseworker_client, caseworker, meeting):
    confirmed = RegistrationFactory(occasion=meeting.occasion, email="mette@kernen.dk")
    waiting = RegistrationFactory(occasion=meeting.occasion, email="jonas@aaen.dk", waiting=True)
    RegistrationFactory(
        occasion=meeting.occasion, email="afmeldt@aaen.dk", status=Registration.Status.CANCELLED
    )

    response = caseworker_client.post(
        change_url(meeting), meeting_form(caseworker, title=meeting.occasion.title, capacity="10")
    )

    assert response.status_code == 302
    meeting.occasion.refresh_from_db()
    assert timezone.localdate(meeting.occasion.starts_at) == _day(28)
    assert meeting.occasion.sequence == 1
    # Everyone active is told of the move (the one waiting also gets a seat of the ten).
    moved = OutboxMessage.objects.filter(subject__startswith="Ændret tid eller sted")
    assert sorted(moved.values_list("to", flat=True)) == sorted([confirmed.email, waiting.email])
    assert not OutboxMessage.objects.filter(to="afmeldt@aaen.dk").exists()


def test_saving_unchanged_mails_nobody(caseworker_client, caseworker, meeting):
    RegistrationFactory(occasion=meeting.occasion)
    occasion = meeting.occasion
    local = {
        name: timezone.localtime(getattr(occasion, name))
        for name in ("starts_at", "ends_at", "registration_deadline")
    }
    form = meeting_form(
        caseworker,
        title=occasion.title,
        description=meeting.description,
        agenda=meeting.agenda,
        contact_person=str(meeting.contact_person_id),
        capacity=str(occasion.capacity),
        address=occasion.address,
        published="on",
        **{f"{name}_0": value.date().isoformat() for name, value in local.items()},
        **{f"{name}_1": value.strftime("%H:%M") for name, value in local.items()},
    )

    response = caseworker_client.post(change_url(meeting), form)

    assert response.status_code == 302
    assert not OutboxMessage.objects.exists()
    occasion.refresh_from_db()
    assert occasion.sequence == 0


# --- the list and the meeting's page --------------------------------------------------------


def test_the_list_shows_seats_taken_and_waiting(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion, seats=4)
    RegistrationFactory(occasion=meeting.occasion, seats=3, waiting=True)
    RegistrationFactory(occasion=meeting.occasion, seats=2, status=Registration.Status.CANCELLED)

    response = caseworker_client.get(reverse("admin:network_meeting_changelist"))

    text = _text(response)
    assert "Morgenmøde om partnerskaber" in text
    assert "4/10" in text
    assert re.search(r"4/10 3\b", text)


def test_the_list_filters_coming_and_past_and_finds_by_title(caseworker_client):
    MeetingFactory(occasion__title="Kommende møde")
    past = timezone.now() - datetime.timedelta(days=30)
    MeetingFactory(
        occasion__title="Afholdt møde",
        occasion__starts_at=past,
        occasion__registration_deadline=past - datetime.timedelta(days=2),
    )
    url = reverse("admin:network_meeting_changelist")

    coming = _text(caseworker_client.get(url, {"tid": "kommende"}))
    held = _text(caseworker_client.get(url, {"tid": "afholdte"}))
    found = _text(caseworker_client.get(url, {"q": "afholdt"}))

    assert "Kommende møde" in coming and "Afholdt møde" not in coming
    assert "Afholdt møde" in held and "Kommende møde" not in held
    assert "Afholdt møde" in found and "Kommende møde" not in found


def _queries(client, url) -> int:
    client.get(url)  # the first request of a session fills the caches (content types …)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_3_and_30_meetings(caseworker_client):
    url = reverse("admin:network_meeting_changelist")
    for meeting in MeetingFactory.create_batch(3):
        RegistrationFactory(occasion=meeting.occasion)
    few = _queries(caseworker_client, url)
    for meeting in MeetingFactory.create_batch(27):
        RegistrationFactory(occasion=meeting.occasion, waiting=True)

    assert _queries(caseworker_client, url) == few


def test_the_meeting_page_costs_the_same_queries_for_5_and_50_registrations(
    caseworker_client, meeting
):
    meeting.occasion.capacity = 100
    meeting.occasion.save()
    company = CompanyFactory()
    RegistrationFactory.create_batch(4, occasion=meeting.occasion, company=company)
    RegistrationFactory(occasion=meeting.occasion, waiting=True)
    few = _queries(caseworker_client, change_url(meeting))
    RegistrationFactory.create_batch(
        40, occasion=meeting.occasion, company=CompanyFactory(), needs="Vegetar"
    )
    RegistrationFactory.create_batch(5, occasion=meeting.occasion, waiting=True)

    assert _queries(caseworker_client, change_url(meeting)) == few


def test_the_meeting_page_shows_registrations_with_their_place_in_line(caseworker_client, meeting):
    company = CompanyFactory(name="Café Kernen")
    RegistrationFactory(
        occasion=meeting.occasion, name="Mette Lauridsen", company=company, needs="Vegetar"
    )
    first = timezone.now() - datetime.timedelta(hours=2)
    RegistrationFactory(
        occasion=meeting.occasion, name="Birgit Holm", waiting=True, waiting_since=first
    )
    RegistrationFactory(
        occasion=meeting.occasion, name="Amina Hassan", waiting=True, waiting_since=timezone.now()
    )

    response = caseworker_client.get(change_url(meeting))

    text = _text(response)
    assert "3 tilmeldinger" in text
    assert "Tilmeldt 1 Mette Lauridsen" not in text
    assert "Tilmeldt – Mette Lauridsen Café Kernen 1 Vegetar" in text
    assert "På venteliste 1 Birgit Holm" in text
    assert "På venteliste 2 Amina Hassan" in text
    html = response.content.decode()
    assert f"?occasion__id__exact={meeting.pk}" in html
    assert reverse("admin:network_meeting_participants", args=[meeting.pk]) in html
    assert reverse("admin:network_meeting_participants_shared", args=[meeting.pk]) in html


# --- attendance -----------------------------------------------------------------------------


@pytest.fixture
def held_meeting():
    """A meeting that began an hour ago."""
    starts = timezone.now() - datetime.timedelta(hours=1)
    return MeetingFactory(
        occasion__title="Salg til kommunen",
        occasion__starts_at=starts,
        occasion__registration_deadline=starts - datetime.timedelta(days=3),
    )


def test_attendance_is_marked_for_each_person(caseworker_client, held_meeting):
    came = RegistrationFactory(occasion=held_meeting.occasion, name="Mette")
    stayed_away = RegistrationFactory(occasion=held_meeting.occasion, name="Jonas")
    waiting = RegistrationFactory(occasion=held_meeting.occasion, name="Birgit", waiting=True)
    url = reverse("admin:network_meeting_attendance", args=[held_meeting.pk])

    page = caseworker_client.get(url)
    assert "Mette" in _text(page) and "Jonas" in _text(page)
    assert "Birgit" not in _text(page)  # no seat, no attendance

    response = caseworker_client.post(
        url,
        {f"registration_{came.pk}": "attended", f"registration_{stayed_away.pk}": "no_show"},
        follow=True,
    )

    assert "Fremmødet er registreret: 1 deltog og 1 udeblev." in _text(response)
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    waiting.refresh_from_db()
    assert came.status == Registration.Status.ATTENDED
    assert stayed_away.status == Registration.Status.NO_SHOW
    assert waiting.status == Registration.Status.WAITING


def test_attendance_before_the_day_is_refused_and_nothing_is_marked(caseworker_client, meeting):
    registration = RegistrationFactory(occasion=meeting.occasion)

    response = caseworker_client.post(
        reverse("admin:network_meeting_attendance", args=[meeting.pk]),
        {f"registration_{registration.pk}": "attended"},
    )

    assert response.status_code == 200
    assert "Fremmøde kan først registreres på dagen for arrangementet." in _text(response)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_attendance_with_nothing_marked_is_refused(caseworker_client, held_meeting):
    RegistrationFactory(occasion=held_meeting.occasion)

    response = caseworker_client.post(
        reverse("admin:network_meeting_attendance", args=[held_meeting.pk]), {}
    )

    assert "Markér mindst én deltager som deltog eller udeblev." in _text(response)


# --- a message to everyone ------------------------------------------------------------------


def test_a_message_is_previewed_then_sent_to_those_with_a_seat(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion, email="mette@kernen.dk")
    RegistrationFactory(occasion=meeting.occasion, email="jonas@aaen.dk")
    RegistrationFactory(occasion=meeting.occasion, email="birgit@genbrug.dk", waiting=True)
    url = reverse("admin:network_meeting_message", args=[meeting.pk])
    message = {"subject": "Ny mødesal", "body": "Vi mødes i byrådssalen.", "include_waiting": ""}

    preview = caseworker_client.post(url, message)

    assert "Beskeden sendes som e-mail til 2 tilmeldte." in _text(preview)
    assert "Vi mødes i byrådssalen." in _text(preview)
    assert not OutboxMessage.objects.exists()
    assert not OccasionMessage.objects.exists()

    response = caseworker_client.post(url, {**message, "confirm": "1"}, follow=True)

    assert "Beskeden »Ny mødesal« er sendt til 2 tilmeldte." in _text(response)
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == [
        "jonas@aaen.dk",
        "mette@kernen.dk",
    ]
    sent = OccasionMessage.objects.get()
    assert (sent.subject, sent.recipients, sent.sent_by.username) == ("Ny mødesal", 2, "sara")
    assert "Ny mødesal" in _text(response)  # listed on the meeting's page


def test_a_message_may_go_to_the_waiting_list_too(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion, email="mette@kernen.dk")
    RegistrationFactory(occasion=meeting.occasion, email="birgit@genbrug.dk", waiting=True)
    url = reverse("admin:network_meeting_message", args=[meeting.pk])
    message = {"subject": "Husk", "body": "Vi ses.", "include_waiting": "on"}

    assert "2 tilmeldte" in _text(caseworker_client.post(url, message))
    caseworker_client.post(url, {**message, "confirm": "1"})

    assert OutboxMessage.objects.filter(to="birgit@genbrug.dk").exists()
    assert OccasionMessage.objects.get().include_waiting


def test_an_empty_message_is_refused(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion)

    response = caseworker_client.post(
        reverse("admin:network_meeting_message", args=[meeting.pk]),
        {"subject": "", "body": "Vi ses.", "confirm": "1"},
    )

    assert response.status_code == 200
    assert "Dette felt er påkrævet." in _text(response)
    assert not OutboxMessage.objects.exists()


def test_a_message_to_nobody_is_refused(caseworker_client, meeting):
    response = caseworker_client.post(
        reverse("admin:network_meeting_message", args=[meeting.pk]),
        {"subject": "Husk", "body": "Vi ses.", "confirm": "1"},
    )

    assert "Der er ingen tilmeldte at sende beskeden til." in _text(response)
    assert not OccasionMessage.objects.exists()


# --- cancel, copy, promote ------------------------------------------------------------------


def test_cancelling_tells_everyone_registered(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion, email="mette@kernen.dk")
    RegistrationFactory(occasion=meeting.occasion, email="birgit@genbrug.dk", waiting=True)
    url = reverse("admin:network_meeting_cancel", args=[meeting.pk])

    assert "Alle 2 tilmeldte" in _text(caseworker_client.get(url))
    response = caseworker_client.post(url, {"reason": "Oplægsholderen er syg."}, follow=True)

    assert "Mødet er aflyst. 2 tilmeldte får besked pr. e-mail." in _text(response)
    meeting.occasion.refresh_from_db()
    assert meeting.occasion.is_cancelled
    assert meeting.occasion.cancellation_reason == "Oplægsholderen er syg."
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == [
        "birgit@genbrug.dk",
        "mette@kernen.dk",
    ]
    assert not meeting.occasion.registrations.active().exists()


def test_cancelling_without_a_reason_is_refused(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion)

    response = caseworker_client.post(
        reverse("admin:network_meeting_cancel", args=[meeting.pk]), {"reason": "  "}
    )

    assert response.status_code == 200
    assert "Dette felt er påkrævet." in _text(response)
    meeting.occasion.refresh_from_db()
    assert not meeting.occasion.is_cancelled
    assert not OutboxMessage.objects.exists()


def test_copying_goes_to_the_new_unpublished_meeting(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion)
    new_day = _day(60)

    response = caseworker_client.post(
        reverse("admin:network_meeting_copy", args=[meeting.pk]),
        {"starts_at_0": new_day.isoformat(), "starts_at_1": "09:00"},
    )

    copy = Meeting.objects.exclude(pk=meeting.pk).select_related("occasion").get()
    assert response.url == change_url(copy)
    assert copy.occasion.title == meeting.occasion.title
    assert copy.description == meeting.description
    assert timezone.localdate(copy.occasion.starts_at) == new_day
    assert copy.occasion.ends_at - copy.occasion.starts_at == datetime.timedelta(hours=3)
    assert not copy.occasion.published
    assert not copy.occasion.registrations.exists()
    page = caseworker_client.get(response.url)
    assert "Kopien er ikke offentliggjort" in _text(page)


def test_copying_to_the_past_is_refused(caseworker_client, meeting):
    response = caseworker_client.post(
        reverse("admin:network_meeting_copy", args=[meeting.pk]),
        {"starts_at_0": _day(-1).isoformat(), "starts_at_1": "09:00"},
    )

    assert "Den nye start skal ligge i fremtiden." in _text(response)
    assert Meeting.objects.count() == 1


def test_promoting_now_gives_the_freed_seat_inside_the_stop_window(caseworker_client):
    starts = timezone.now() + datetime.timedelta(hours=5)
    meeting = MeetingFactory(
        occasion__capacity=2,
        occasion__starts_at=starts,
        occasion__registration_deadline=starts - datetime.timedelta(hours=1),
    )
    RegistrationFactory(occasion=meeting.occasion)
    waiting = RegistrationFactory(
        occasion=meeting.occasion, name="Birgit Holm", email="birgit@genbrug.dk", waiting=True
    )
    url = reverse("admin:network_meeting_promote", args=[meeting.pk])

    assert "Der er 1 ledig plads." in _text(caseworker_client.get(url))
    response = caseworker_client.post(url, follow=True)

    assert "1 er rykket op fra ventelisten og har fået besked: Birgit Holm." in _text(response)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert OutboxMessage.objects.filter(to="birgit@genbrug.dk").exists()


def test_promoting_with_no_seat_free_says_so(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion, seats=10)
    waiting = RegistrationFactory(occasion=meeting.occasion, waiting=True)

    response = caseworker_client.post(
        reverse("admin:network_meeting_promote", args=[meeting.pk]), follow=True
    )

    assert "Ingen er rykket op" in _text(response)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITING


# --- the participants lists -----------------------------------------------------------------


def test_the_door_list_has_everyone_with_a_seat_and_their_needs(caseworker_client, meeting):
    company = CompanyFactory(name="Café Kernen")
    RegistrationFactory(
        occasion=meeting.occasion, name="Mette Lauridsen", company=company, seats=2, needs="Vegan"
    )
    RegistrationFactory(occasion=meeting.occasion, name="Jonas Brodersen", listed=True)
    RegistrationFactory(occasion=meeting.occasion, name="Birgit Holm", waiting=True, listed=True)

    response = caseworker_client.get(
        reverse("admin:network_meeting_participants", args=[meeting.pk])
    )

    text = _text(response)
    assert "Deltagerliste til døren" in text
    assert "Jonas Brodersen" in text and "Mette Lauridsen Café Kernen 2 Vegan" in text
    assert "Birgit Holm" not in text
    assert "3 pladser i alt" in text
    assert 'class="participants-tick"' in response.content.decode()
    assert "style=" not in response.content.decode()


def test_the_shared_list_has_only_those_who_agreed_and_no_needs(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion, name="Mette Lauridsen", needs="Vegan")
    RegistrationFactory(
        occasion=meeting.occasion, name="Jonas Brodersen", listed=True, needs="Kørestol"
    )

    response = caseworker_client.get(
        reverse("admin:network_meeting_participants_shared", args=[meeting.pk])
    )

    text = _text(response)
    assert "Jonas Brodersen" in text
    assert "Mette Lauridsen" not in text
    assert "Kørestol" not in text


# --- who may ----------------------------------------------------------------------------------

ACTION_VIEWS = ["attendance", "message", "cancel", "copy", "promote"]
LIST_VIEWS = ["participants", "participants_shared"]


@pytest.mark.parametrize("view", ACTION_VIEWS + LIST_VIEWS)
def test_an_outsider_gets_403_on_every_meeting_page(outsider_client, meeting, view):
    RegistrationFactory(occasion=meeting.occasion, waiting=True)
    url = reverse(f"admin:network_meeting_{view}", args=[meeting.pk])

    assert outsider_client.get(url).status_code == 403
    assert (
        outsider_client.post(url, {"reason": "Nej", "subject": "x", "body": "y"}).status_code == 403
    )
    meeting.occasion.refresh_from_db()
    assert not meeting.occasion.is_cancelled
    assert Meeting.objects.count() == 1
    assert not OutboxMessage.objects.exists()


def test_a_citizen_is_sent_to_sign_in(client, meeting):
    response = client.get(reverse("admin:network_meeting_cancel", args=[meeting.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("view", ACTION_VIEWS)
def test_the_moves_need_a_post_with_the_csrf_token(caseworker, meeting, view):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    RegistrationFactory(occasion=meeting.occasion, waiting=True)

    response = client.post(
        reverse(f"admin:network_meeting_{view}", args=[meeting.pk]),
        {"reason": "Syg", "subject": "x", "body": "y", "confirm": "1"},
    )

    assert response.status_code == 403
    assert Meeting.objects.count() == 1
    assert not OutboxMessage.objects.exists()


def test_a_meeting_with_registrations_cannot_be_deleted(caseworker_client, meeting):
    RegistrationFactory(occasion=meeting.occasion)

    response = caseworker_client.get(reverse("admin:network_meeting_delete", args=[meeting.pk]))

    assert response.status_code == 403


def test_deleting_a_meeting_nobody_registered_for_removes_its_occasion(caseworker_client, meeting):
    response = caseworker_client.post(
        reverse("admin:network_meeting_delete", args=[meeting.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Meeting.objects.exists()
    assert not Occasion.objects.exists()
