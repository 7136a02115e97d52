"""Staff sign-in in Chromium: password, then an authenticator app; roles; lockout."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import services
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD
from tests.portal.cases.factories import CaseFactory

NEW_PASSWORD = "min-egen-nye-adgangskode-2026"

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("two_factor_on")]


def sign_in(page, password: str = PASSWORD) -> None:
    page.goto("/admin/")
    page.get_by_label("Brugernavn").fill("sara")  # the caseworker
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


def code_for(secret: str) -> str:
    """What an authenticator app shows for the key the page gave to type in."""
    return f"{totp(b32decode(secret.replace(' ', ''))):06d}"


def test_a_password_alone_does_not_enrol_an_app(page, caseworker):
    sign_in(page)

    page.get_by_role("heading", name="Brug linket i din invitation").wait_for()
    assert "Bed din leder om et nyt link." in page.inner_text("main")
    assert_no_axe_violations(page)


def test_caseworker_enrols_an_app_and_reaches_the_case_list_but_not_users(page, caseworker):
    case = CaseFactory(subject="Hjælp til at starte et cykelværksted")
    link = services.set_password_url(caseworker)
    page.goto(link[link.index("/admin/") :])

    page.get_by_role("heading", name="Vælg din adgangskode").wait_for()
    assert_no_axe_violations(page)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Gem adgangskoden").click()

    page.get_by_role("heading", name="Slå totrinsbekræftelse til").wait_for()
    assert page.get_by_role("img", name="QR-kode til godkendelsesappen").is_visible()
    assert_no_axe_violations(page)
    secret = page.locator("#two-factor-secret").inner_text()
    page.get_by_label("Kode fra appen").fill(code_for(secret))
    page.get_by_role("button", name="Bekræft").click()

    page.get_by_role("heading", name="Dine reservekoder").wait_for()
    assert "Gem dem et sikkert sted" in page.inner_text("main")
    assert page.locator(".two-factor-codes li").count() == 10
    assert page.get_by_role("link", name="Hent som tekstfil").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Fortsæt til administrationen").click()

    page.locator("#content-main a[href='/admin/cases/case/']").first.click()
    assert page.url.endswith("/admin/cases/case/")
    assert case.reference in page.locator("#result_list").inner_text()
    response = page.goto("/admin/auth/user/")
    assert response.status == 403


def test_manager_adds_a_member_of_staff_on_one_danish_page(page, manager, settings):
    settings.STAFF_REQUIRE_2FA = False
    page.goto("/admin/")
    page.get_by_label("Brugernavn").fill("lene")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    page.get_by_role("link", name="Medarbejdere", exact=True).first.click()
    page.locator("#content-main a[href='/admin/auth/user/add/']").first.click()
    # The click returns once the new page starts; axe must wait for all of it.
    page.get_by_role("heading", name="Ny medarbejder").wait_for()
    assert_no_axe_violations(page)
    page.get_by_label("Fornavn").fill("Mona")
    page.get_by_label("Efternavn").fill("Møller")
    page.get_by_label("E-mail").fill("mona@haderslev.dk")
    page.get_by_role("button", name="Gem", exact=True).click()

    page.get_by_text("Vi har sendt en invitation til mona@haderslev.dk").wait_for()
    assert page.get_by_role("checkbox", name="Superbrugerstatus").count() == 0
    assert_no_axe_violations(page)


def test_caseworker_with_an_app_gives_a_code_and_a_wrong_one_is_explained(page, caseworker):
    device = TOTPDevice.objects.create(user=caseworker, name="Godkendelsesapp", confirmed=True)
    sign_in(page)

    page.get_by_role("heading", name="Bekræft, at det er dig").wait_for()
    assert_no_axe_violations(page)
    page.get_by_label("Kode").fill("12345")
    page.get_by_role("button", name="Log ind").click()
    assert "Koden er forkert" in page.inner_text("main")
    assert_no_axe_violations(page)

    device.throttle_reset()
    page.get_by_label("Kode").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Log ind").click()
    page.locator("#content-main a[href='/admin/cases/case/']").first.wait_for()
    assert page.url.endswith("/admin/")


def test_five_wrong_passwords_lock_the_account(page, caseworker, settings):
    settings.AXES_ENABLED = True
    for _attempt in range(5):
        sign_in(page, password="forkert-adgangskode")

    sign_in(page)

    assert page.get_by_role("heading", name="Kontoen er låst").is_visible()
    assert "låst i 30 minutter" in page.inner_text("main")
    assert_no_axe_violations(page)
