from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import services, twofactor
from tests.conftest import PASSWORD

__all__ = [
    "NEW_PASSWORD",
    "PASSWORD",
    "current_code",
    "invitation_link",
    "sign_in",
    "through_invitation",
]

NEW_PASSWORD = "min-egen-nye-adgangskode-2026"


def current_code(device: TOTPDevice) -> str:
    """What the caseworker's authenticator app shows right now."""
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{token:0{device.digits}d}"


def sign_in(client, username: str, password: str = PASSWORD, next_url: str = "/admin/"):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": next_url}
    )


@pytest.fixture
def two_factor_on(settings):
    settings.STAFF_REQUIRE_2FA = True
    return settings


@pytest.fixture
def enrolled_caseworker(caseworker):
    """The caseworker with a confirmed app and backup codes; `.backup_codes` holds them."""
    device = TOTPDevice.objects.create(user=caseworker, name="Godkendelsesapp", confirmed=True)
    caseworker.backup_codes = twofactor.replace_backup_codes(caseworker)
    caseworker.device = device
    return caseworker


def invitation_link(user) -> str:
    """The link in the user's invitation e-mail, as a path."""
    return urlsplit(services.set_password_url(user)).path


def through_invitation(client, user, password: str = NEW_PASSWORD):
    """Open the invitation's link and choose a password, as the new member of staff does."""
    page = client.get(invitation_link(user), follow=True)
    return client.post(
        page.request["PATH_INFO"], {"new_password1": password, "new_password2": password}
    )
