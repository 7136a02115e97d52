"""django-axes locks sign-in after failed attempts and says so in Danish: five for a user name
from one address, twenty from everywhere; a whole sign-in ends the count; a manager unlocks."""

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.portal.accounts.conftest import current_code, sign_in

pytestmark = pytest.mark.django_db

VERIFY = reverse("admin:two-factor-verify")
LOCKED = reverse("admin:accounts-locked")


def sign_in_from(client, address: str, username: str, password: str = PASSWORD):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


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


def test_someone_who_only_knows_the_username_cannot_lock_it_from_elsewhere(
    client, caseworker, axes_on
):
    for _attempt in range(5):
        sign_in_from(client, "10.9.9.9", "sara", password="forkert")

    assert sign_in_from(client, "10.9.9.9", "sara").status_code == 429
    assert sign_in_from(client, "192.168.1.20", "sara").url == "/admin/"


def test_twenty_failures_from_many_addresses_lock_the_username_everywhere(
    client, caseworker, axes_on
):
    for attempt in range(20):
        sign_in_from(client, f"10.0.0.{attempt}", "sara", password="forkert")

    response = sign_in_from(client, "192.168.1.20", "sara")

    assert response.status_code == 429
    assert "Kontoen er låst" in response.content.decode()


def test_a_whole_sign_in_ends_the_count(client, caseworker, axes_on):
    for _attempt in range(4):
        sign_in(client, "sara", password="forkert")
    assert sign_in(client, "sara").url == "/admin/"
    client.logout()

    for _attempt in range(4):
        assert sign_in(client, "sara", password="forkert").status_code == 200

    assert sign_in(client, "sara").url == "/admin/"


def test_the_password_alone_does_not_end_the_count_before_the_code(
    client, enrolled_caseworker, axes_on
):
    axes_on.STAFF_REQUIRE_2FA = True
    for _attempt in range(4):
        sign_in(client, "sara", password="forkert")

    sign_in(client, "sara")

    assert AccessAttempt.objects.get(username="sara").failures_since_start == 4
    client.post(VERIFY, {"code": current_code(enrolled_caseworker.device), "next": "/admin/"})
    assert not AccessAttempt.objects.filter(username="sara").exists()


def test_a_right_code_refused_by_the_throttle_does_not_count(client, enrolled_caseworker, axes_on):
    axes_on.STAFF_REQUIRE_2FA = True
    sign_in(client, "sara")
    client.post(VERIFY, {"code": "000000"})
    assert AccessAttempt.objects.get(username="sara").failures_since_start == 1

    response = client.post(VERIFY, {"code": current_code(enrolled_caseworker.device)})

    assert "Vent et øjeblik" in response.content.decode()
    assert AccessAttempt.objects.get(username="sara").failures_since_start == 1


def test_the_manager_sees_who_is_locked_and_unlocks_them(client, caseworker, manager, axes_on):
    for _attempt in range(5):
        sign_in_from(client, "10.9.9.9", "sara", password="forkert")
    client.force_login(manager)

    page = client.get(LOCKED).content.decode()

    assert "Sara Sagsbehandler" in page
    assert "10.9.9.9" in page
    assert "Lås op" in page
    response = client.post(reverse("admin:accounts-unlock"), {"username": "sara"}, follow=True)
    assert "Brugernavnet »sara« kan logge ind igen." in response.content.decode()
    assert "Ingen konti er låst lige nu." in response.content.decode()
    assert LogEntry.objects.filter(object_id=str(caseworker.pk), user=manager).exists()
    client.logout()
    assert sign_in_from(client, "10.9.9.9", "sara").url == "/admin/"


def test_a_caseworker_may_not_see_or_unlock_locked_accounts(client, caseworker, axes_on):
    for _attempt in range(5):
        sign_in_from(client, "10.9.9.9", "lene", password="forkert")
    client.force_login(caseworker)

    assert client.get(LOCKED).status_code == 403
    assert client.post(reverse("admin:accounts-unlock"), {"username": "lene"}).status_code == 403
    assert AccessAttempt.objects.filter(username="lene").exists()


def test_unlocking_needs_a_post(manager_client):
    assert manager_client.get(reverse("admin:accounts-unlock")).status_code == 405


def test_axes_tables_are_not_in_the_admin(manager_client):
    assert manager_client.get("/admin/axes/accessattempt/").status_code == 404


def test_many_failures_from_one_address_do_not_lock_the_username_elsewhere(
    client, enrolled_caseworker, axes_on
):
    axes_on.STAFF_REQUIRE_2FA = True
    for _attempt in range(25):
        sign_in_from(client, "10.9.9.9", "sara", password="forkert")

    response = sign_in_from(client, "192.168.1.20", "sara")

    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    # Failures while locked were not counted, so the lock does not grow either.
    assert AccessAttempt.objects.get(username="sara").failures_since_start == 5


def test_each_address_counts_at_most_its_own_limit_towards_the_username(
    client, caseworker, axes_on
):
    # As if one address had raced past its own lock: its count is still only five.
    AccessAttempt.objects.create(
        username="sara", ip_address="10.9.9.9", user_agent="", failures_since_start=25
    )

    assert sign_in_from(client, "10.9.9.9", "sara").status_code == 429
    assert sign_in_from(client, "192.168.1.20", "sara").url == "/admin/"


def test_four_addresses_at_their_limit_lock_the_username_everywhere(client, caseworker, axes_on):
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"):
        for _attempt in range(5):
            sign_in_from(client, address, "sara", password="forkert")

    assert sign_in_from(client, "192.168.1.20", "sara").status_code == 429


def test_a_whole_sign_in_ends_the_count_only_from_its_own_address(client, caseworker, axes_on):
    for _attempt in range(4):
        sign_in_from(client, "10.9.9.9", "sara", password="forkert")
    for _attempt in range(3):
        sign_in_from(client, "192.168.1.20", "sara", password="forkert")

    assert sign_in_from(client, "192.168.1.20", "sara").url == "/admin/"

    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        ("10.9.9.9", 4)
    ]


def test_the_manager_sees_a_username_locked_from_one_address_only_there(
    client, caseworker, manager, axes_on
):
    for _attempt in range(25):
        sign_in_from(client, "10.9.9.9", "sara", password="forkert")
    client.force_login(manager)

    page = client.get(LOCKED).content.decode()

    assert "10.9.9.9" in page
    assert "Alle adresser" not in page
    assert "Låsen ophæves automatisk 30 minutter efter" in page
