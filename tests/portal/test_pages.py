import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.template import RequestContext, Template
from django.urls import reverse
from django.utils import translation

from portal.pages.links import HOME, SEARCH, SEARCH_WITHOUT_RESULTS, PageLink, page_links
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


def _text(html: str) -> str:
    """What a visitor reads of a page: its text without tags, in single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_front_page_shows_each_principle_from_its_app_in_the_strategys_order(client):
    html = client.get(reverse("pages:home")).content.decode()

    headings = re.findall(r'<h3 class="card-heading">(.*?)</h3>', html)
    assert headings == [
        "Råd og vejledning",
        "Partnerskaber",
        "Støtte til iværksættere",
        "Netværk og sparring",
    ]
    assert "Du kan få vejledning, deltage i iværksætterkurser og søge økonomisk støtte" in html
    assert f'href="{reverse("network:overview")}">Bliv en del af netværket</a>' in html


def test_front_and_about_page_show_only_the_feature_apps_of_the_settings_list(client, settings):
    settings.FEATURE_APPS = ["network", "guidance"]

    home = client.get(reverse("pages:home")).content.decode()
    about = client.get(reverse("pages:about")).content.decode()

    headings = re.findall(r'<h3 class="card-heading">(.*?)</h3>', home)
    assert headings == ["Netværk og sparring", "Råd og vejledning"]
    assert "Find en partner" not in home
    assert (
        f'<li><a href="{reverse("network:overview")}">Efterværn, netværk og sparring</a></li>'
        in about
    )
    assert "Støtte til iværksættere" not in about


def test_front_page_cards_speak_the_visitors_language(client):
    html = client.get(url_in("pages:home", "en")).content.decode()

    assert '<h3 class="card-heading">Partnerships</h3>' in html
    assert "Råd og vejledning" not in html


def test_about_page_links_each_principle_to_its_overview(client):
    html = client.get(reverse("pages:about")).content.decode()

    for name, label in [
        ("guidance:overview", "Råd og vejledning"),
        ("partnerships:overview", "Partnerskaber"),
        ("entrepreneurs:overview", "Støtte til iværksættere"),
        ("network:overview", "Efterværn, netværk og sparring"),
    ]:
        assert f'<li><a href="{reverse(name)}">{label}</a></li>' in html


def test_front_page_offers_the_self_check_an_app_registered(client):
    html = client.get(reverse("pages:home")).content.decode()

    assert (
        f'<a href="{reverse("guidance:self-check")}">'
        "Tag selvtjekket: er din virksomhed eller idé socialøkonomisk?</a>"
    ) in html


def test_a_link_registered_for_a_place_is_shown_there_only(client):
    link = PageLink(name="test.flexjob", place=HOME, label="Læs om fleksjob", url="pages:privacy")
    with page_links.only(link):
        home = client.get(reverse("pages:home")).content.decode()
        search = client.get(reverse("pages:search")).content.decode()

    assert f'<a href="{reverse("pages:privacy")}">Læs om fleksjob</a>' in home
    assert "selvtjekket" not in home
    assert "Læs om fleksjob" not in search


def test_a_search_without_results_offers_the_registered_links_in_one_sentence(client):
    html = client.get(reverse("pages:search"), {"q": "cykelværksted"}).content.decode()

    assert "Se al viden om socialøkonomi eller få råd og vejledning." in _text(html)
    assert f'href="{reverse("guidance:article-list")}"' in html
    assert f'href="{reverse("guidance:overview")}">få råd og vejledning</a>' in html


def test_a_search_page_without_links_shows_no_empty_sentence(client):
    with page_links.only(
        PageLink(name="test.start", place=SEARCH, label="Se alt", url="pages:about")
    ):
        start = client.get(reverse("pages:search")).content.decode()
        nothing = client.get(reverse("pages:search"), {"q": "cykelværksted"}).content.decode()

    assert f'<a href="{reverse("pages:about")}">Se alt</a>' in start
    assert "Se alt" not in nothing
    assert not re.search(r"<p>\s*</p>", nothing)


def test_a_link_for_a_place_portal_does_not_have_is_refused():
    with pytest.raises(ValueError, match="sidebar"):
        PageLink(name="test.nowhere", place="sidebar", label="Væk", url="pages:home")
    assert PageLink(name="test.ok", place=SEARCH_WITHOUT_RESULTS, label="Her", url="pages:home")


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


def test_site_settings_cannot_be_added_twice_or_deleted(manager_client):
    response = manager_client.get(reverse("admin:pages_sitesettings_changelist"))
    site = SiteSettings.load()
    assert response.url == reverse("admin:pages_sitesettings_change", args=[site.pk])
    assert manager_client.get(reverse("admin:pages_sitesettings_add")).status_code == 403


def test_staff_edit_of_site_settings_reaches_the_header(manager_client, client):
    site = SiteSettings.load()
    response = manager_client.post(
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


def test_invalid_postcode_in_site_settings_is_refused_in_danish(manager_client):
    site = SiteSettings.load()
    response = manager_client.post(
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


def test_robots_txt_allows_the_public_pages_and_not_the_private_ones(client):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Allow: /" in lines
    for private in ["/admin/", "/sag/", "/en/sag/", "/de/sag/", "/tilmelding/", "/de/tilmelding/"]:
        assert f"Disallow: {private}" in lines
    assert "Disallow: /" not in lines


def test_the_favicon_answers_at_the_address_browsers_ask_for(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file


def test_every_page_links_its_favicon(client):
    html = client.get(reverse("pages:about")).content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert 'href="/static/img/favicon.svg" type="image/svg+xml"' in html


def meta_description(html: str) -> str:
    match = re.search(r'<meta name="description" content="([^"]*)">', html, re.S)
    assert match, "no meta description"
    return " ".join(match[1].split())


def test_each_main_public_page_has_its_own_meta_description(client):
    descriptions = {
        name: meta_description(client.get(reverse(name)).content.decode()) for name in PAGES
    }

    assert all(len(text) > 40 for text in descriptions.values()), descriptions
    assert len(set(descriptions.values())) == len(descriptions), descriptions
    assert "gratis råd og vejledning" in descriptions["pages:home"]


def test_a_page_without_its_own_description_has_the_sites(rf):
    request = rf.get("/om/")
    html = Template('{% extends "base.html" %}').render(RequestContext(request))

    assert meta_description(html) == (
        "Haderslev Kommunes portal for socialøkonomi: råd og vejledning, partnerskaber, støtte "
        "til iværksættere og netværk for socialøkonomiske virksomheder."
    )


@pytest.mark.parametrize("lang", ["da", "en", "de"])
def test_each_page_names_its_translations_for_search_engines(client, settings, lang):
    settings.SITE_URL = "https://socialokonomi.haderslev.dk"

    html = client.get(url_in("pages:about", lang)).content.decode()

    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert alternates == [
        ("da", "https://socialokonomi.haderslev.dk/om/"),
        ("en", "https://socialokonomi.haderslev.dk/en/om/"),
        ("de", "https://socialokonomi.haderslev.dk/de/om/"),
        ("x-default", "https://socialokonomi.haderslev.dk/om/"),
    ]


def test_an_unknown_address_offers_each_language_s_front_page(client):
    html = client.get("/en/findes-ikke/").content.decode()
    assert '<a href="/" lang="da" hreflang="da">' in html
    assert '<a href="/de/" lang="de" hreflang="de">' in html
    assert 'rel="alternate"' not in html
