"""Backup codes: printed or downloaded while shown, and new ones made by a verified user."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from tests.portal.accounts.conftest import current_code, sign_in

pytestmark = pytest.mark.django_db

NEW_CODES = reverse("admin:two-factor-new-backup-codes")
DOWNLOAD = reverse("admin:two-factor-backup-codes-download")
VERIFY = reverse("admin:two-factor-verify")


@pytest.fixture
def verified(client, enrolled_caseworker, two_factor_on):
    sign_in(client, "sara")
    client.post(VERIFY, {"code": current_code(enrolled_caseworker.device), "next": "/admin/"})
    return enrolled_caseworker


def test_a_verified_user_makes_new_codes_and_the_old_stop_working(client, verified):
    page = client.get(NEW_CODES).content.decode()
    assert "Du har 10 ubrugte reservekoder." in page
    assert "Lav nye reservekoder" in page

    response = client.post(NEW_CODES, follow=True)

    page = response.content.decode()
    new = set(StaticToken.objects.filter(device__user=verified).values_list("token", flat=True))
    assert len(new) == 10
    assert not new & set(verified.backup_codes)
    assert all(code in page for code in new)
    assert "De gamle virker ikke længere." in page
    client.logout()
    sign_in(client, "sara")
    response = client.post(VERIFY, {"code": verified.backup_codes[0], "next": "/admin/"})
    assert "Koden er forkert" in response.content.decode()


def test_the_codes_shown_can_be_downloaded_as_a_text_file(client, verified):
    client.post(NEW_CODES, follow=True)
    codes = StaticToken.objects.filter(device__user=verified).values_list("token", flat=True)

    response = client.get(DOWNLOAD)

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="reservekoder.txt"'
    text = response.content.decode()
    assert "Reservekoder til Socialøkonomi-portalen" in text
    assert all(code in text for code in codes)


def test_the_page_offers_download_and_a_print_stylesheet(client, verified):
    page = client.post(NEW_CODES, follow=True).content.decode()

    assert f'href="{DOWNLOAD}"' in page
    assert "Hent som tekstfil" in page
    assert "accounts/signin.css" in page


def test_without_codes_just_shown_there_is_nothing_to_download(client, verified):
    response = client.get(DOWNLOAD, follow=True)

    assert "Reservekoderne kan kun hentes lige efter" in response.content.decode()


def test_new_codes_need_a_verified_session(client, enrolled_caseworker, two_factor_on):
    sign_in(client, "sara")

    assert client.post(NEW_CODES).status_code == 302
    assert set(
        StaticToken.objects.filter(device__user=enrolled_caseworker).values_list("token", flat=True)
    ) == set(enrolled_caseworker.backup_codes)
