import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import twofactor
from tests.conftest import PASSWORD

__all__ = ["PASSWORD", "current_code", "sign_in"]


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
