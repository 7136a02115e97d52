import pytest
from django.contrib.auth.models import Permission

from tests.factories import ContactFactory
from tests.portal.notifications.backends import FlakyEmailBackend


@pytest.fixture
def mail_server_down_for(settings, mailoutbox):
    """mail_server_down_for(2): the next two messages are refused, later ones delivered."""
    settings.EMAIL_BACKEND = "tests.portal.notifications.backends.FlakyEmailBackend"

    def down_for(failures: int) -> None:
        FlakyEmailBackend.failures = failures

    yield down_for
    FlakyEmailBackend.failures = 0


@pytest.fixture
def contact():
    return ContactFactory(name="Mette Hansen", email="mette@example.dk")


@pytest.fixture
def caseworker(django_user_model):
    user = django_user_model.objects.create_user(
        username="sagsbehandler", password="hemmelig-kode-1", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["cases", "notifications"])
    )
    return user
