"""The public meeting pages: /netvaerk/, the list of meetings, a meeting's page, the feed."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from network.models import Meeting
from network.selectors import HOME_CACHE_KEY
from portal.registrations.models import Registration
from tests.factories import RegistrationFactory
from tests.network.factories import MeetingFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _text(html: str) -> str:
    """What a visitor reads of a page: its text without tags, in single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def _items(html: str) -> list[str]:
    """The text of each meeting in a list, in the page's order."""
    return [_text(part.split("</li>")[0]) for part in html.split('<li class="mb-6">')[1:]]


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="h4 mb-0"><a href="[^"]+" lang="da">(.*?)</a></h3>', html)


def _item(html: str, title: str) -> str:
    [item] = [item for item in _items(html) if item.startswith(title)]
    return item


def meeting_at(starts_at: datetime.datetime, *, hours: int = 3, deadline_days: int = 7, **kwargs):
    return MeetingFactory(
        occasion__starts_at=starts_at,
        occasion__ends_at=starts_at + datetime.timedelta(hours=hours),
        occasion__registration_deadline=starts_at - datetime.timedelta(days=deadline_days),
        **{f"occasion__{key}": value for key, value in kwargs.items()},
    )


def in_days(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=COPENHAGEN)


# /netvaerk/ --------------------------------------------------------------------------------


def test_overview_explains_the_offer_and_shows_the_next_three_meetings(client):
    for days in (40, 10, 30, 20):
        meeting_at(in_days(days), title=f"Møde om {days} dage")
    meeting_at(in_days(5), title="Kladde til et møde", published=False)
    meeting_at(in_days(-3), title="Møde i sidste uge", deadline_days=1)

    response = client.get(reverse("network:overview"))

    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert "Vi står altid til rådighed for at svare på spørgsmål" in text
    assert "Løbende dialog" in text
    for topic in ("udvikle sig", "ansætter nye medarbejdere", "fastholder", "partnerskaber"):
        assert topic in text
    assert "socialøkonomiske og ordinære virksomheder deler viden" in text
    assert _titles(html) == ["Møde om 10 dage", "Møde om 20 dage", "Møde om 30 dage"]
    assert "Kladde til et møde" not in text
    assert "Møde i sidste uge" not in text
    assert f'href="{reverse("network:meeting-list")}"' in html
    assert f'href="{reverse("network:meeting-feed")}"' in html


def test_overview_without_meetings_says_so(client):
    text = _text(client.get(reverse("network:overview")).content.decode())

    assert "Der er ingen planlagte møder lige nu." in text


# /netvaerk/moeder/ -------------------------------------------------------------------------


def test_list_shows_time_in_danish_place_audience_and_seats(client):
    meeting = MeetingFactory(
        occasion__title="Rekruttering fra kanten",
        occasion__starts_at=datetime.datetime(2038, 1, 12, 9, tzinfo=COPENHAGEN),
        occasion__ends_at=datetime.datetime(2038, 1, 12, 12, tzinfo=COPENHAGEN),
        occasion__registration_deadline=datetime.datetime(2038, 1, 5, 12, tzinfo=COPENHAGEN),
        occasion__capacity=5,
        occasion__address="Rådhuset, Gåskærgade 26, 6100 Haderslev",
        audience=Meeting.Audience.SOCIAL_ECONOMY,
    )
    RegistrationFactory(occasion=meeting.occasion, seats=2)
    RegistrationFactory(occasion=meeting.occasion, seats=1, status=Registration.Status.CANCELLED)

    html = client.get(reverse("network:meeting-list")).content.decode()

    assert _item(html, "Rekruttering fra kanten") == (
        "Rekruttering fra kanten tirsdag 12. januar 2038 kl. 9.00–12.00 "
        "Rådhuset, Gåskærgade 26, 6100 Haderslev "
        "For: Socialøkonomiske virksomheder 3 ledige pladser"
    )
    assert f'href="{meeting.get_absolute_url()}"' in html


