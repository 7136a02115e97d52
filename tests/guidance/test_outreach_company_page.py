"""Outreach on the company page: its table has its own headings, and choosing the person
spoken to offers that company's contact persons only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidance.models import Outreach
from tests.factories import CompanyFactory, ContactFactory
from tests.guidance.factories import OutreachFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:guidance_outreach_add")


@pytest.fixture
def company():
    return CompanyFactory(name="Café Kernen ApS")


@pytest.fixture
def mette(company):
    return ContactFactory(company=company, name="Mette Lauridsen")


@pytest.fixture
def stranger():
    return ContactFactory(
        company=CompanyFactory(name="Anden Virksomhed ApS"), name="Fremmed Person"
    )


def _form(company, caseworker, **changes) -> dict:
    return {
        "company": company.pk,
        "date": "2026-11-28",
        "channel": "phone",
        "caseworker": caseworker.pk,
        "contact": "",
        "contact_name": "",
        "outcome": "interested",
        "notes": "",
        "follow_up_on": "",
        **changes,
    }


def _contact_choices(response) -> list[str]:
    field = response.context["adminform"].form.fields["contact"]
    return [label for value, label in field.choices if value]


def test_the_outreach_table_on_the_company_page_has_its_own_headings(caseworker_client, company):
    OutreachFactory(company=company, contact_name="Jens Jensen", channel=Outreach.Channel.MEETING)

    page = caseworker_client.get(
        reverse("admin:registry_company_change", args=[company.pk])
    ).content.decode()

    table = page[page.index('id="company-section-outreach"') :]
    table = table[: table.index("</table>")]
    headings = [f'<th scope="col">{heading}</th>' for heading in ("Dato", "Kontakt")]
    headings += [f'<th scope="col">{heading}</th>' for heading in ("Kontaktform", "Resultat")]
    positions = [table.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert '<th scope="col">Emne</th>' not in table
    assert "Kontakt med Jens Jensen" in table
    assert "Møde/besøg" in table


def test_from_the_company_page_only_its_contact_persons_are_offered(
    caseworker_client, company, mette, stranger
):
    ContactFactory(company=company, name="Jonas Brodersen")

    response = caseworker_client.get(f"{ADD}?company={company.pk}")

    assert _contact_choices(response) == ["Jonas Brodersen", "Mette Lauridsen"]
    page = response.content.decode()
    assert "Mette Lauridsen" in page
    assert "Fremmed Person" not in page


def test_a_company_without_contact_persons_offers_none(caseworker_client, company, stranger):
    response = caseworker_client.get(f"{ADD}?company={company.pk}")

    assert _contact_choices(response) == []
    assert "Navn på kontaktperson" in response.content.decode()


def test_the_change_page_offers_the_contact_persons_of_the_rows_company(
    caseworker_client, company, mette, stranger
):
    outreach = OutreachFactory(company=company, contact=mette, contact_name="")

    response = caseworker_client.get(reverse("admin:guidance_outreach_change", args=[outreach.pk]))

    assert _contact_choices(response) == ["Mette Lauridsen"]
    assert "selected>Mette Lauridsen</option>" in response.content.decode()


def test_a_contact_person_is_logged_with_the_contact(caseworker_client, caseworker, company, mette):
    response = caseworker_client.post(
        f"{ADD}?company={company.pk}", _form(company, caseworker, contact=mette.pk)
    )

    assert response.url == reverse("admin:registry_company_change", args=[company.pk])
    assert Outreach.objects.get().person_name == "Mette Lauridsen"


def test_a_contact_person_of_another_company_is_refused_and_nothing_is_logged(
    caseworker_client, caseworker, company, stranger
):
    response = caseworker_client.post(
        f"{ADD}?company={company.pk}", _form(company, caseworker, contact=stranger.pk)
    )

    assert response.status_code == 200
    assert "Kontaktpersonen hører ikke til den valgte virksomhed." in response.content.decode()
    assert not Outreach.objects.exists()


def test_the_choices_follow_the_company_chosen_in_the_form(
    caseworker_client, caseworker, company, mette, stranger
):
    # The caseworker came from Café Kernen's page but logs the contact with the other company.
    response = caseworker_client.post(
        f"{ADD}?company={company.pk}",
        _form(stranger.company, caseworker, contact=mette.pk, channel=""),
    )

    assert _contact_choices(response) == ["Fremmed Person"]
    assert not Outreach.objects.exists()


def test_the_contact_choices_cost_one_query_however_many_contacts(
    caseworker_client, company, django_assert_max_num_queries
):
    ContactFactory.create_batch(3, company=company)
    caseworker_client.get(f"{ADD}?company={company.pk}")  # the session and content types
    with CaptureQueriesContext(connection) as few:
        caseworker_client.get(f"{ADD}?company={company.pk}")
    ContactFactory.create_batch(30, company=company)

    with django_assert_max_num_queries(len(few)):
        response = caseworker_client.get(f"{ADD}?company={company.pk}")
    assert len(_contact_choices(response)) == 33
