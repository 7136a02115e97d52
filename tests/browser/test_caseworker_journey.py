"""The caseworker's side of an enquiry, in Chromium: find the overdue case, take it, reply."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.cases.models import Case
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_caseworker_takes_the_overdue_case_and_the_enquirer_sees_the_reply(page, caseworker):
    today = timezone.localdate()
    overdue = CaseFactory(
        subject="Hjælp til at starte et cykelværksted", deadline=today - timedelta(days=2)
    )
    CaseFactory(subject="Spørgsmål om netværksmøder", deadline=today + timedelta(days=5))

    page.goto("/admin/")
    page.get_by_label("Brugernavn").fill(caseworker.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    # The inbox sorts by deadline, so the overdue case comes first.
    page.goto("/admin/cases/case/")
    first_row = page.locator("#result_list tbody tr").first
    assert overdue.reference in first_row.inner_text()
    first_row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Tag sagen")
    page.get_by_role("button", name="Udfør").click()
    overdue.refresh_from_db()
    assert overdue.assignee == caseworker

    page.get_by_role("link", name=overdue.reference).click()
    page.get_by_label("Skift status").select_option(label="Under behandling")
    page.get_by_role("textbox", name="Besked til henvender").fill(
        "Tak for din henvendelse. Jeg ringer til dig på torsdag om værkstedet."
    )
    page.get_by_role("button", name="Gem", exact=True).click()
    overdue.refresh_from_db()
    assert overdue.status == Case.Status.IN_PROGRESS
    reply = overdue.messages.latest("created_at")
    assert reply.to == overdue.contact.email
    assert "Jeg ringer til dig på torsdag" in reply.body

    page.goto(f"/sag/{overdue.public_token}/")
    assert "Under behandling" in page.inner_text("main")
    assert "Jeg ringer til dig på torsdag" in page.inner_text("main")
    assert_no_axe_violations(page)
