"""The English and German catalogues are complete and in step with the Danish source."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
LANGUAGES = ["en", "de"]

needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="gettext is not installed (apt-get install gettext)"
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_translated(lang):
    catalogue = polib.pofile(BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po")
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [] and fuzzy == []


@needs_gettext
@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_holds_every_string_in_the_source(lang, tmp_path):
    """makemessages run afresh finds no string the committed catalogue lacks."""
    shutil.copytree(
        BASE_DIR,
        tmp_path / "src",
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "node_modules", "staticfiles", "media", "*.sqlite3", "static"
        ),
    )
    subprocess.run(
        [
            "python",
            "manage.py",
            "makemessages",
            "--locale",
            lang,
            "--no-obsolete",
            "--ignore",
            "tests/*",
        ],
        cwd=tmp_path / "src",
        env={"DEBUG": "1", "PATH": f"{BASE_DIR / '.venv' / 'bin'}:/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(tmp_path / "src" / "locale" / lang / "LC_MESSAGES" / "django.po")
    committed = polib.pofile(BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po")
    committed_ids = {(entry.msgctxt, entry.msgid) for entry in committed}
    assert (
        sorted(entry.msgid for entry in fresh if (entry.msgctxt, entry.msgid) not in committed_ids)
        == []
    )


@needs_gettext
@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_is_up_to_date(lang, tmp_path):
    po = BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po"
    mo = BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po)], check=True)

    def entries(path):
        return {(entry.msgctxt, entry.msgid, entry.msgstr) for entry in polib.mofile(path)}

    assert entries(mo) == entries(tmp_path / "django.mo")
