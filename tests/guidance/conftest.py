import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded attachments go to a throw-away folder, never the developer's media/.
    settings.MEDIA_ROOT = tmp_path / "media"
