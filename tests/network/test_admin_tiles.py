"""The admin home counts the meetings that need the caseworker (seats left, waiting lists, seats
freed after the promotion stopped), each tile a link to the list it counts; the company page
shows the company's registrations and attendance."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.workbench import seat_tiles
from portal.registrations.models import Registration
from tests.factories import CompanyFactory, RegistrationFactory
from tests.network.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _meeting(title: str, *, hours: float = 24 * 21, capacity: int = 10, **kwargs):
    starts = timezone.now() + datetime.timedelta(hours=hours)
    return MeetingFactory(
        occasion__title=title,
        occasion__capacity=capacity,
        occasion__starts_at=starts,
        occasion__ends_at=starts + datetime.timedelta(hours=2),
        occasion__registration_deadline=starts - datetime.timedelta(hours=2),
        **kwargs,
    )


@pytest.fixture
def meetings():
    """Open (3 left); full with two waiting; tomorrow morning with a freed seat and one waiting;
    and three that count for nothing: past, cancelled, unpublished."""
    open_meeting = _meeting("Åbent møde")
    RegistrationFactory.create_batch(7, occasion=open_meeting.occasion)

    full = _meeting("Fuldt møde", capacity=4)
    RegistrationFactory(occasion=full.occasion, seats=4)
    RegistrationFactory.create_batch(2, occasion=full.occasion, waiting=True)

    soon = _meeting("Møde i morgen tidlig", hours=10, capacity=3)
    RegistrationFactory(occasion=soon.occasion, seats=2)
    RegistrationFactory(occasion=soon.occasion, seats=2, waiting=True)  # does not fit: waits
    RegistrationFactory(
        occasion=soon.occasion, status=Registration.Status.CANCELLED, seats=1
    )  # freed a seat inside the stop window

    past = _meeting("Afholdt møde", hours=-48)
    RegistrationFactory(occasion=past.occasion, waiting=True)
    cancelled = _meeting("Aflyst møde")
    cancelled.occasion.cancelled_at = timezone.now()
    cancelled.occasion.save()
    RegistrationFactory(occasion=cancelled.occasion, waiting=True)
    _meeting("Kladde", occasion__published=False)
    return {"open": open_meeting, "full": full, "soon": soon}


def _tiles(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {tile.label: tile for tile in seat_tiles(request)}


def test_the_tiles_count_in_one_query(caseworker, meetings):
    with CaptureQueriesContext(connection) as queries:
        tiles = _tiles(caseworker)

    assert len(queries) == 1
    assert tiles["Netværksmøder med ledige pladser"].count == 2  # open, and soon
    assert tiles["Netværksmøder med venteliste"].count == 2  # full, and soon
    freed = tiles["Frigjorte pladser efter oprykningsstop"]
    assert freed.count == 1
    assert freed.warning


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("Netværksmøder med ledige pladser", {"Åbent møde", "Møde i morgen tidlig"}),
        ("Netværksmøder med venteliste", {"Fuldt møde", "Møde i morgen tidlig"}),
        ("Frigjorte pladser efter oprykningsstop", {"Møde i morgen tidlig"}),
    ],
)
def test_each_tile_links_to_the_meetings_it_counts(
    caseworker_client, caseworker, meetings, label, shown
):
    tile = _tiles(caseworker)[label]

    text = _text(caseworker_client.get(tile.url))

    everyone = {"Åbent møde", "Fuldt møde", "Møde i morgen tidlig", "Afholdt møde", "Aflyst møde"}
    assert {title for title in everyone if title in text} == shown


def test_the_admin_home_shows_the_tiles_to_the_caseworker(caseworker_client, meetings):
    text = _text(caseworker_client.get(reverse("admin:index")))

    assert "1 Frigjorte pladser efter oprykningsstop" in text
    assert "2 Netværksmøder med venteliste" in text


def test_the_admin_home_shows_no_meeting_tiles_to_an_outsider(outsider_client, meetings):
    text = _text(outsider_client.get(reverse("admin:index")))

    assert "Netværksmøder med venteliste" not in text


# --- the company page -------------------------------------------------------------------------


def test_the_company_page_shows_its_registrations_and_attendance(caseworker_client):
    company = CompanyFactory(name="Café Kernen")
    held = _meeting("Salg til kommunen", hours=-24 * 30)
    coming = _meeting("Rekruttering fra kanten")
    RegistrationFactory(
        occasion=held.occasion,
        company=company,
        name="Mette Lauridsen",
        seats=2,
        status=Registration.Status.ATTENDED,
    )
    RegistrationFactory(occasion=coming.occasion, company=company, name="Mette Lauridsen")
    RegistrationFactory(occasion=coming.occasion, name="Anden virksomhed")

    response = caseworker_client.get(reverse("admin:registry_company_change", args=[company.pk]))

    text = _text(response)
    assert "Netværksmøder" in text
    # Newest meeting first.
    assert text.index("Rekruttering fra kanten") < text.index("Salg til kommunen")
    assert "Salg til kommunen Mette Lauridsen, 2 deltagere Netværksmøde Deltog" in text
    assert "Rekruttering fra kanten Mette Lauridsen, 1 deltager Netværksmøde Tilmeldt" in text
    assert "Anden virksomhed" not in text
    assert reverse("admin:network_meeting_change", args=[held.pk]) in response.content.decode()


def test_the_company_section_is_one_query_however_many_registrations(caseworker_client):
    from network.company_section import company_meetings_section

    company = CompanyFactory()
    for number in range(15):
        meeting = _meeting(f"Møde {number}", hours=24 * (number + 2))
        RegistrationFactory(occasion=meeting.occasion, company=company)

    with CaptureQueriesContext(connection) as queries:
        section = company_meetings_section(company)

    assert len(queries) == 1
    assert len(section.rows) == 10
    assert section.total == 15
    assert section.rows[0].title == "Møde 14"
    assert f"company__id__exact={company.pk}" in section.all_url