@pytest.mark.parametrize(
    ("setup", "label"),
    [
        ({"capacity": 10}, "10 ledige pladser"),
        ({"capacity": 1, "taken": 0}, "1 ledig plads"),
        ({"capacity": 3, "taken": 3}, "Fuldt – skriv dig på ventelisten"),
        ({"capacity": 10, "closed": True}, "Tilmelding lukket"),
        ({"capacity": 10, "cancelled": True}, "Aflyst"),
    ],
    ids=["open", "one-left", "full", "closed", "cancelled"],
)
def test_list_gives_the_exact_seat_state(client, setup, label):
    if setup.get("closed"):  # starts in two days, the deadline was yesterday
        meeting = meeting_at(in_days(2), deadline_days=3, capacity=setup["capacity"], title="Mødet")
    else:
        meeting = meeting_at(in_days(21), capacity=setup["capacity"], title="Mødet")
    if setup.get("taken"):
        RegistrationFactory(occasion=meeting.occasion, seats=setup["taken"])
    if setup.get("cancelled"):
        meeting.occasion.cancelled_at = timezone.now()
        meeting.occasion.save()

    html = client.get(reverse("network:meeting-list")).content.decode()

    assert _item(html, "Mødet").endswith(label)


def test_list_has_coming_meetings_soonest_first_and_past_ones_newest_first(client):
    meeting_at(in_days(30), title="Om en måned")
    meeting_at(in_days(7), title="Om en uge", deadline_days=1)
    meeting_at(in_days(-10), title="For ti dage siden", deadline_days=1)
    meeting_at(in_days(-100), title="For hundrede dage siden", deadline_days=1)
    meeting_at(in_days(-400), title="For over et år siden", deadline_days=1)
    meeting_at(in_days(14), title="Ikke offentliggjort", published=False)

    html = client.get(reverse("network:meeting-list")).content.decode()

    coming, past = html.split('id="past-heading"')
    assert _titles(coming) == ["Om en uge", "Om en måned"]
    assert _titles(past) == ["For ti dage siden", "For hundrede dage siden"]
    assert all(item.endswith("Afholdt") for item in _items(past))
    assert "Ikke offentliggjort" not in html
    assert "For over et år siden" not in html


def test_list_links_the_calendar_feed(client):
    html = client.get(reverse("network:meeting-list")).content.decode()

    assert "Abonnér på kalenderen" in html
    assert f'href="{reverse("network:meeting-feed")}"' in html
    assert "http://testserver/netvaerk/moeder.ics" in html or "/netvaerk/moeder.ics</code>" in html


def _three_and_thirty(client, url, django_assert_num_queries, create):
    create(3)
    assert client.get(url).status_code == 200  # fills the per-process caches
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    create(27)
    with django_assert_num_queries(len(small)):
        response = client.get(url)
    assert response.status_code == 200
    return response


def _meetings_with_registrations(n: int) -> None:
    for index in range(n):
        meeting = meeting_at(in_days(10 + index), capacity=4)
        RegistrationFactory.create_batch(2, occasion=meeting.occasion)
        RegistrationFactory(occasion=meeting.occasion, waiting=True)
        meeting_at(in_days(-10 - index), deadline_days=1)


def test_list_costs_the_same_queries_for_3_and_30_meetings(client, django_assert_num_queries):
    response = _three_and_thirty(
        client,
        reverse("network:meeting-list"),
        django_assert_num_queries,
        _meetings_with_registrations,
    )

    assert len(response.context["coming"]) == 30
    assert len(response.context["past"]) == 30


def test_overview_costs_the_same_queries_for_3_and_30_meetings(client, django_assert_num_queries):
    _three_and_thirty(
        client, reverse("network:overview"), django_assert_num_queries, _meetings_with_registrations
    )


def test_front_page_section_costs_the_same_queries_for_3_and_30_meetings_and_none_when_warm(
    client, django_assert_num_queries
):
    _meetings_with_registrations(3)
    client.get(reverse("pages:home"))
    cache.delete(HOME_CACHE_KEY)
    with CaptureQueriesContext(connection) as cold:
        client.get(reverse("pages:home"))
    _meetings_with_registrations(27)
    cache.delete(HOME_CACHE_KEY)

    with django_assert_num_queries(len(cold)):
        client.get(reverse("pages:home"))
    with django_assert_num_queries(len(cold) - 1):  # the meetings are read once a minute
        response = client.get(reverse("pages:home"))
    assert len(_titles(response.content.decode().split('id="home-meetings-heading"')[1])) == 3


def test_meeting_page_costs_the_same_queries_for_3_and_30_meetings_and_registrations(
    client, django_assert_num_queries
):
    meeting = meeting_at(in_days(20), capacity=100)

    def create(n: int) -> None:
        RegistrationFactory.create_batch(n, occasion=meeting.occasion)
        RegistrationFactory.create_batch(n, occasion=meeting.occasion, waiting=True)
        _meetings_with_registrations(n)

    response = _three_and_thirty(
        client, meeting.get_absolute_url(), django_assert_num_queries, create
    )
    assert "70 ledige pladser" in response.content.decode()


