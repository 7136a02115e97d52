"""A caseworker runs a network meeting from the admin in Chromium: the tiles, the meeting
page, a message to everyone (with one mistake first), the list for the door, attendance at a
meeting that has been held, cancelling, and the dialogue lists; axe on every page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.notifications.models import OutboxMessage
from portal.registrations.models import Occasion, Registration
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD
from tests.factories import CompanyFactory, RegistrationFactory
from tests.network.factories import FollowUpFactory, MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, user) -> None:
    page.goto("/admin/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Din dag").wait_for()


def test_caseworker_runs_a_meeting_from_the_admin(page, caseworker):
    meeting = MeetingFactory(occasion__title="Rekruttering fra kanten", occasion__capacity=3)
    mette = RegistrationFactory(
        occasion=meeting.occasion,
        name="Mette Lauridsen",
        email="mette@kernen.dk",
        company_name="Café Kernen",
        needs="Vegetar",
        listed=True,
    )
    jonas = RegistrationFactory(
        occasion=meeting.occasion, name="Jonas Brodersen", email="jonas@aaen.dk", seats=2
    )
    FollowUpFactory(
        company=CompanyFactory(name="Østergades Genbrug"),
        due_on=timezone.localdate() - datetime.timedelta(days=3),
        assignee=caseworker,
    )

    _sign_in(page, caseworker)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Opfølgninger forfaldne")).click()
    assert page.get_by_text("Østergades Genbrug").first.is_visible()
    assert_no_axe_violations(page)

    page.goto(reverse("admin:network_meeting_changelist"))
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Rekruttering fra kanten").click()
    page.get_by_role("link", name="Mette Lauridsen").wait_for()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Send besked").click()
    page.get_by_role("textbox", name="Emne:").fill("Husk parkering bag rådhuset")
    page.get_by_role("button", name="Se beskeden før afsendelse").click()
    assert page.locator(".errorlist").first.is_visible()  # the text was forgotten
    assert_no_axe_violations(page)
    page.get_by_role("textbox", name="Tekst:").fill("Der er gratis parkering bag rådhuset.")
    page.get_by_role("button", name="Se beskeden før afsendelse").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send beskeden").click()
    page.locator(".messagelist").wait_for()
    sent = OutboxMessage.objects.filter(subject="Husk parkering bag rådhuset")
    assert sorted(sent.values_list("to", flat=True)) == ["jonas@aaen.dk", "mette@kernen.dk"]

    page.goto(reverse("admin:network_meeting_participants", args=[meeting.pk]))
    assert page.get_by_role("cell", name="Vegetar").is_visible()
    assert_no_axe_violations(page)

    page.goto(reverse("admin:network_meeting_cancel", args=[meeting.pk]))
    assert_no_axe_violations(page)
    page.get_by_role("textbox", name="Begrundelse:").fill("Oplægsholderen er blevet syg.")
    page.get_by_role("button", name="Aflys mødet").click()
    page.get_by_text(re.compile(r"Mødet er aflyst\. \d+ tilmeldte? får besked")).wait_for()
    meeting.occasion.refresh_from_db()
    assert meeting.occasion.is_cancelled
    assert {mette.email, jonas.email} <= set(
        OutboxMessage.objects.filter(subject__startswith="Aflyst").values_list("to", flat=True)
    )
    assert_no_axe_violations(page)


def test_caseworker_marks_attendance_after_the_meeting(page, caseworker):
    meeting = MeetingFactory(occasion__title="Netværkscafé")
    came = RegistrationFactory(occasion=meeting.occasion, name="Amina Hassan")
    stayed_away = RegistrationFactory(occasion=meeting.occasion, name="Peter Juhl")
    held = timezone.now() - datetime.timedelta(hours=2)
    Occasion.objects.filter(pk=meeting.pk).update(
        starts_at=held,
        ends_at=held + datetime.timedelta(hours=1),
        registration_deadline=held - datetime.timedelta(days=2),
    )

    _sign_in(page, caseworker)
    page.goto(reverse("admin:network_meeting_attendance", args=[meeting.pk]))
    assert_no_axe_violations(page)
    page.get_by_role("group", name="Amina Hassan").get_by_label("Deltog").check()
    page.get_by_role("group", name="Peter Juhl").get_by_label("Udeblev").check()
    page.get_by_role("button", name="Gem fremmødet").click()
    page.locator(".messagelist").wait_for()

    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert (came.status, stayed_away.status) == (
        Registration.Status.ATTENDED,
        Registration.Status.NO_SHOW,
    )
    assert_no_axe_violations(page)
    page.goto(reverse("admin:registry_company_quiet"))
    assert_no_axe_violations(page)
