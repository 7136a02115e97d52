"""Every staff user needs a second factor: an authenticator app, or a backup code."""

import importlib
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

import portal.settings
from portal.accounts import roles
from tests.portal.accounts.conftest import PASSWORD, current_code, sign_in, through_invitation

pytestmark = pytest.mark.django_db

ENROL = reverse("admin:two-factor-enrol")
VERIFY = reverse("admin:two-factor-verify")
BACKUP_CODES = reverse("admin:two-factor-backup-codes")


def enrol_url(next_url: str = "/admin/") -> str:
    return f"{ENROL}?next={next_url.replace('/', '%2F')}"


def test_a_password_alone_leads_to_enrolment_not_into_the_admin(client, caseworker, two_factor_on):
    response = sign_in(client, "sara", next_url="/admin/cases/case/")

    assert response.url == enrol_url("/admin/cases/case/")
    index = client.get(reverse("admin:index"))
    assert index.status_code == 302
    assert client.get(index.url).url.startswith(ENROL)
    assert client.get(reverse("admin:cases_case_changelist")).status_code == 302


def test_enrolment_page_shows_a_qr_code_and_the_secret_in_danish(client, caseworker, two_factor_on):
    through_invitation(client, caseworker)

    page = client.get(enrol_url()).content.decode()

    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    assert "Slå totrinsbekræftelse til" in page
    assert '<svg role="img" aria-label="QR-kode til godkendelsesappen"' in page
    secret = re.search(r'id="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "") == device.config_url.split("secret=")[1].split("&")[0]
    # Reloading keeps the same key: the app that scanned it keeps working.
    assert client.get(enrol_url()).content.decode().count(secret) == 1
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1


def test_enrolment_refuses_a_wrong_code_with_a_danish_error(client, caseworker, two_factor_on):
    through_invitation(client, caseworker)
    client.get(enrol_url())
    device = TOTPDevice.objects.get(user=caseworker)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(enrol_url(), {"code": wrong, "next": "/admin/"})

    assert response.status_code == 200
    assert "Koden er forkert. Prøv igen." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("admin:index")).status_code == 302


def test_enrolment_with_the_right_code_shows_ten_backup_codes_once_and_opens_the_admin(
    client, caseworker, two_factor_on
):
    through_invitation(client, caseworker)
    client.get(enrol_url("/admin/cases/case/"))
    device = TOTPDevice.objects.get(user=caseworker)

    response = client.post(
        enrol_url("/admin/cases/case/"),
        {"code": current_code(device), "next": "/admin/cases/case/"},
        follow=True,
    )

    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(BACKUP_CODES)
    assert "Gem dem et sikkert sted" in page
    codes = StaticToken.objects.filter(device__user=caseworker).values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in page for code in codes)
    assert 'href="/admin/cases/case/"' in page
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:cases_case_changelist")).status_code == 200
    # Shown once only.
    assert client.get(BACKUP_CODES).status_code == 302


def test_someone_with_only_the_password_cannot_enrol_a_second_app(
    client, enrolled_caseworker, two_factor_on
):
    response = sign_in(client, "sara")

    assert response.url.startswith(VERIFY)
    assert client.get(ENROL).url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=enrolled_caseworker).count() == 1


