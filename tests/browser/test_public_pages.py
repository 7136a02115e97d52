"""A visitor meets the public pages in Chromium: the look, the navigation, zero axe violations."""

import pytest
from django.utils import translation

from tests.browser.conftest import assert_no_axe_violations
from tests.guidance.factories import ArticleFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PATHS = [
    "/",
    "/om/",
    "/privatliv/",
    "/tilgaengelighed/",
    "/raadgivning/",
    "/partnerskaber/",
    "/ivaerksaettere/",
    "/netvaerk/",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
@pytest.mark.parametrize("prefix", ["", "/en", "/de"])
def test_public_page_has_no_accessibility_violations(page, prefix, path):
    response = page.goto(prefix + path)
    assert response.status == 200
    assert_no_axe_violations(page)


def test_visitor_finds_advice_from_the_front_page_and_switches_language(page):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Socialøkonomi i Haderslev Kommune"

    page.get_by_role("link", name="Få råd og vejledning").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Råd og vejledning"

    page.get_by_role("link", name="Deutsch").click()
    assert page.url.endswith("/de/raadgivning/")
    assert page.get_by_role("heading", level=1).inner_text() == "Beratung und Orientierung"
    assert page.locator("html").get_attribute("lang") == "de"


def test_skip_link_takes_keyboard_users_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Gå til sidens indhold"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")


def test_pages_work_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("link", name="Partnerskaber").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Partnerskaber"
    context.close()


@pytest.mark.parametrize(
    ("path", "lang", "front_page"),
    [
        ("/findes-ikke/", "da", "/"),
        ("/en/findes-ikke/", "en", "/en/"),
        ("/sag/et-link-der-er-klippet-over/", "da", "/"),
    ],
)
def test_a_missing_page_is_the_portals_own_and_accessible(page, path, lang, front_page):
    response = page.goto(path)

    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(f'main a.button[href="{front_page}"]').count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_status_page_is_accessible(page, lang):
    case = CaseFactory(subject="Socialt ansvar i min virksomhed")
    with translation.override(lang):
        url = case.get_absolute_url()

    response = page.goto(url)

    assert response.status == 200
    assert page.get_by_role("rowheader", name="Status").count() == 1
    assert_no_axe_violations(page)


def test_an_article_in_danish_on_an_english_page_is_accessible(page):
    article = ArticleFactory(title="Sådan starter du")
    with translation.override("en"):
        url = article.get_absolute_url()

    response = page.goto(url)

    assert response.status == 200
    assert page.locator("article").get_attribute("lang") == "da"
    assert_no_axe_violations(page)


def test_the_favicon_is_found(page):
    page.goto("/")
    response = page.request.get("/favicon.ico")
    assert response.status == 200
