"""Guessing status links: too many wrong tokens from one address get a polite 429 page."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(settings):
    settings.CASE_TOKEN_MISS_LIMIT = 3
    return 3


def wrong(n: int) -> str:
    return reverse("cases:status", args=[f"gaet-nummer-{n}"])


def test_wrong_tokens_are_404_until_the_limit_then_429(client, limit):
    case = CaseFactory()
    assert [client.get(wrong(n)).status_code for n in range(limit)] == [404] * limit

    response = client.get(case.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 429
    assert "Vent lidt, før du prøver igen" in page
    assert "Prøv igen om et kvarter." in page
    assert case.reference not in page
    assert response["Retry-After"] == "600"


def test_the_right_link_does_not_count_as_a_miss(client, limit):
    case = CaseFactory()
    for _ in range(limit + 2):
        assert client.get(case.get_absolute_url()).status_code == 200


def test_another_address_is_not_blocked(client, limit):
    case = CaseFactory()
    for n in range(limit + 1):
        client.get(wrong(n))

    response = client.get(case.get_absolute_url(), REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 200


def test_the_receipt_pages_share_the_budget(client, limit):
    """The receipt takes the same token: guessing there must not reset the count."""
    for n in range(limit):
        client.get(reverse("guidance:enquiry-receipt", args=[f"gaet-{n}"]))
    assert client.get(wrong(99)).status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(client, limit, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # the pytest-django fixture, restored after the test
    for n in range(limit + 1):
        client.get(wrong(n), HTTP_X_FORWARDED_FOR="203.0.113.5")

    case = CaseFactory()
    blocked = client.get(case.get_absolute_url(), HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = client.get(case.get_absolute_url(), HTTP_X_FORWARDED_FOR="203.0.113.6")

    assert (blocked.status_code, other.status_code) == (429, 200)


def test_the_limit_defaults_to_20_misses_in_10_minutes():
    assert (settings.CASE_TOKEN_MISS_LIMIT, settings.CASE_TOKEN_MISS_WINDOW) == (20, 600)


@pytest.mark.parametrize(
    "path",
    [
        "/sag/%00/",
        "/sag/%00%00%00/",
        "/sag/%C0%AF..%C0%AF/",
        "/raadgivning/henvendelse/kvittering/%00/",
    ],
)
def test_junk_in_a_token_url_is_a_404_that_counts_as_a_guess(client, limit, path):
    case = CaseFactory()
    assert [client.get(path).status_code for _ in range(limit)] == [404] * limit
    assert client.get(case.get_absolute_url()).status_code == 429
