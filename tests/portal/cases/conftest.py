import pytest
from django.contrib.auth.models import Permission

from tests.factories import ContactFactory


@pytest.fixture
def caseworker(django_user_model):
    user = django_user_model.objects.create_user(
        username="sagsbehandler",
        first_name="Sara",
        last_name="Sagsbehandler",
        email="sara@haderslev.dk",
        password="hemmelig-kode-1",
        is_staff=True,
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["cases", "notifications"])
    )
    return user


@pytest.fixture
def caseworker_client(client, caseworker):
    client.force_login(caseworker)
    return client


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create_user(username="udenforstaaende", password="x")


@pytest.fixture
def contact():
    return ContactFactory(name="Mette Hansen", email="mette@example.dk")
