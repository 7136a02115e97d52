import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.register import services
from tests.factories import CompanyFactory
from tests.partnerships.factories import ActivityFactory, MemberFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def _company_page(client, company) -> str:
    return client.get(reverse("admin:registry_company_change", args=[company.pk])).content.decode()


def test_each_members_company_page_shows_the_partnership(caseworker_client):
    cafe = CompanyFactory(name="Café Kernen", kind="social_economy")
    bakery = CompanyFactory(name="Kirkepladsens Bageri ApS", kind="ordinary")
    partnership = services.create_partnership(
        title="Overskudsbrød til caféen",
        purpose="Intet brød i skraldespanden.",
        companies=[bakery, cafe],
    )
    ActivityFactory(partnership=partnership, date=datetime.date(2026, 11, 12))

    for company, other in [(cafe, "Kirkepladsens Bageri ApS"), (bakery, "Café Kernen")]:
        html = _company_page(caseworker_client, company)
        assert "Partnerskaber" in html
        assert partnership.get_admin_url() in html
        assert "Overskudsbrød til caféen" in html
        assert "En ordinær og en socialøkonomisk virksomhed" in html
        assert "Idé" in html
        assert f"Sammen med {other}." in html
        assert "Seneste aktivitet: 12. november 2026." in html


def test_a_company_outside_the_partnership_does_not_show_it(caseworker_client):
    PartnershipFactory(title="Andres partnerskab")
    html = _company_page(caseworker_client, CompanyFactory())
    assert "Andres partnerskab" not in html


def test_the_section_links_to_all_of_the_companys_partnerships(caseworker_client):
    company = CompanyFactory()
    for number in range(12):
        MemberFactory(partnership=PartnershipFactory(title=f"Nr. {number}"), company=company)
    PartnershipFactory(title="En andens")

    html = _company_page(caseworker_client, company)
    url = reverse("admin:partnerships_partnership_changelist") + f"?part={company.pk}"
    assert f'href="{url}"' in html and "Vis alle 12" in html

    response = caseworker_client.get(url)
    assert len(response.context["cl"].result_list) == 12


def test_the_company_page_costs_the_same_queries_for_5_and_50_partnerships(caseworker_client):
    company = CompanyFactory()

    def add(count: int) -> None:
        for _number in range(count):
            partnership = PartnershipFactory()
            MemberFactory(partnership=partnership, company=company)
            MemberFactory(partnership=partnership)
            ActivityFactory(partnership=partnership)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            _company_page(caseworker_client, company)
        # The page's check whether the company may be deleted looks at memberships too.
        ours = [
            q
            for q in captured.captured_queries
            if "partnerships_partnership" in q["sql"] and '"deletion_blocker_' not in q["sql"]
        ]
        return len(captured), len(ours)

    add(5)
    _company_page(caseworker_client, company)  # the session and the site settings, made once
    with_5 = queries()
    add(45)
    assert queries() == with_5
    assert with_5[1] == 2  # the partnerships with their total, and their members
