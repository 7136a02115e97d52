import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation

from portal.pages.models import SiteSettings

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]

# Each public page and the heading a visitor sees in Danish, English and German.
PAGES = {
    "pages:home": {
        "da": "Socialøkonomi i Haderslev Kommune",
        "en": "Social economy in Haderslev Kommune",
        "de": "Sozialwirtschaft in Haderslev Kommune",
    },
    "pages:about": {"da": "Om portalen", "en": "About the portal", "de": "Über das Portal"},
    "pages:privacy": {
        "da": "Privatliv og cookies",
        "en": "Privacy and cookies",
        "de": "Datenschutz und Cookies",
    },
    "pages:accessibility": {
        "da": "Tilgængelighed",
        "en": "Accessibility",
        "de": "Barrierefreiheit",
    },
    "guidance:overview": {
        "da": "Råd og vejledning",
        "en": "Advice and guidance",
        "de": "Beratung und Orientierung",
    },
    "partnerships:overview": {
        "da": "Partnerskaber",
        "en": "Partnerships",
        "de": "Partnerschaften",
    },
    "entrepreneurs:overview": {
        "da": "Støtte til iværksættere",
        "en": "Support for entrepreneurs",
        "de": "Unterstützung für Gründerinnen und Gründer",
    },
    "network:overview": {
        "da": "Efterværn, netværk og sparring",
        "en": "Aftercare, networking and sparring",
        "de": "Nachbetreuung, Netzwerk und Sparring",
    },
}
CASES = [
    (name, lang, heading) for name, by_lang in PAGES.items() for lang, heading in by_lang.items()
]


def url_in(name: str, lang: str) -> str:
    with translation.override(lang):
        return reverse(name)


@pytest.mark.parametrize(("name", "lang", "heading"), CASES)
def test_each_public_page_speaks_the_visitors_language(client, name, lang, heading):
    response = client.get(url_in(name, lang))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in html
    assert f"<h1>{heading}</h1>" in html


def test_danish_has_no_prefix_and_other_languages_do(client):
    assert url_in("pages:about", "da") == "/om/"
    assert url_in("pages:about", "en") == "/en/om/"
    assert url_in("pages:about", "de") == "/de/om/"


def test_a_browser_asking_for_english_still_gets_danish_without_prefix(client):
    response = client.get("/", headers={"accept-language": "en"})
    assert '<html lang="da"' in response.content.decode()


def test_footer_shows_the_municipalitys_own_contact_details(client):
    site = SiteSettings.load()
    site.municipality_name = "Aabenraa Kommune"
    site.phone = "73 76 76 76"
    site.email = "socialoekonomi@aabenraa.dk"
    site.save()

    html = client.get(reverse("pages:home")).content.decode()

    assert "Socialøkonomi i Aabenraa Kommune" in html
    assert 'href="tel:73767676"' in html
    assert "socialoekonomi@aabenraa.dk" in html


def test_front_page_offers_one_call_to_action_per_principle(client):
    html = client.get(reverse("pages:home")).content.decode()
    for name in [
        "guidance:overview",
        "partnerships:overview",
        "entrepreneurs:overview",
        "network:overview",
    ]:
        assert f'class="button button-primary" href="{reverse(name)}"' in html


def test_front_page_renders_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    client.get(reverse("pages:home"))  # settings row created and cached
    with django_assert_max_num_queries(0):
        client.get(reverse("pages:home"))


def test_accessibility_page_links_to_the_official_statement(client):
    site = SiteSettings.load()
    site.accessibility_statement_url = "https://www.was.digst.dk/haderslev-dk"
    site.save()

    html = client.get(reverse("pages:accessibility")).content.decode()

    assert 'href="https://www.was.digst.dk/haderslev-dk"' in html


def test_privacy_page_names_every_cookie_and_no_banner_is_needed(client):
    html = client.get(reverse("pages:privacy")).content.decode()
    assert "csrftoken" in html and "sessionid" in html
    assert "cookie-banner" in html


def test_public_pages_set_no_cookies(client):
    response = client.get(reverse("pages:home"))
    assert not response.cookies


def test_logo_is_served_through_the_portal_and_404_without_one(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.get(reverse("pages:logo")).status_code == 404

    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
        b"\x8d\x9a\x1c\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    site = SiteSettings.load()
    site.logo = SimpleUploadedFile("logo.png", png, content_type="image/png")
    site.save()

    response = client.get(reverse("pages:logo"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png
    assert 'src="/logo"' in client.get(reverse("pages:home")).content.decode()


def test_site_settings_cannot_be_added_twice_or_deleted(admin_client):
    response = admin_client.get(reverse("admin:pages_sitesettings_changelist"))
    site = SiteSettings.load()
    assert response.url == reverse("admin:pages_sitesettings_change", args=[site.pk])
    assert admin_client.get(reverse("admin:pages_sitesettings_add")).status_code == 403


def test_staff_edit_of_site_settings_reaches_the_header(admin_client, client):
    site = SiteSettings.load()
    response = admin_client.post(
        reverse("admin:pages_sitesettings_change", args=[site.pk]),
        {
            "municipality_name": "Tønder Kommune",
            "postcode": "6270",
            "city": "Tønder",
            "phone": "74929292",
        },
    )
    assert response.status_code == 302
    assert SiteSettings.load().phone == "74 92 92 92"
    assert "Tønder Kommune" in client.get(reverse("pages:home")).content.decode()


def test_invalid_postcode_in_site_settings_is_refused_in_danish(admin_client):
    site = SiteSettings.load()
    response = admin_client.post(
        reverse("admin:pages_sitesettings_change", args=[site.pk]),
        {"municipality_name": "Haderslev Kommune", "postcode": "61A0"},
    )
    assert "Et dansk postnummer har 4 cifre" in response.content.decode()


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings", "DEBUG": "0", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY mangler" in result.stderr
