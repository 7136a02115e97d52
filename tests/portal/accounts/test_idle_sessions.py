"""Staff sessions end after half an hour without a request, and when the browser closes."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_each_request_moves_the_expiry_half_an_hour_ahead(client, caseworker):
    client.force_login(caseworker)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))

    client.get(reverse("admin:index"))

    remaining = _expiry(client) - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)


def test_a_request_after_half_an_hour_idle_goes_to_sign_in(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("admin:cases_case_changelist")).status_code == 200

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("admin:cases_case_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_session_cookie_ends_with_the_browser(client, caseworker):
    client.force_login(caseworker)

    response = client.get(reverse("admin:index"))

    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
