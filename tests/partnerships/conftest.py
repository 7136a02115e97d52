import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded attachments and decision letters go to a throw-away folder, never media/.
    settings.MEDIA_ROOT = tmp_path / "media"
