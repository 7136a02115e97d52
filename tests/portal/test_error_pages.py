"""The pages a visitor meets when something is wrong are the portal's own (DEBUG is off here)."""

import secrets

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.pages.models import SiteSettings

pytestmark = pytest.mark.django_db

PHONE = "74 34 34 34"
EMAIL = "socialokonomi@haderslev.dk"


@pytest.fixture
def site():
    site = SiteSettings.load()
    site.department = "Sekretariat og Udvikling"
    site.phone = PHONE
    site.email = EMAIL
    site.save()
    return SiteSettings.load()  # cached again, as every page after the first finds it


def assert_is_the_portals_page(html: str, *, lang: str = "da") -> None:
    assert f'<html lang="{lang}"' in html
    assert 'class="header"' in html and "<footer>" in html
    assert 'href="tel:74343434"' in html and EMAIL in html
    assert "Traceback" not in html


def test_a_missing_page_says_so_in_danish_with_a_way_back(client, site):
    response = client.get("/findes-ikke/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Siden findes ikke</h1>" in html
    assert 'href="/">Gå til forsiden</a>' in html
    assert_is_the_portals_page(html)
    assert "Kopiér hele linket" not in html


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_missing_page_under_a_language_prefix_is_in_that_language(client, site, lang):
    response = client.get(f"/{lang}/findes-ikke/")

    html = response.content.decode()
    assert response.status_code == 404
    assert_is_the_portals_page(html, lang=lang)
    assert f'href="/{lang}/">' in html


WRONG_LINK = {
    "da": ("Linket virker ikke", "Kopiér hele linket fra den e-mail, vi sendte dig"),
    "en": ("The link does not work", "Copy the whole link from the e-mail we sent you"),
    "de": ("Der Link funktioniert nicht", "Kopieren Sie den ganzen Link aus der E-Mail"),
}


@pytest.mark.parametrize(
    ("path", "lang", "found_nothing"),
    [
        ("/sag/gaet-et-token/", "da", "Vi kan ikke finde en sag med dette link."),
        ("/en/sag/gaet-et-token/", "en", "We cannot find a case with this link."),
        ("/tilmelding/gaet-et-token/", "da", "Vi kan ikke finde en tilmelding med dette link."),
        (
            "/de/tilmelding/gaet-et-token/",
            "de",
            "Wir können keine Anmeldung mit diesem Link finden.",
        ),
    ],
)
def test_a_wrong_private_link_says_how_to_check_it(client, site, path, lang, found_nothing):
    response = client.get(path)

    html = response.content.decode()
    heading, advice = WRONG_LINK[lang]
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in html
    assert heading in html
    assert found_nothing in html
    assert advice in html
    assert "Traceback" not in html


def test_a_page_without_access_is_the_portals_403(outsider_client, site):
    response = outsider_client.get(reverse("admin:cases_case_changelist"))

    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Du har ikke adgang til siden</h1>" in html
    assert_is_the_portals_page(html)


CSRF_REFUSED = {
    "da": ("Formularen kunne ikke sendes", "genindlæs siden"),
    "en": ("The form could not be sent", "reload the page"),
}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_form_refused_by_the_csrf_check_says_what_to_do(site, lang):
    client = Client(enforce_csrf_checks=True)
    with translation.override(lang):
        url = reverse("guidance:enquiry-create")

    response = client.post(url, {"name": "Mette"})

    html = response.content.decode()
    assert response.status_code == 403
    for text in CSRF_REFUSED[lang]:
        assert text in html
    assert_is_the_portals_page(html, lang=lang)


def test_a_request_for_another_host_is_the_portals_400(client, site):
    response = client.get("/", headers={"host": "portal.example.com"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Forespørgslen kunne ikke læses</h1>" in html
    assert_is_the_portals_page(html)


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)


SERVER_ERROR = {
    "da": ("<h1>Der skete en fejl hos os</h1>", "tjek din e-mail for en kvittering"),
    "en": ("<h1>Something went wrong on our side</h1>", "check your e-mail for a receipt"),
}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_500_page_renders_without_the_database(client, site, database_down, lang):
    client.raise_request_exception = False
    prefix = "" if lang == "da" else f"/{lang}"

    # A well-formed token, so the page asks the database for the case.
    response = client.get(f"{prefix}/sag/{secrets.token_urlsafe(24)}/")

    html = response.content.decode()
    assert response.status_code == 500
    for text in SERVER_ERROR[lang]:
        assert text in html
    assert_is_the_portals_page(html, lang=lang)


def test_the_500_page_without_cached_settings_still_names_the_municipality(
    client, site, database_down
):
    cache.clear()
    client.raise_request_exception = False

    response = client.get(f"/sag/{secrets.token_urlsafe(24)}/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "Der skete en fejl hos os" in html
    assert "Haderslev Kommune" in html
    assert "Traceback" not in html
