"""The demo's accounts, with the password it prints, cannot sign in without DEBUG."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from portal.accounts import checks, roles
from portal.accounts.demo_staff import DEMO_PASSWORD
from tests.portal.accounts.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_caseworker(django_user_model):
    user = django_user_model.objects.create_user(
        username="sagsbehandler", password=DEMO_PASSWORD, is_staff=True
    )
    user.groups.set(Group.objects.filter(name=roles.CASEWORKER))
    return user


def test_the_demo_password_is_refused_without_debug(client, demo_caseworker, settings):
    settings.DEBUG = False

    response = sign_in(client, "sagsbehandler", password=DEMO_PASSWORD)

    assert response.status_code == 200
    assert "Demokontoen med den offentlige adgangskode kan ikke bruges her." in (
        response.content.decode()
    )
    assert client.get("/admin/").status_code == 302


def test_the_demo_password_works_with_debug(client, demo_caseworker, settings):
    settings.DEBUG = True
    settings.DEMO_2FA_EXEMPT_USERNAMES = ["sagsbehandler"]

    assert sign_in(client, "sagsbehandler", password=DEMO_PASSWORD).url == "/admin/"


def test_the_deploy_check_warns_about_active_demo_accounts(demo_caseworker):
    (warning,) = checks.demo_accounts_with_the_published_password()

    assert warning.id == "accounts.W001"
    assert "sagsbehandler" in warning.msg


def test_the_deploy_check_is_quiet_without_demo_accounts_or_when_they_are_off(
    demo_caseworker, caseworker
):
    demo_caseworker.is_active = False
    demo_caseworker.save()

    assert checks.demo_accounts_with_the_published_password() == []


def test_the_deploy_check_does_not_crash_without_tables(monkeypatch):
    from django.db import DatabaseError
    from django.db.models.query import QuerySet

    def no_table(*args, **kwargs):
        raise DatabaseError("no such table: auth_user")

    monkeypatch.setattr(QuerySet, "_fetch_all", no_table)

    assert checks.demo_accounts_with_the_published_password() == []


def test_check_deploy_reports_it(demo_caseworker):
    with pytest.raises(SystemCheckError, match="accounts.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