# A meeting's page --------------------------------------------------------------------------


def test_meeting_page_has_everything_a_participant_needs(client, django_user_model):
    meeting = MeetingFactory(
        occasion__title="Partnerskaber der holder",
        occasion__starts_at=datetime.datetime(2038, 1, 12, 9, tzinfo=COPENHAGEN),
        occasion__ends_at=datetime.datetime(2038, 1, 12, 12, tzinfo=COPENHAGEN),
        occasion__registration_deadline=datetime.datetime(2038, 1, 5, 12, tzinfo=COPENHAGEN),
        occasion__address="Rådhuset, Gåskærgade 26, 6100 Haderslev",
        occasion__online_url="https://teams.example/moede",
        occasion__capacity=20,
        description="Vi taler om partnerskaber mellem socialøkonomiske og ordinære virksomheder.",
        agenda="Velkomst\n- Oplæg fra Café Kanten\nNetværk og kaffe",
        audience=Meeting.Audience.ORDINARY,
    )

    response = client.get(meeting.get_absolute_url())

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    html = response.content.decode()
    text = _text(html)
    assert '<h1 lang="da">Partnerskaber der holder</h1>' in html
    assert "Vi taler om partnerskaber mellem socialøkonomiske og ordinære virksomheder." in text
    assert "Hvornår tirsdag 12. januar 2038 kl. 9.00–12.00" in text
    assert "Hvor Rådhuset, Gåskærgade 26, 6100 Haderslev" in text
    assert (
        'href="https://www.openstreetmap.org/search?query='
        'R%C3%A5dhuset%2C%20G%C3%A5sk%C3%A6rgade%2026%2C%206100%20Haderslev"'
    ) in html
    assert 'href="https://teams.example/moede"' in html
    assert "For hvem Ordinære virksomheder" in text
    assert "Tilmeldingsfrist 5. januar 2038 kl. 12.00" in text
    assert "Pladser 20 ledige pladser" in text
    assert "Kontaktperson Karen Kontakt kontakt@haderslev.dk" in text
    assert re.findall(r"<li>(.*?)</li>", html.split("Dagsorden</h2>")[1].split("</ol>")[0]) == [
        "Velkomst",
        "Oplæg fra Café Kanten",
        "Netværk og kaffe",
    ]
    assert '<form method="post"' in html
    assert ">Tilmeld</button>" in html


def test_a_full_meeting_offers_the_waiting_list(client):
    meeting = meeting_at(in_days(20), capacity=2)
    RegistrationFactory(occasion=meeting.occasion, seats=2)

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert "Fuldt – skriv dig på ventelisten" in html
    assert ">Skriv mig på ventelisten</button>" in html


def test_an_unpublished_or_unknown_meeting_is_not_found(client):
    draft = meeting_at(in_days(20), published=False)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("network:meeting-detail", args=[draft.pk + 1000])).status_code == 404


@pytest.mark.parametrize(
    "path", ["/en/netvaerk/", "/de/netvaerk/", "/en/netvaerk/moeder/", "/de/netvaerk/moeder/"]
)
def test_english_and_german_pages_answer(client, path):
    meeting_at(in_days(20), title="Et møde")

    response = client.get(path)

    assert response.status_code == 200
    assert 'lang="da">Et møde</a>' in response.content.decode()


def test_english_and_german_meeting_pages_answer(client):
    meeting = meeting_at(in_days(20))

    for prefix in ("/en", "/de"):
        response = client.get(f"{prefix}/netvaerk/moeder/{meeting.pk}/")
        assert response.status_code == 200
        assert '<form method="post"' in response.content.decode()


# The front page ----------------------------------------------------------------------------