def test_the_code_from_the_app_opens_the_admin(client, enrolled_caseworker, two_factor_on):
    sign_in(client, "sara")

    response = client.post(
        VERIFY, {"code": current_code(enrolled_caseworker.device), "next": "/admin/"}
    )

    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_gets_a_danish_error_next_to_the_field(
    client, enrolled_caseworker, two_factor_on
):
    sign_in(client, "sara")

    response = client.post(VERIFY, {"code": "000000", "next": "/admin/"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Bekræft, at det er dig" in page
    assert re.search(r'class="errorlist"[^>]*>\s*<li>Koden er forkert', page)
    assert client.get("/admin/").status_code == 302


def test_a_backup_code_works_once(client, enrolled_caseworker, two_factor_on):
    code = enrolled_caseworker.backup_codes[0]
    sign_in(client, "sara")

    assert client.post(VERIFY, {"code": code.upper(), "next": "/admin/"}).url == "/admin/"
    assert client.get("/admin/").status_code == 200

    client.logout()
    sign_in(client, "sara")
    response = client.post(VERIFY, {"code": code, "next": "/admin/"})
    assert "Koden er forkert" in response.content.decode()
    assert StaticToken.objects.filter(device__user=enrolled_caseworker).count() == 9


def test_five_wrong_codes_sign_the_user_out(client, enrolled_caseworker, two_factor_on):
    two_factor_on.OTP_TOTP_THROTTLE_FACTOR = 0
    two_factor_on.OTP_STATIC_THROTTLE_FACTOR = 0
    sign_in(client, "sara")

    for _attempt in range(4):
        assert client.post(VERIFY, {"code": "abcdefgh"}).status_code == 200
    response = client.post(VERIFY, {"code": "abcdefgh"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("admin:login")
    assert "forkert kode for mange gange" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_codes_tried_too_fast_must_wait(client, enrolled_caseworker, two_factor_on):
    sign_in(client, "sara")
    client.post(VERIFY, {"code": "000000"})

    response = client.post(VERIFY, {"code": current_code(enrolled_caseworker.device)})

    assert "Vent et øjeblik" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_cancel_signs_out_from_the_code_page(client, enrolled_caseworker, two_factor_on):
    sign_in(client, "sara")

    response = client.post(reverse("admin:two-factor-cancel"))

    assert response.url == reverse("admin:login")
    assert client.get(VERIFY).url == reverse("admin:login")


def test_code_pages_are_only_for_staff_who_gave_their_password(client, two_factor_on):
    assert client.get(VERIFY).url == reverse("admin:login")
    assert client.get(ENROL).url == reverse("admin:login")


def test_the_requirement_applies_to_managers_too(client, manager, two_factor_on):
    assert sign_in(client, "lene").url.startswith(ENROL)


def test_without_the_setting_a_password_is_enough(client, caseworker, settings):
    settings.STAFF_REQUIRE_2FA = False

    assert sign_in(client, "sara").url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_demo_caseworker_skips_two_factor_only_with_debug(
    client, django_user_model, two_factor_on
):
    demo = django_user_model.objects.create_user(
        username="sagsbehandler", password=PASSWORD, is_staff=True
    )
    demo.groups.set(Group.objects.filter(name=roles.CASEWORKER))
    two_factor_on.DEMO_2FA_EXEMPT_USERNAMES = ["sagsbehandler"]

    two_factor_on.DEBUG = True
    assert sign_in(client, "sagsbehandler").url == "/admin/"
    assert client.get("/admin/").status_code == 200

    client.logout()
    two_factor_on.DEBUG = False
    assert sign_in(client, "sagsbehandler").url.startswith(ENROL)
    assert client.get("/admin/").status_code == 302


def test_the_demo_exemption_is_empty_in_production_settings(monkeypatch):
    monkeypatch.setenv("DEBUG", "0")
    try:
        production = importlib.reload(portal.settings)
        assert production.DEMO_2FA_EXEMPT_USERNAMES == []
        assert production.STAFF_REQUIRE_2FA is True
        assert getattr(production, "AXES_ENABLED", True) is True
        monkeypatch.setenv("DEBUG", "1")
        assert importlib.reload(portal.settings).DEMO_2FA_EXEMPT_USERNAMES == [
            "sagsbehandler",
            "leder",
        ]
    finally:
        monkeypatch.undo()
        importlib.reload(portal.settings)


def hidden_next(page: str) -> str:
    match = re.search(r'name="next" value="([^"]*)"', page)
    return match.group(1) if match else ""


@pytest.mark.parametrize(
    ("login_url", "lands_on"),
    [
        ("/admin/login/", "/admin/"),
        ("/admin/login/?next=", "/admin/"),
        ("/admin/login/?next=/admin/cases/case/", "/admin/cases/case/"),
        ("/admin/login/?next=https://evil.example/admin/", "/admin/"),
    ],
)
def test_after_the_code_staff_land_on_the_admin_home_or_the_page_they_asked_for(
    client, enrolled_caseworker, two_factor_on, login_url, lands_on
):
    # As a browser does it: the forms' own hidden fields are posted back.
    login_page = client.get(login_url).content.decode()
    response = client.post(
        login_url,
        {"username": "sara", "password": PASSWORD, "next": hidden_next(login_page)},
        follow=True,
    )
    assert "Bekræft, at det er dig" in response.content.decode()

    response = client.post(
        response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"],
        {
            "code": current_code(enrolled_caseworker.device),
            "next": hidden_next(response.content.decode()),
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == lands_on
    assert response.status_code == 200


def test_without_two_factor_a_sign_in_without_next_lands_on_the_admin_home(
    client, caseworker, settings
):
    settings.STAFF_REQUIRE_2FA = False

    response = sign_in(client, "sara", next_url="")

    assert response.url == "/admin/"
