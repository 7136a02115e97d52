"""The staff page: a manager adds and edits staff, and can give nothing beyond their own role."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from portal.accounts import roles
from portal.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

ADD = reverse("admin:auth_user_add")
NEW = {
    "first_name": "Mona",
    "last_name": "Møller",
    "email": "Mona.Moller@haderslev.dk",
    "role": roles.CASEWORKER,
    "is_active": "on",
}


def change_url(user) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def test_the_staff_form_has_name_email_role_and_active_and_nothing_more(manager_client):
    page = manager_client.get(ADD).content.decode()

    for label in ("Fornavn", "Efternavn", "E-mail", "Rolle", "Aktiv"):
        assert label in page
    for field in ("is_superuser", "user_permissions", "groups", "password", "is_staff"):
        assert f'name="{field}"' not in page


def test_a_new_member_of_staff_gets_the_role_and_an_invitation(manager_client, manager):
    response = manager_client.post(ADD, NEW, follow=True)

    user = Group.objects.get(name=roles.CASEWORKER).user_set.get(email="mona.moller@haderslev.dk")
    assert user.username == "mona.moller@haderslev.dk"
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert "Vi har sendt en invitation til mona.moller@haderslev.dk" in response.content.decode()
    message = OutboxMessage.objects.get()
    assert message.to == "mona.moller@haderslev.dk"
    assert "Kære Mona" in message.body
    assert "Lene Leder har oprettet dig" in message.body
    assert "/admin/adgangskode/" in message.body
    assert "Linket virker i 3 dage og kun én gang" in message.body


def test_posting_superuser_permissions_or_groups_is_ignored(manager_client):
    permission = Permission.objects.get(codename="delete_case")
    manager_client.post(
        ADD,
        {
            **NEW,
            "is_superuser": "on",
            "user_permissions": [permission.pk],
            "groups": [Group.objects.get(name=roles.MANAGER).pk],
        },
    )

    user = Group.objects.get(name=roles.CASEWORKER).user_set.get()
    assert not user.is_superuser
    assert not user.user_permissions.exists()
    assert list(user.groups.values_list("name", flat=True)) == [roles.CASEWORKER]


def test_a_manager_cannot_make_themselves_superuser(manager_client, manager):
    manager_client.post(
        change_url(manager),
        {**NEW, "email": manager.email, "role": roles.MANAGER, "is_superuser": "on"},
    )

    manager.refresh_from_db()
    assert not manager.is_superuser


def test_a_manager_may_not_deactivate_themselves(manager_client, manager):
    data = {"first_name": "Lene", "last_name": "Leder", "email": manager.email, "role": "Leder"}

    response = manager_client.post(change_url(manager), data)

    assert "Du kan ikke deaktivere din egen konto." in response.content.decode()
    manager.refresh_from_db()
    assert manager.is_active


def test_a_manager_deactivates_and_changes_a_caseworker(manager_client, caseworker):
    data = {"first_name": "Sara", "last_name": "Nielsen", "email": caseworker.email}

    response = manager_client.post(change_url(caseworker), {**data, "role": roles.MANAGER})

    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert not caseworker.is_active
    assert caseworker.last_name == "Nielsen"
    assert list(caseworker.groups.values_list("name", flat=True)) == [roles.MANAGER]


def test_a_caseworker_cannot_be_given_a_role_the_manager_lacks(client, django_user_model):
    # A user with the right to change staff but only the caseworker's role (given by hand).
    lead = django_user_model.objects.create_user(username="kim", email="kim@x.dk", is_staff=True)
    lead.groups.set([Group.objects.get(name=roles.CASEWORKER)])
    lead.user_permissions.set(Permission.objects.filter(codename__in=["add_user", "view_user"]))
    client.force_login(lead)

    response = client.post(ADD, {**NEW, "role": roles.MANAGER})

    assert response.status_code == 200
    assert "Leder er ikke en af de tilgængelige valgmuligheder" in response.content.decode()
    assert not django_user_model.objects.filter(email="mona.moller@haderslev.dk").exists()


def test_the_email_must_be_unique(manager_client, caseworker):
    response = manager_client.post(ADD, {**NEW, "email": "SARA@haderslev.dk"})

    assert "Der er allerede en medarbejder med denne e-mail." in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_a_manager_cannot_see_or_edit_a_superuser(manager_client, django_user_model):
    root = django_user_model.objects.create_superuser("it", "it@haderslev.dk", "x")

    assert "it@haderslev.dk" not in manager_client.get("/admin/auth/user/").content.decode()
    assert manager_client.get(change_url(root)).status_code == 302
    manager_client.post(change_url(root), {**NEW, "is_active": ""})
    root.refresh_from_db()
    assert root.is_active and root.email == "it@haderslev.dk"


def test_staff_cannot_be_deleted_and_groups_are_not_in_the_admin(manager_client, caseworker):
    assert (
        manager_client.get(reverse("admin:auth_user_delete", args=[caseworker.pk])).status_code
        == 403
    )
    assert manager_client.get("/admin/auth/group/").status_code == 404


def test_send_new_link_queues_an_invitation_and_records_it(manager_client, caseworker):
    response = manager_client.post(
        reverse("admin:auth_user_send_link", args=[caseworker.pk]), follow=True
    )

    assert "Nyt link sendt til sara@haderslev.dk." in response.content.decode()
    message = OutboxMessage.objects.get()
    assert message.to == "sara@haderslev.dk"
    assert "nyt link" in message.subject.lower()
    assert LogEntry.objects.filter(object_id=str(caseworker.pk)).exists()


def test_the_admin_home_names_staff_and_locked_accounts_in_danish(manager_client):
    page = manager_client.get(reverse("admin:index")).content.decode()

    assert "Medarbejdere og log ind" in page
    assert ">Medarbejdere<" in page
    assert "Låste konti" in page
    assert "Access attempts" not in page
    assert "Grupper" not in page


def test_the_staff_list_query_count_does_not_grow(
    manager_client, django_user_model, django_assert_max_num_queries
):
    for number in range(30):
        user = django_user_model.objects.create_user(f"u{number}", f"u{number}@x.dk")
        user.groups.set([Group.objects.get(name=roles.CASEWORKER)])

    with django_assert_max_num_queries(15):
        response = manager_client.get("/admin/auth/user/")

    assert "u29@x.dk" in response.content.decode()


def test_a_lost_phone_is_reset_from_the_staff_page_and_the_user_gets_a_new_link(
    manager_client, caseworker
):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=caseworker, name="Godkendelsesapp", confirmed=True)
    StaticDevice.objects.create(user=caseworker, name="Reservekoder", confirmed=True)

    response = manager_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [caseworker.pk]},
        follow=True,
    )

    assert "Totrinsbekræftelsen er nulstillet for 1 medarbejder" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    assert not StaticDevice.objects.filter(user=caseworker).exists()
    assert OutboxMessage.objects.get().to == "sara@haderslev.dk"
    assert LogEntry.objects.filter(object_id=str(caseworker.pk)).exists()


def test_two_factor_devices_are_not_shown_raw_in_the_admin(manager_client):
    page = manager_client.get(reverse("admin:index")).content.decode()

    assert "TOTP devices" not in page and "Static devices" not in page


def test_a_changed_email_becomes_the_username_and_the_old_address_is_told(
    manager_client, manager, caseworker
):
    data = {"first_name": "Sara", "last_name": "Sagsbehandler", "role": roles.CASEWORKER}

    response = manager_client.post(
        change_url(caseworker), {**data, "email": "Sara.Nielsen@Haderslev.dk", "is_active": "on"}
    )

    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.email == "sara.nielsen@haderslev.dk"
    assert caseworker.username == "sara.nielsen@haderslev.dk"
    message = OutboxMessage.objects.get()
    assert message.to == "sara@haderslev.dk"
    assert "e-mail" in message.subject.lower() and "ændret" in message.subject
    assert "Lene Leder har ændret e-mailen på din konto" in message.body
    assert "fra sara@haderslev.dk til sara.nielsen@haderslev.dk" in message.body
    logged = LogEntry.objects.filter(object_id=str(caseworker.pk), user=manager)
    assert any(
        "sara@haderslev.dk til sara.nielsen@haderslev.dk" in entry.change_message
        for entry in logged
    )


def test_the_same_email_changes_no_username_and_sends_nothing(manager_client, caseworker):
    data = {"first_name": "Sara", "last_name": "Nielsen", "role": roles.CASEWORKER}

    manager_client.post(
        change_url(caseworker), {**data, "email": caseworker.email, "is_active": "on"}
    )

    caseworker.refresh_from_db()
    assert caseworker.username == "sara" and caseworker.last_name == "Nielsen"
    assert not OutboxMessage.objects.exists()


def test_a_manager_cannot_change_another_managers_email(manager_client, django_user_model):
    other = django_user_model.objects.create_user(
        "kim@haderslev.dk", "kim@haderslev.dk", first_name="Kim", last_name="Leder", is_staff=True
    )
    other.groups.set([Group.objects.get(name=roles.MANAGER)])
    data = {"first_name": "Kim", "last_name": "Leder", "role": roles.MANAGER, "is_active": "on"}

    page = manager_client.get(change_url(other)).content.decode()
    manager_client.post(change_url(other), {**data, "email": "angriber@example.dk"})

    assert "Kun en superbruger kan ændre en anden leders e-mail" in page
    other.refresh_from_db()
    assert other.email == "kim@haderslev.dk" and other.username == "kim@haderslev.dk"
    assert not OutboxMessage.objects.exists()


def test_a_superuser_may_change_a_managers_email(client, manager, django_user_model):
    root = django_user_model.objects.create_superuser("it", "it@haderslev.dk", "x")
    client.force_login(root)
    data = {"first_name": "Lene", "last_name": "Leder", "role": roles.MANAGER, "is_active": "on"}

    client.post(change_url(manager), {**data, "email": "lene.leder@haderslev.dk"})

    manager.refresh_from_db()
    assert manager.username == "lene.leder@haderslev.dk"
    assert OutboxMessage.objects.get().to == "lene@haderslev.dk"


def test_the_invitation_names_a_manager_without_a_full_name_by_username(client, django_user_model):
    lead = django_user_model.objects.create_user("kim", "kim@haderslev.dk", is_staff=True)
    lead.groups.set([Group.objects.get(name=roles.MANAGER)])
    client.force_login(lead)

    client.post(ADD, NEW)

    body = OutboxMessage.objects.get().body
    assert "kim har oprettet dig som medarbejder" in body
    assert "\n har oprettet dig" not in body


@pytest.fixture
def other_manager(django_user_model):
    user = django_user_model.objects.create_user(
        "mads@haderslev.dk",
        email="mads@haderslev.dk",
        first_name="Mads",
        last_name="Leder",
        is_staff=True,
    )
    user.groups.set([Group.objects.get(name=roles.MANAGER)])
    return user


def test_a_manager_cannot_demote_another_manager_to_take_the_account_over(
    manager_client, other_manager
):
    demote = {
        "first_name": "Mads",
        "last_name": "Leder",
        "email": "mads@haderslev.dk",
        "role": roles.CASEWORKER,
        "is_active": "on",
    }

    response = manager_client.post(change_url(other_manager), demote)

    assert "Kun en superbruger kan ændre en anden leders rolle." in response.content.decode()
    assert other_manager.groups.filter(name=roles.MANAGER).exists()


def test_a_manager_cannot_reset_another_managers_two_factor(manager_client, other_manager):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=other_manager, name="Godkendelsesapp", confirmed=True)

    response = manager_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [other_manager.pk]},
        follow=True,
    )

    assert "Kun en superbruger kan nulstille en anden leders totrinsbekræftelse: Mads Leder" in (
        response.content.decode()
    )
    assert TOTPDevice.objects.filter(user=other_manager).exists()
    assert not OutboxMessage.objects.exists()
