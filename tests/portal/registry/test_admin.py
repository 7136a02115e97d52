import pytest
from django.urls import reverse

from portal.registry.models import Company
from tests.factories import CompanyFactory, ContactFactory, valid_cvr

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:registry_company_changelist")
ADD = reverse("admin:registry_company_add")

NEW_COMPANY = {
    "name": "Café Kernen",
    "cvr": "DK 96 10 01 59",
    "kind": "social_economy",
    "purpose_social": "on",
    "phone": "+45 74001001",
    "has_social_purpose": "yes",
    "sells_goods_or_services": "yes",
    "reinvests_surplus": "unknown",
    "independent_of_public_sector": "unknown",
    "has_cvr_number": "yes",
    "contacts-TOTAL_FORMS": "1",
    "contacts-INITIAL_FORMS": "0",
    "contacts-0-name": "Mette Lauridsen",
    "contacts-0-email": "mette@cafekernen.example",
    "contacts-0-phone": "74 00 10 01",
}


def test_staff_add_a_company_with_its_contact(caseworker_client):
    response = caseworker_client.post(ADD, NEW_COMPANY)

    assert response.status_code == 302
    company = Company.objects.get()
    assert (company.cvr, company.phone) == ("96100159", "74 00 10 01")
    assert [c.name for c in company.contacts.all()] == ["Mette Lauridsen"]


def test_an_invalid_cvr_number_is_refused_with_a_danish_message(caseworker_client):
    response = caseworker_client.post(ADD, {**NEW_COMPANY, "cvr": "12345678"})

    assert response.status_code == 200
    assert "Ugyldigt CVR-nummer" in response.content.decode()
    assert not Company.objects.exists()


def test_a_duplicate_cvr_number_is_refused_with_a_danish_message(caseworker_client):
    CompanyFactory(cvr="96100159", name="Kernen ApS")

    response = caseworker_client.post(ADD, NEW_COMPANY)

    assert response.status_code == 200
    assert "Der findes allerede en virksomhed med dette CVR-nummer." in response.content.decode()
    assert Company.objects.count() == 1


def test_a_social_economy_enterprise_without_purpose_is_refused(caseworker_client):
    response = caseworker_client.post(ADD, {**NEW_COMPANY, "purpose_social": ""})

    assert response.status_code == 200
    assert "mindst ét formål" in response.content.decode()
    assert not Company.objects.exists()


def test_the_changelist_shows_companies_in_danish_order(caseworker_client):
    for n, name in enumerate(["Åens Cykelværksted", "Aarø Rengøring", "Zealand", "Æblehaven"]):
        CompanyFactory(name=name, cvr=valid_cvr(n))

    response = caseworker_client.get(CHANGELIST)

    assert [c.name for c in response.context["cl"].result_list] == [
        "Zealand",
        "Æblehaven",
        "Åens Cykelværksted",
        "Aarø Rengøring",
    ]


def test_sorting_by_the_name_column_is_danish_too(caseworker_client):
    for n, name in enumerate(["Zealand", "Aarø Rengøring", "Abe"]):
        CompanyFactory(name=name, cvr=valid_cvr(n))

    response = caseworker_client.get(CHANGELIST, {"o": "-1"})

    assert [c.name for c in response.context["cl"].result_list] == [
        "Aarø Rengøring",
        "Zealand",
        "Abe",
    ]


def test_staff_find_a_company_by_cvr_number(caseworker_client):
    CompanyFactory(name="Café Kernen", cvr="96100159")
    CompanyFactory(name="Østergades Genbrug")

    response = caseworker_client.get(CHANGELIST, {"q": "96100159"})

    assert [c.name for c in response.context["cl"].result_list] == ["Café Kernen"]


def test_staff_filter_companies_by_purpose(caseworker_client):
    CompanyFactory(name="Æblehaven", purpose_environment=True)
    CompanyFactory(name="Café Kernen", purpose_social=True)

    response = caseworker_client.get(CHANGELIST, {"purpose": "environment"})

    assert [c.name for c in response.context["cl"].result_list] == ["Æblehaven"]
    assert "Formål" in response.content.decode()


@pytest.mark.parametrize("url_name", ["registry_company", "registry_contact"])
def test_changelist_query_count_does_not_grow_with_the_rows(
    caseworker_client, django_assert_max_num_queries, url_name
):
    url = reverse(f"admin:{url_name}_changelist")
    ContactFactory.create_batch(5)
    caseworker_client.get(url)  # the session and the user are loaded the same way each time
    # 10: session, user, the role's permissions, the session saved again (idle expiry), counts,
    # rows and filters.

    with django_assert_max_num_queries(10) as few:
        assert caseworker_client.get(url).status_code == 200
    ContactFactory.create_batch(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = caseworker_client.get(url)
    assert response.context["cl"].result_count == 50


def test_staff_find_a_contact_by_company_name(caseworker_client):
    ContactFactory(name="Mette", company=CompanyFactory(name="Café Kernen"))
    ContactFactory(name="Jonas")

    response = caseworker_client.get(reverse("admin:registry_contact_changelist"), {"q": "kernen"})

    assert [c.name for c in response.context["cl"].result_list] == ["Mette"]


def test_the_company_page_shows_the_five_characteristics_apart_from_rsv(caseworker_client):
    company = CompanyFactory()

    response = caseworker_client.get(reverse("admin:registry_company_change", args=[company.pk]))

    page = response.content.decode()
    assert "Kommunens vurdering (de fem kendetegn)" in page
    assert "Registrering (RSV)" in page
    assert "geninvesterer et eventuelt overskud" in page.lower()
