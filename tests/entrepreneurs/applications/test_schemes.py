import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from entrepreneurs.models import ApplicationDraft, SchemePeriod
from tests.entrepreneurs.factories import SupportSchemeFactory

pytestmark = pytest.mark.django_db


def _closed_scheme(**kwargs):
    scheme = SupportSchemeFactory(open_period=False, **kwargs)
    SchemePeriod.objects.create(
        scheme=scheme, opens_on=datetime.date(2027, 2, 1), closes_on=datetime.date(2027, 6, 30)
    )
    return scheme


@pytest.fixture
def december(monkeypatch):
    day = datetime.date(2026, 12, 1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: day)
    return day


def test_support_page_lists_open_schemes_and_those_opening_later(client, scheme, december):
    _closed_scheme(name="Forårspuljen")
    SupportSchemeFactory(name="Skjult pulje", published=False)
    page = client.get(reverse("entrepreneurs:support")).content.decode()
    assert "Iværksætterpuljen" in page
    assert "Åben for ansøgninger" in page
    assert "Forårspuljen" in page
    assert "Du kan søge fra 1. februar 2027." in page
    assert "Skjult pulje" not in page
    assert page.index("Iværksætterpuljen") < page.index("Forårspuljen")


def test_support_page_queries_are_bounded(client, django_assert_max_num_queries):
    for _number in range(5):
        SupportSchemeFactory()
    client.get(reverse("entrepreneurs:support"))  # the site settings' row, made once
    with django_assert_max_num_queries(3):
        client.get(reverse("entrepreneurs:support"))


def test_scheme_page_shows_the_texts_limits_and_the_start_button(client, scheme):
    page = client.get(scheme.get_absolute_url()).content.decode()
    assert "50.000 kr." in page
    assert "50 %" in page
    assert "Lov om erhvervsfremme § 14" in page
    assert scheme.text_what_is_funded in page
    assert "Start ansøgningen" in page


def test_closed_scheme_names_the_next_period_and_has_no_start_button(client, december):
    scheme = _closed_scheme()
    page = client.get(scheme.get_absolute_url()).content.decode()
    assert "Du kan søge igen fra 1. februar 2027." in page
    assert "Start ansøgningen" not in page


def test_starting_outside_the_period_is_refused_with_the_next_period(client, december):
    scheme = _closed_scheme()
    response = client.post(reverse("entrepreneurs:scheme-start", args=[scheme.slug]))
    assert response.status_code == 409
    assert "Du kan søge igen fra 1. februar 2027." in response.content.decode()
    assert not ApplicationDraft.objects.exists()


def test_unpublished_scheme_is_404(client):
    scheme = SupportSchemeFactory(published=False)
    assert client.get(scheme.get_absolute_url()).status_code == 404


def test_starting_many_drafts_from_one_connection_is_limited(client, scheme, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    url = reverse("entrepreneurs:scheme-start", args=[scheme.slug])
    statuses = [client.post(url).status_code for _attempt in range(5)]
    assert statuses == [302, 302, 302, 302, 429]
    assert ApplicationDraft.objects.count() == 4
