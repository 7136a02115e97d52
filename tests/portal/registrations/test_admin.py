"""Registrations in the admin (every kind of occasion): filter, search, mark attendance,
cancel (the waiting list moves up), export; never added or deleted by hand."""

import csv
import datetime
import io
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.notifications.models import OutboxMessage
from portal.privacy.models import PrivacyLogEntry
from portal.registrations.models import Registration
from tests.factories import CompanyFactory, OccasionFactory, RegistrationFactory
from tests.network.factories import MeetingFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:registrations_registration_changelist"


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def held():
    """A network meeting that began an hour ago."""
    starts = timezone.now() - datetime.timedelta(hours=1)
    return MeetingFactory(
        occasion__title="Salg til kommunen",
        occasion__starts_at=starts,
        occasion__registration_deadline=starts - datetime.timedelta(days=2),
    ).occasion


@pytest.fixture
def coming():
    return MeetingFactory(occasion__title="Rekruttering fra kanten", occasion__capacity=2).occasion


def _action(client, action: str, registrations, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [r.pk for r in registrations], **extra},
        follow=True,
    )


def test_the_list_filters_by_occasion_and_status_and_finds_by_company(
    caseworker_client, held, coming
):
    company = CompanyFactory(name="Café Kernen")
    RegistrationFactory(occasion=held, name="Mette Lauridsen", company=company)
    RegistrationFactory(occasion=coming, name="Jonas Brodersen", company_name="Åens Cykler")
    RegistrationFactory(occasion=coming, name="Birgit Holm", waiting=True)
    url = reverse(CHANGELIST)

    by_occasion = _text(caseworker_client.get(url, {"occasion__id__exact": coming.pk}))
    waiting = _text(caseworker_client.get(url, {"status__exact": "waiting"}))
    found = _text(caseworker_client.get(url, {"q": "kernen"}))
    by_typed_name = _text(caseworker_client.get(url, {"q": "Åens"}))

    assert "Jonas Brodersen" in by_occasion and "Mette Lauridsen" not in by_occasion
    assert "Birgit Holm" in waiting and "Jonas Brodersen" not in waiting
    assert "Mette Lauridsen" in found and "Jonas Brodersen" not in found
    assert "Jonas Brodersen" in by_typed_name


def test_marking_attended_and_no_show(caseworker_client, held):
    came = RegistrationFactory(occasion=held)
    stayed_away = RegistrationFactory(occasion=held)

    response = _action(caseworker_client, "mark_attended", [came])
    assert "1 tilmelding er markeret som »deltog«." in _text(response)
    response = _action(caseworker_client, "mark_no_show", [stayed_away])
    assert "1 tilmelding er markeret som »udeblev«." in _text(response)

    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert came.status == Registration.Status.ATTENDED
    assert stayed_away.status == Registration.Status.NO_SHOW


def test_marking_attendance_before_the_day_is_refused(caseworker_client, coming):
    registration = RegistrationFactory(occasion=coming)

    response = _action(caseworker_client, "mark_attended", [registration])

    assert "Fremmøde kan først registreres på dagen for arrangementet." in _text(response)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_cancelling_tells_the_person_and_promotes_the_first_waiting(
    caseworker_client, caseworker, coming
):
    seated = RegistrationFactory(occasion=coming, seats=2, email="mette@kernen.dk")
    waiting = RegistrationFactory(occasion=coming, email="birgit@genbrug.dk", waiting=True)

    response = _action(caseworker_client, "cancel", [seated])

    assert "1 tilmelding er afmeldt, og deltageren har fået besked." in _text(response)
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.status == Registration.Status.CANCELLED
    assert seated.cancelled_by == Registration.CancelledBy.STAFF
    assert seated.history.first().history_user == caseworker
    assert waiting.status == Registration.Status.CONFIRMED
    assert set(OutboxMessage.objects.values_list("to", flat=True)) == {
        "mette@kernen.dk",
        "birgit@genbrug.dk",
    }


def test_the_export_has_the_filtered_registrations(caseworker_client, held, coming):
    RegistrationFactory(occasion=coming, name="Jonas Brodersen", needs="=HYPERLINK(1)")
    RegistrationFactory(occasion=held, name="Mette Lauridsen")

    response = caseworker_client.get(
        reverse("admin:registrations_registration_export", args=["csv"]),
        {"occasion__id__exact": coming.pk},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Arrangement", "Starter", "Navn"]
    assert [row[2] for row in rows[1:]] == ["Jonas Brodersen"]
    assert "'=HYPERLINK(1)" in rows[1]
    assert PrivacyLogEntry.objects.filter(total=1).exists()


def test_the_changelist_links_to_the_export(caseworker_client, coming):
    RegistrationFactory(occasion=coming)

    html = caseworker_client.get(reverse(CHANGELIST)).content.decode()

    assert reverse("admin:registrations_registration_export", args=["xlsx"]) in html


def test_registrations_are_not_added_or_deleted_by_hand(caseworker_client, coming):
    registration = RegistrationFactory(occasion=coming)

    add = caseworker_client.get(reverse("admin:registrations_registration_add"))
    delete = caseworker_client.get(
        reverse("admin:registrations_registration_delete", args=[registration.pk])
    )

    assert add.status_code == 403
    assert delete.status_code == 403


def test_only_needs_and_consent_can_be_corrected(caseworker_client, coming):
    registration = RegistrationFactory(occasion=coming, name="Mette", email="mette@kernen.dk")

    response = caseworker_client.post(
        reverse("admin:registrations_registration_change", args=[registration.pk]),
        {"name": "Nogen andre", "email": "x@example.dk", "needs": "Vegetar", "listed": "on"},
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.email) == ("Mette", "mette@kernen.dk")
    assert (registration.needs, registration.listed) == ("Vegetar", True)


def test_the_registration_page_links_to_its_meeting(caseworker_client, coming):
    registration = RegistrationFactory(occasion=coming, waiting=True)

    response = caseworker_client.get(
        reverse("admin:registrations_registration_change", args=[registration.pk])
    )

    html = response.content.decode()
    assert reverse("admin:network_meeting_change", args=[coming.pk]) in html
    assert "Rekruttering fra kanten" in html


def test_an_occasion_of_an_unknown_kind_is_shown_without_a_link(caseworker_client):
    RegistrationFactory(occasion=OccasionFactory(title="Ukendt slags"))

    response = caseworker_client.get(reverse(CHANGELIST))

    assert "Ukendt slags" in _text(response)


def test_an_outsider_may_not_see_or_act_on_registrations(outsider_client, coming):
    registration = RegistrationFactory(occasion=coming)

    assert outsider_client.get(reverse(CHANGELIST)).status_code == 403
    response = outsider_client.post(
        reverse(CHANGELIST), {"action": "cancel", "_selected_action": [registration.pk]}
    )
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_the_company_pages_link_lists_only_that_companys_registrations(caseworker_client, coming):
    company = CompanyFactory(name="Café Kernen")
    RegistrationFactory(occasion=coming, name="Mette Lauridsen", company=company)
    RegistrationFactory(occasion=coming, name="Jonas Brodersen", company=CompanyFactory())

    response = caseworker_client.get(reverse(CHANGELIST), {"company__id__exact": company.pk})

    assert response.status_code == 200
    text = _text(response)
    assert "Mette Lauridsen" in text and "Jonas Brodersen" not in text
