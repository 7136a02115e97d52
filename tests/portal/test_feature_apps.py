"""The feature apps are one list in settings: portal's URLs, navigation and roles read it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from portal.pages.context_processors import site

pytestmark = pytest.mark.django_db


def test_each_feature_app_is_served_under_its_own_prefix():
    assert reverse("guidance:overview") == "/raadgivning/"
    assert reverse("partnerships:overview") == "/partnerskaber/"
    assert reverse("entrepreneurs:overview") == "/ivaerksaettere/"
    assert reverse("network:overview") == "/netvaerk/"


def test_a_feature_app_may_serve_pages_under_a_further_prefix_of_its_own():
    # The directory of social-economy enterprises belongs to partnerships (PartnershipsConfig
    # .more_urls) but has the address the public knows, in every language.
    assert reverse("directory:entry-list") == "/virksomheder/"
    with translation.override("en"):
        assert reverse("directory:entry-list") == "/en/virksomheder/"


def test_the_main_navigation_lists_the_feature_apps_in_the_settings_order(client):
    html = client.get("/netvaerk/").content.decode()

    positions = [html.index(title) for title in ("Råd og vejledning", "Partnerskaber", "Netværk")]
    assert positions == sorted(positions)
    assert 'href="/netvaerk/"' in html


def test_the_navigation_follows_the_list(settings):
    settings.FEATURE_APPS = ["network", "guidance"]

    principles = site(RequestFactory().get("/netvaerk/moeder/"))["principles"]

    assert [(item["title"], item["url"], item["active"]) for item in principles] == [
        ("Netværk", "/netvaerk/", True),
        ("Råd og vejledning", "/raadgivning/", False),
    ]
