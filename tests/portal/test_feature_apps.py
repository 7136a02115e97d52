"""The feature apps are one list in settings: portal's URLs, navigation and roles read it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from portal.pages.context_processors import site

pytestmark = pytest.mark.django_db


def test_each_feature_app_is_served_under_its_own_prefix():
    assert reverse("guidance:overview") == "/raadgivning/"
    assert reverse("partnerships:overview") == "/partnerskaber/"
    assert reverse("entrepreneurs:overview") == "/ivaerksaettere/"
    assert reverse("network:overview") == "/netvaerk/"


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
