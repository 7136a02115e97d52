import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded attachments go to a throw-away folder, never the developer's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def caseworker(django_user_model):
    """Staff, but without permission to the articles."""
    return django_user_model.objects.create_user(
        username="sagsbehandler", password="hemmelig-kode-1", is_staff=True
    )
