import pytest
from django.contrib.auth.models import Permission


@pytest.fixture
def reader(django_user_model):
    """Staff with only the privacy report: may read it, but not run retention."""
    user = django_user_model.objects.create_user(
        username="laeser", password="hemmelig-kode-1", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(codename="view_privacy_report"))
    return user
