"""Test-only settings and the people in the stories: staff users, clients."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="leder", email="leder@example.dk", password="hemmelig-kode-1"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
