"""The invitation's link: choose a password once, within three days, then enrol the app."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.portal.accounts.conftest import (
    NEW_PASSWORD,
    current_code,
    invitation_link,
    sign_in,
    through_invitation,
)

pytestmark = pytest.mark.django_db

ENROL = reverse("admin:two-factor-enrol")
REFUSED = "Du skal bruge linket i din invitation for at slå totrinsbekræftelse til."


@pytest.fixture
def new_caseworker(caseworker):
    caseworker.set_unusable_password()
    caseworker.save()
    return caseworker


def test_the_link_sets_the_password_signs_in_and_goes_to_enrolment(
    client, new_caseworker, two_factor_on
):
    response = through_invitation(client, new_caseworker)

    assert response.url.startswith(ENROL)
    page = client.get(response.url).content.decode()
    assert "Slå totrinsbekræftelse til" in page
    assert "QR-kode til godkendelsesappen" in page
    new_caseworker.refresh_from_db()
    assert new_caseworker.check_password(NEW_PASSWORD)


def test_after_enrolling_from_the_link_the_admin_opens(client, new_caseworker, two_factor_on):
    through_invitation(client, new_caseworker)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=new_caseworker)

    client.post(ENROL, {"code": current_code(device), "next": "/admin/"})

    assert client.get("/admin/").status_code == 200


def test_the_link_works_once(client, new_caseworker, two_factor_on):
    link = invitation_link(new_caseworker)
    through_invitation(client, new_caseworker)
    client.logout()

    page = client.get(link, follow=True).content.decode()

    assert "Linket virker ikke længere" in page
    assert "Bed din" in page
    assert 'name="new_password1"' not in page


def test_the_link_expires_after_three_days(client, new_caseworker, two_factor_on, monkeypatch):
    link = invitation_link(new_caseworker)
    later = datetime.now() + timedelta(days=3, hours=1)  # noqa: DTZ005 - as the generator counts
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    page = client.get(link, follow=True).content.decode()

    assert "Linket virker ikke længere" in page


def test_a_mistyped_confirmation_is_refused_in_danish_and_nothing_is_saved(client, new_caseworker):
    page = client.get(invitation_link(new_caseworker), follow=True)

    response = client.post(
        page.request["PATH_INFO"],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
    )

    assert response.status_code == 200
    assert "De to adgangskoder" in response.content.decode()
    new_caseworker.refresh_from_db()
    assert not new_caseworker.has_usable_password()


def test_the_demo_password_cannot_be_chosen(client, new_caseworker):
    response = through_invitation(client, new_caseworker, password="socialokonomi-demo")

    assert "Den adgangskode er offentlig" in response.content.decode()


def test_a_password_alone_cannot_enrol_an_app(client, caseworker, two_factor_on):
    response = sign_in(client, "sara")

    page = client.get(response.url)

    assert page.status_code == 403
    assert REFUSED in page.content.decode()
    assert "Bed din leder om et nyt link." in page.content.decode()
    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    assert client.post(ENROL, {"code": "123456", "next": "/admin/"}).status_code == 403
    assert client.get("/admin/").status_code == 302


def test_signing_out_ends_what_the_link_allowed(client, new_caseworker, two_factor_on):
    through_invitation(client, new_caseworker)
    client.post(reverse("admin:two-factor-cancel"))

    sign_in(client, new_caseworker.username, password=NEW_PASSWORD)

    assert REFUSED in client.get(ENROL).content.decode()


def test_the_email_signs_in_whatever_its_case(manager_client):
    manager_client.post(
        reverse("admin:auth_user_add"),
        {
            "first_name": "Mona",
            "last_name": "Møller",
            "email": "Mona.Moller@haderslev.dk",
            "role": "Sagsbehandler",
            "is_active": "on",
        },
    )
    mona = get_user_model().objects.get(email="mona.moller@haderslev.dk")
    mona.set_password(NEW_PASSWORD)
    mona.save()
    manager_client.logout()

    # The staff page stored the e-mail in lower case; Mona types it as on her business card.
    response = sign_in(manager_client, "Mona.Moller@Haderslev.dk", password=NEW_PASSWORD)

    assert response.status_code == 302 and response.url == "/admin/"
