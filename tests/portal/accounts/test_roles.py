"""The two roles: a caseworker works cases and companies, a manager also users and settings."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from portal.accounts import roles
from portal.pages.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_caseworker_opens_cases_and_companies(client, caseworker):
    client.force_login(caseworker)

    assert client.get(reverse("admin:cases_case_changelist")).status_code == 200
    assert client.get(reverse("admin:registry_company_changelist")).status_code == 200


def test_caseworker_may_not_open_users_or_site_settings(client, caseworker):
    client.force_login(caseworker)

    assert client.get("/admin/auth/user/").status_code == 403
    # Groups are not edited in the admin at all: a role is given on the staff page.
    assert client.get("/admin/auth/group/").status_code == 404
    site = SiteSettings.load()
    assert client.get(reverse("admin:pages_sitesettings_change", args=[site.pk])).status_code == 403


def test_manager_opens_users_and_site_settings(client, manager):
    client.force_login(manager)

    assert client.get("/admin/auth/user/").status_code == 200
    site = SiteSettings.load()
    assert client.get(reverse("admin:pages_sitesettings_change", args=[site.pk])).status_code == 200
    assert client.get(reverse("admin:cases_case_changelist")).status_code == 200


def test_staff_without_a_role_see_an_empty_admin_and_no_lists(client, outsider):
    client.force_login(outsider)

    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"] == []
    assert client.get(reverse("admin:cases_case_changelist")).status_code == 403
    assert client.get(reverse("admin:registry_company_changelist")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("admin:cases_case_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_caseworker_role_has_its_apps_and_nothing_of_users_settings_or_privacy():
    granted = Group.objects.get(name=roles.CASEWORKER).permissions.all()
    apps = set(granted.values_list("content_type__app_label", flat=True))

    assert {"cases", "registry", "notifications", "registrations", "guidance"} <= apps
    assert apps <= {
        "cases",
        "registry",
        "notifications",
        "registrations",
        "dashboard",
        *settings.FEATURE_APPS,
    }
    assert granted.filter(codename="change_case").exists()
    # The dashboard: the caseworker reads the measures and the reports, writes none of them.
    assert set(
        granted.filter(content_type__app_label="dashboard").values_list("codename", flat=True)
    ) == {
        "view_dashboard",
        "view_committeereport",
    }


def test_manager_role_has_the_caseworkers_permissions_and_more():
    caseworker = set(Group.objects.get(name=roles.CASEWORKER).permissions.all())
    manager = Group.objects.get(name=roles.MANAGER).permissions.all()

    assert caseworker < set(manager)
    assert manager.filter(content_type__app_label="auth", codename="change_user").exists()
    # No raw group or permission editing, and staff are deactivated, not deleted.
    assert not manager.filter(content_type__app_label="auth", content_type__model="group").exists()
    assert not manager.filter(content_type__app_label="auth", codename="delete_user").exists()
    assert manager.filter(codename="change_sitesettings").exists()
    assert manager.filter(content_type__app_label="axes").exists()


def test_sync_roles_is_idempotent_and_restores_the_table():
    group = Group.objects.get(name=roles.CASEWORKER)
    expected = set(group.permissions.values_list("id", flat=True))
    group.permissions.remove(Permission.objects.get(codename="change_case"))
    group.permissions.add(Permission.objects.get(codename="change_user"))

    roles.sync_roles()
    roles.sync_roles()

    assert set(group.permissions.values_list("id", flat=True)) == expected
    assert Group.objects.filter(name=roles.CASEWORKER).count() == 1


def test_sync_roles_creates_missing_groups():
    Group.objects.filter(name__in=roles.ROLES).delete()

    roles.sync_roles()

    assert set(Group.objects.values_list("name", flat=True)) >= {"Sagsbehandler", "Leder"}


def test_the_caseworker_works_every_feature_app_of_the_settings_list(settings):
    settings.FEATURE_APPS = ["guidance"]

    (caseworker,) = [grant for grant in roles.core_grants() if grant.role == roles.CASEWORKER]

    assert caseworker.apps == {"cases", "registry", "notifications", "registrations", "guidance"}


def test_a_later_app_can_grant_a_role_more():
    more = roles.Grant(
        name="test.more",
        role=roles.CASEWORKER,
        models=frozenset({"pages.SiteSettings"}),
        permissions=frozenset({"auth.view_user"}),
    )

    with roles.role_grants.only(*roles.role_grants.entries(), more):
        roles.sync_roles()

    granted = Group.objects.get(name=roles.CASEWORKER).permissions
    assert granted.filter(codename="change_sitesettings").exists()
    assert granted.filter(codename="view_user").exists()
    assert not granted.filter(codename="change_user").exists()
    assert granted.filter(codename="change_case").exists()


def test_permissions_that_do_not_exist_yet_are_skipped():
    missing = roles.Grant(
        name="test.missing", role=roles.MANAGER, permissions=frozenset({"nope.view_report"})
    )

    with roles.role_grants.only(missing):
        roles.sync_roles()

    assert not Group.objects.get(name=roles.MANAGER).permissions.exists()


def test_a_grant_withholds_a_permission_that_an_including_role_gives_back():
    withheld = roles.Grant(
        name="test.withheld",
        role=roles.CASEWORKER,
        withheld=frozenset({"cases.delete_case"}),
    )
    given_back = roles.Grant(
        name="test.given-back", role=roles.MANAGER, permissions=frozenset({"cases.delete_case"})
    )

    with roles.role_grants.only(*roles.role_grants.entries(), withheld, given_back):
        roles.sync_roles()

    caseworker = Group.objects.get(name=roles.CASEWORKER).permissions
    assert caseworker.filter(codename="change_case").exists()
    assert not caseworker.filter(codename="delete_case").exists()
    assert roles.role_permissions(roles.MANAGER) >= set(
        Permission.objects.filter(codename="delete_case").values_list("id", flat=True)
    )


def test_the_caseworker_reads_support_schemes_and_only_the_manager_edits_them(caseworker, manager):
    assert caseworker.has_perm("entrepreneurs.view_supportscheme")
    assert caseworker.has_perm("entrepreneurs.decide_grant")
    assert not caseworker.has_perm("entrepreneurs.change_supportscheme")
    assert not caseworker.has_perm("entrepreneurs.exceed_pool")
    assert manager.has_perm("entrepreneurs.change_supportscheme")
    assert manager.has_perm("entrepreneurs.exceed_pool")


def test_the_manager_gets_no_raw_two_factor_permissions_or_pages(client, manager):
    group = Group.objects.get(name=roles.MANAGER)
    client.force_login(manager)

    assert not group.permissions.filter(
        content_type__app_label__in=["otp_totp", "otp_static"]
    ).exists()
    assert not manager.has_perm("otp_totp.view_totpdevice")
    assert client.get("/admin/otp_totp/totpdevice/").status_code in (403, 404)
    assert client.get("/admin/otp_static/staticdevice/").status_code in (403, 404)
    assert settings.OTP_ADMIN_HIDE_SENSITIVE_DATA
