"""A company's page in the admin shows the offers and needs it has posted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Listing, ListingMessage
from tests.factories import CompanyFactory
from tests.partnerships.exchange.data import in_days
from tests.partnerships.factories import ListingFactory

pytestmark = pytest.mark.django_db


def _company_page(client, company) -> str:
    return client.get(reverse("admin:registry_company_change", args=[company.pk])).content.decode()


def test_the_company_page_shows_its_listings_with_state_and_messages(client, caseworker):
    client.force_login(caseworker)
    company = CompanyFactory(name="Café Kernen")
    catering = ListingFactory(company=company, title="Catering til møder")
    ListingMessage.objects.create(
        listing=catering, sender_name="Susanne", sender_email="s@x.example", message="Hej"
    )
    ListingFactory(
        company=company, title="Brød fra dagen før", kind="need", valid_until=in_days(-1)
    )
    ListingFactory(
        company=company,
        title="Lokaler om aftenen",
        status=Listing.Status.PENDING,
        published_at=None,
    )
    ListingFactory(title="En andens opslag")

    html = _company_page(client, company)

    assert "Opslag på partnerskabsbørsen" in html
    assert catering.get_admin_url() in html
    assert "Tilbud · Ydelser · gælder til og med" in html
    assert "1 besked" in html
    assert "Udløbet" in html
    assert "Afventer godkendelse" in html
    assert "En andens opslag" not in html


def test_the_section_links_to_all_of_the_companys_listings(client, caseworker):
    client.force_login(caseworker)
    company = CompanyFactory()
    ListingFactory.create_batch(12, company=company)
    ListingFactory(title="En andens")

    html = _company_page(client, company)
    url = reverse("admin:partnerships_listing_changelist") + f"?company__id__exact={company.pk}"
    assert f'href="{url}"' in html and "Vis alle 12" in html
    assert len(client.get(url).context["cl"].result_list) == 12


def test_the_company_page_costs_the_same_queries_for_5_and_50_listings(client, caseworker):
    client.force_login(caseworker)
    counts = []
    for number in (5, 50):
        company = CompanyFactory()
        ListingFactory.create_batch(number, company=company)
        _company_page(client, company)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            _company_page(client, company)
        counts.append(len(queries))
    assert counts[0] == counts[1]
