"""The admin's styles live in one stylesheet (static/css/admin.css), not inline in templates."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(settings.BASE_DIR)
# A subject-access report is downloaded and opened on its own: it must carry its own styles.
STANDALONE = {"subject_report_document.html"}


def test_no_admin_template_has_inline_styles():
    templates = [
        path
        for path in ROOT.glob("**/templates/admin/**/*.html")
        if ".venv" not in path.parts and path.name not in STANDALONE
    ]

    inline = [
        str(path.relative_to(ROOT))
        for path in templates
        if "style=" in path.read_text() or "<style" in path.read_text()
    ]

    assert len(templates) > 5
    assert inline == []


@pytest.mark.django_db
def test_admin_pages_load_the_admin_stylesheet(caseworker_client: Client):
    for url in ["/admin/", "/admin/cases/case/", "/admin/registry/company/add/"]:
        assert "/static/css/admin.css" in caseworker_client.get(url).content.decode(), url
    assert (ROOT / "static" / "css" / "admin.css").exists()
