"""A company takes the last seat at a network meeting, gets the invitation, cancels, and the
first on the waiting list moves up and is told."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from portal.intake import ContactData
from portal.notifications.models import OutboxMessage
from portal.registrations import services
from portal.registrations.calendar import occasion_uid
from portal.registrations.models import Registration
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import RegistrationFactory
from tests.network.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
ADDRESS = "Rådhuset, Gåskærgade 26, 6100 Haderslev"


def _starts() -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=21)
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=COPENHAGEN)


def test_a_company_registers_cancels_and_the_waiting_list_moves_up(page):
    starts = _starts()
    meeting = MeetingFactory(
        occasion__title="Rekruttering fra kanten",
        occasion__starts_at=starts,
        occasion__ends_at=starts + datetime.timedelta(hours=3),
        occasion__registration_deadline=starts - datetime.timedelta(days=7),
        occasion__capacity=3,
        occasion__address=ADDRESS,
    )
    occasion = meeting.occasion
    RegistrationFactory(occasion=occasion, seats=2, name="Anna Andersen")

    page.goto("/")
    assert page.get_by_role("heading", name="Næste netværksmøder med ledige pladser").is_visible()
    assert_no_axe_violations(page)

    page.goto("/netvaerk/")
    assert page.get_by_role("heading", level=1).inner_text() == "Efterværn, netværk og sparring"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Se alle netværksmøder").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Netværksmøder"
    assert page.get_by_text("1 ledig plads").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Rekruttering fra kanten").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Rekruttering fra kanten"
    assert_no_axe_violations(page)
    page.get_by_label("Dit navn").fill("Mette Hansen")
    page.get_by_role("textbox", name="E-mail").fill("mette@cafe-kanten")  # the mistake
    page.get_by_label("Virksomhedens navn").fill("Café Kanten")
    page.get_by_label("Hvor mange kommer I?").fill("1")
    page.get_by_label("Særlige behov").fill("Vegetar")
    page.get_by_label("Mit navn og min virksomhed må stå på deltagerlisten").check()
    page.get_by_role("button", name="Tilmeld", exact=True).click()

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Skriv en gyldig e-mail-adresse" in summary.inner_text()
    assert page.title().startswith("Fejl:")
    assert page.get_by_label("Dit navn").input_value() == "Mette Hansen"
    assert page.get_by_label("Særlige behov").input_value() == "Vegetar"
    assert_no_axe_violations(page)
    assert not Registration.objects.filter(name="Mette Hansen").exists()

    summary.get_by_role("link").first.click()
    page.get_by_role("textbox", name="E-mail").fill("mette@cafe-kanten.dk")
    page.get_by_role("button", name="Tilmeld", exact=True).click()

    mette = Registration.objects.get(email="mette@cafe-kanten.dk")
    assert mette.status == Registration.Status.CONFIRMED
    assert page.url.endswith(f"/tilmelding/{mette.token}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Din tilmelding"
    assert page.get_by_text("Du er tilmeldt.").is_visible()
    assert_no_axe_violations(page)

    # The confirmation carries the calendar invitation.
    [confirmation] = OutboxMessage.objects.filter(to="mette@cafe-kanten.dk")
    assert confirmation.subject == "Du er tilmeldt: Rekruttering fra kanten"
    [attachment] = confirmation.attachments
    assert attachment["filename"].endswith(".ics")
    [event] = Calendar.from_ical(attachment["content"]).walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "Europe/Copenhagen"
    assert event.decoded("dtstart") == starts
    assert str(event.decoded("dtstart").tzinfo) == "Europe/Copenhagen"
    assert str(event["location"]) == ADDRESS
    assert str(event["uid"]) == occasion_uid(occasion)

    # The meeting is full now: the next one goes on the waiting list.
    ole = services.register(
        occasion=occasion, contact=ContactData(name="Ole Olsen", email="ole@cykel.dk")
    )
    assert ole.status == Registration.Status.WAITING

    page.get_by_role("link", name="Afmeld").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vil du afmelde dig?"
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, afmeld mig").click()

    assert page.url.endswith(f"/tilmelding/{mette.token}/")
    assert page.get_by_text("Du er afmeldt").first.is_visible()
    assert_no_axe_violations(page)
    mette.refresh_from_db()
    assert mette.status == Registration.Status.CANCELLED

    ole.refresh_from_db()
    assert ole.status == Registration.Status.CONFIRMED
    assert ole.promoted_at is not None
    assert OutboxMessage.objects.filter(
        to="ole@cykel.dk", subject="Du har fået en plads: Rekruttering fra kanten"
    ).exists()


def test_waiting_list_and_closed_meeting_pages_are_accessible(page):
    starts = _starts()
    full = MeetingFactory(occasion__title="Fuldt møde", occasion__capacity=1)
    RegistrationFactory(occasion=full.occasion)
    cancelled = MeetingFactory(
        occasion__title="Aflyst møde",
        occasion__starts_at=starts,
        occasion__ends_at=starts + datetime.timedelta(hours=2),
        occasion__registration_deadline=starts - datetime.timedelta(days=2),
        occasion__cancellation_reason="Oplægsholderen er blevet syg.",
    )
    cancelled.occasion.cancelled_at = timezone.now()
    cancelled.occasion.save()

    page.goto(full.get_absolute_url())
    assert page.get_by_text("Fuldt – skriv dig på ventelisten").first.is_visible()
    assert page.get_by_role("button", name="Skriv mig på ventelisten").is_visible()
    assert_no_axe_violations(page)

    page.goto(cancelled.get_absolute_url())
    assert page.get_by_text("Mødet er aflyst").is_visible()
    assert page.get_by_role("button", name="Tilmeld").count() == 0
    assert_no_axe_violations(page)

    page.goto("/netvaerk/moeder/")
    assert_no_axe_violations(page)

    page.goto(f"/en/netvaerk/moeder/{full.pk}/")
    assert_no_axe_violations(page)

    # The address already on the list: the page only says to check the e-mail.
    page.goto(full.get_absolute_url())
    page.get_by_label("Dit navn").fill("Mette Hansen")
    page.get_by_role("textbox", name="E-mail").fill(full.occasion.registrations.get().email)
    page.get_by_role("button", name="Skriv mig på ventelisten").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tjek din e-mail"
    assert_no_axe_violations(page)
    assert full.occasion.registrations.count() == 1