def test_front_page_shows_the_next_meetings_with_seats_left(client):
    meeting_at(in_days(10), title="Fuldt møde", capacity=1)
    RegistrationFactory(occasion=Meeting.objects.get().occasion)
    meeting_at(in_days(12), title="Første med plads", capacity=5)
    meeting_at(in_days(2), title="Lukket møde", deadline_days=3)
    meeting_at(in_days(14), title="Andet med plads")
    meeting_at(in_days(16), title="Tredje med plads")
    meeting_at(in_days(18), title="Fjerde med plads")
    cancelled = meeting_at(in_days(11), title="Aflyst møde")
    cancelled.occasion.cancelled_at = timezone.now()
    cancelled.occasion.save()

    html = client.get(reverse("pages:home")).content.decode()

    assert "Næste netværksmøder med ledige pladser" in html
    section = html.split('id="home-meetings-heading"')[1].split("</section>")[0]
    assert _titles(section) == ["Første med plads", "Andet med plads", "Tredje med plads"]
    assert "5 ledige pladser" in section


def test_front_page_leaves_the_section_out_without_meetings_with_seats(client):
    meeting_at(in_days(10), title="Fuldt møde", capacity=1)
    RegistrationFactory(occasion=Meeting.objects.get().occasion)

    html = client.get(reverse("pages:home")).content.decode()

    assert "Næste netværksmøder med ledige pladser" not in html
    assert "Fuldt møde" not in html


# The calendar feed -------------------------------------------------------------------------


def test_feed_holds_published_meetings_in_copenhagen_time_cancelled_ones_as_cancelled(client):
    winter = MeetingFactory(
        occasion__title="Vintermøde",
        occasion__starts_at=datetime.datetime(2038, 1, 12, 9, tzinfo=COPENHAGEN),
        occasion__ends_at=datetime.datetime(2038, 1, 12, 12, tzinfo=COPENHAGEN),
        occasion__registration_deadline=datetime.datetime(2038, 1, 5, 12, tzinfo=COPENHAGEN),
    )
    MeetingFactory(
        occasion__title="Sommermøde",
        occasion__starts_at=datetime.datetime(2035, 6, 12, 13, tzinfo=COPENHAGEN),
        occasion__ends_at=datetime.datetime(2035, 6, 12, 15, 30, tzinfo=COPENHAGEN),
        occasion__registration_deadline=datetime.datetime(2035, 6, 1, 12, tzinfo=COPENHAGEN),
        occasion__address="",
        occasion__online_url="https://teams.example/sommer",
    )
    cancelled = meeting_at(in_days(20), title="Aflyst møde")
    cancelled.occasion.cancelled_at = timezone.now()
    cancelled.occasion.save()
    meeting_at(in_days(-30), title="Sidste måned", deadline_days=1)
    meeting_at(in_days(20), title="Kladde", published=False)
    meeting_at(in_days(-400), title="Længe siden", deadline_days=1)

    response = client.get(reverse("network:meeting-feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Vintermøde", "Sommermøde", "Aflyst møde", "Sidste måned"}
    start = events["Vintermøde"].decoded("dtstart")
    assert start == datetime.datetime(2038, 1, 12, 9, tzinfo=COPENHAGEN)
    assert str(start.tzinfo) == "Europe/Copenhagen"
    assert events["Vintermøde"]["dtstart"].params["TZID"] == "Europe/Copenhagen"
    assert events["Sommermøde"].decoded("dtstart").utcoffset() == datetime.timedelta(hours=2)
    assert events["Sommermøde"].decoded("dtend") == datetime.datetime(
        2035, 6, 12, 15, 30, tzinfo=COPENHAGEN
    )
    assert str(events["Sommermøde"]["location"]) == "https://teams.example/sommer"
    assert str(events["Vintermøde"]["location"]) == "Rådhuset, Gåskærgade 26, 6100 Haderslev"
    assert str(events["Aflyst møde"]["status"]) == "CANCELLED"
    assert str(events["Vintermøde"]["status"]) == "CONFIRMED"
    assert winter.get_absolute_url() in str(events["Vintermøde"]["url"])
    assert len({str(event["uid"]) for event in events.values()}) == 4


# The site search ---------------------------------------------------------------------------


def test_search_finds_coming_published_meetings_only(client):
    found = meeting_at(in_days(20), title="Rekruttering fra kanten")
    meeting_at(in_days(20), title="Rekruttering i kladde", published=False)
    meeting_at(in_days(-20), title="Rekruttering sidste måned", deadline_days=1)
    meeting_at(in_days(30), title="Partnerskaber")

    response = client.get(reverse("pages:search"), {"q": "rekruttering"})

    html = response.content.decode()
    assert f'href="{found.get_absolute_url()}">Rekruttering fra kanten</a>' in html
    assert "Rekruttering i kladde" not in html
    assert "Rekruttering sidste måned" not in html
    assert ">Partnerskaber</a>" not in html
