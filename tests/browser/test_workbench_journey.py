"""A caseworker's day in Chromium: sign in with the second factor, start from the admin home,
work a case to closed, and export the list."""

import csv
import io

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.cases.models import Case
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD
from tests.portal.cases.factories import CaseFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("two_factor_on")]


def test_caseworker_works_a_case_from_the_admin_home_to_closed_and_exports(page, caseworker):
    device = TOTPDevice.objects.create(user=caseworker, name="Godkendelsesapp", confirmed=True)
    case = CaseFactory(subject="Partnerskab om grønne områder")

    page.goto("/admin/")
    page.get_by_label("Brugernavn").fill(caseworker.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_label("Kode").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Log ind").click()

    page.get_by_role("heading", name="Din dag").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="1 Sager uden sagsbehandler").click()
    page.get_by_role("link", name=case.reference).click()
    page.get_by_label("Skift status").wait_for()
    assert_no_axe_violations(page)

    page.locator("#id_assign_to").select_option(label="Sara Sagsbehandler")
    page.get_by_label("Skift status").select_option(label="Under behandling")
    page.get_by_role("button", name="Gem og fortsæt med at redigere").click()
    case.refresh_from_db()
    assert (case.assignee, case.status) == (caseworker, Case.Status.IN_PROGRESS)

    page.get_by_label("Skift status").select_option(label="Afsluttet")
    page.get_by_role("textbox", name="Besked til henvender").fill(
        "Tak for en god snak. Vi lukker sagen nu."
    )
    page.get_by_role("button", name="Gem", exact=True).click()
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED

    page.goto("/admin/cases/case/?aaben=nej")
    with page.expect_download() as download:
        page.get_by_role("link", name="Eksportér CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [case.reference]
    assert rows[1][3] == "Afsluttet"
