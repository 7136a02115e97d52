import pytest
from django.contrib.auth.models import Permission


@pytest.fixture
def caseworker(django_user_model):
    """Works cases, but has no privacy permissions."""
    user = django_user_model.objects.create_user(
        username="sagsbehandler", password="hemmelig-kode-1", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["cases", "notifications"])
    )
    return user


@pytest.fixture
def manager(django_user_model):
    """The manager: may read privacy reports and run retention (the "Leder" role)."""
    user = django_user_model.objects.create_user(
        username="leder",
        first_name="Lene",
        last_name="Leder",
        password="hemmelig-kode-1",
        is_staff=True,
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="privacy",
            codename__in=["view_privacy_report", "run_retention"],
        )
    )
    return user


@pytest.fixture
def reader(django_user_model):
    """May read privacy reports, but not run retention."""
    user = django_user_model.objects.create_user(
        username="laeser", password="hemmelig-kode-1", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(codename="view_privacy_report"))
    return user
