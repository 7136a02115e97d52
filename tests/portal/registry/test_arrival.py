"""The caseworker records in the admin that a company started here or moved here, and when; the
changelist filters by it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.registry.demo import load_demo_arrivals, load_demo_companies
from portal.registry.models import Company
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:registry_company_changelist")
LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)

# What the company form posts for a social-economy enterprise with no contacts.
FORM = {
    "name": "Gram Gårdbutik",
    "cvr": "96101058",
    "kind": "social_economy",
    "purpose_social": "on",
    "has_social_purpose": "yes",
    "sells_goods_or_services": "yes",
    "reinvests_surplus": "yes",
    "independent_of_public_sector": "yes",
    "has_cvr_number": "yes",
    "contacts-TOTAL_FORMS": "0",
    "contacts-INITIAL_FORMS": "0",
}


def _change_url(company: Company) -> str:
    return reverse("admin:registry_company_change", args=[company.pk])


def _enterprise() -> Company:
    return CompanyFactory(
        name="Gram Gårdbutik", cvr="96101058", kind="social_economy", purpose_social=True
    )


def test_the_company_page_has_the_arrival_fields_under_their_own_heading(caseworker_client):
    response = caseworker_client.get(_change_url(_enterprise()))

    page = response.content.decode()
    assert "Ny i kommunen" in page
    for name in ("arrival", "arrived_on"):
        assert f'name="{name}"' in page


def test_the_caseworker_records_that_an_enterprise_started_here(caseworker_client):
    company = _enterprise()

    response = caseworker_client.post(
        _change_url(company),
        {**FORM, "arrival": "established", "arrived_on": f"{LAST_MONTH:%d.%m.%Y}"},
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.arrival == Company.Arrival.ESTABLISHED
    assert company.arrived_on == LAST_MONTH
    # The registry's history keeps who set it.
    assert company.history.first().arrival == Company.Arrival.ESTABLISHED


def test_an_arrival_without_a_date_is_refused_with_a_danish_message(caseworker_client):
    company = _enterprise()

    response = caseworker_client.post(_change_url(company), {**FORM, "arrival": "attracted"})

    assert response.status_code == 200
    assert "Skriv datoen, virksomheden startede eller flyttede hertil." in (
        response.content.decode()
    )
    company.refresh_from_db()
    assert company.arrival == ""


def test_a_date_without_saying_started_or_moved_is_refused(caseworker_client):
    company = _enterprise()

    response = caseworker_client.post(
        _change_url(company), {**FORM, "arrived_on": f"{LAST_MONTH:%d.%m.%Y}"}
    )

    assert response.status_code == 200
    assert "Vælg, om virksomheden er startet her eller flyttet hertil." in (
        response.content.decode()
    )


def test_an_arrival_in_the_future_is_refused(caseworker_client):
    company = _enterprise()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = caseworker_client.post(
        _change_url(company),
        {**FORM, "arrival": "established", "arrived_on": f"{tomorrow:%d.%m.%Y}"},
    )

    assert response.status_code == 200
    assert "Datoen må ikke ligge i fremtiden." in response.content.decode()


def test_the_changelist_filters_by_started_moved_and_year(caseworker_client):
    this_year = timezone.localdate().year
    last_year = this_year - 1
    CompanyFactory(
        name="Startet i fjor", arrival="established", arrived_on=datetime.date(last_year, 3, 1)
    )
    CompanyFactory(
        name="Flyttet i fjor", arrival="attracted", arrived_on=datetime.date(last_year, 9, 1)
    )
    CompanyFactory(
        name="Startet i år", arrival="established", arrived_on=datetime.date(this_year, 1, 1)
    )
    CompanyFactory(name="Ikke ny")

    def names(value: str) -> set[str]:
        response = caseworker_client.get(CHANGELIST, {"arrival": value})
        return {company.name for company in response.context["cl"].result_list}

    assert names("established") == {"Startet i fjor", "Startet i år"}
    assert names("attracted") == {"Flyttet i fjor"}
    assert names(str(last_year)) == {"Startet i fjor", "Flyttet i fjor"}
    page = caseworker_client.get(CHANGELIST).content.decode()
    assert "Ny i kommunen" in page
    # This year first, then the years before.
    assert page.index(f"Ny i {this_year}") < page.index(f"Ny i {last_year}")


def test_the_demo_marks_new_enterprises_over_two_years_and_keeps_a_changed_date():
    load_demo_companies()
    load_demo_arrivals()
    moving = Company.objects.get(name="Haderslev Flytteservice")
    changed = timezone.localdate() - datetime.timedelta(days=5)
    Company.objects.filter(pk=moving.pk).update(arrived_on=changed)
    load_demo_companies()
    load_demo_arrivals()

    new = Company.objects.social_economy().exclude(arrival="")
    two_years_ago = timezone.localdate() - datetime.timedelta(days=730)
    assert {company.arrival for company in new} == {"established", "attracted"}
    assert all(two_years_ago <= company.arrived_on <= timezone.localdate() for company in new)
    assert new.count() == 6
    assert Company.objects.get(pk=moving.pk).arrived_on == changed
    # Each came into the registry on or before the day it started or moved here.
    assert all(timezone.localdate(company.created_at) <= company.arrived_on for company in new)
    for company in Company.objects.all():
        company.full_clean()
