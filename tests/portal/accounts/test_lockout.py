"""django-axes locks an account after five failed sign-ins and says so in Danish."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.portal.accounts.conftest import sign_in

pytestmark = pytest.mark.django_db

VERIFY = reverse("admin:two-factor-verify")


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    return settings


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, caseworker, axes_on):
    for _attempt in range(4):
        response = sign_in(client, "sara", password="forkert")
        assert response.status_code == 200
        assert "Kontoen er låst" not in response.content.decode()

    fifth = sign_in(client, "sara", password="forkert")
    sixth = sign_in(client, "sara")

    for response in (fifth, sixth):
        page = response.content.decode()
        assert response.status_code == 429
        assert "Kontoen er låst" in page
        assert "låst i 30 minutter" in page
        assert "kontakt din leder" in page
    assert client.get("/admin/").status_code == 302


def test_the_lock_is_per_username(client, caseworker, manager, axes_on):
    for _attempt in range(5):
        sign_in(client, "sara", password="forkert")

    assert sign_in(client, "lene").status_code == 302


def test_a_manager_unlocks_by_deleting_the_attempts(client, caseworker, axes_on):
    for _attempt in range(5):
        sign_in(client, "sara", password="forkert")

    AccessAttempt.objects.filter(username="sara").delete()

    assert sign_in(client, "sara").url == "/admin/"


def test_wrong_codes_count_towards_the_lock(client, enrolled_caseworker, axes_on):
    axes_on.STAFF_REQUIRE_2FA = True
    axes_on.OTP_STATIC_THROTTLE_FACTOR = 0
    sign_in(client, "sara", password="forkert")
    sign_in(client, "sara", password="forkert")
    sign_in(client, "sara")

    client.post(VERIFY, {"code": "abcdefgh"})
    client.post(VERIFY, {"code": "abcdefgh"})
    response = client.post(VERIFY, {"code": "abcdefgh"})

    assert response.status_code == 429
    assert "Kontoen er låst" in response.content.decode()
    assert client.get(VERIFY).url == reverse("admin:login")
    assert sign_in(client, "sara").status_code == 429
