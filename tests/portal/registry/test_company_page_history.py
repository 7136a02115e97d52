"""The company page reads as the company's history first, then its form; a company that must
be kept has no "Slet" button; a draft from a CVR number says its number once."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.models import MEETING_KIND
from portal.cases.models import Case
from portal.registry.models import Company
from portal.registry.services import company_for_cvr_or_draft, deletion_blockers
from tests.entrepreneurs.factories import GrantApplicationFactory
from tests.factories import CompanyFactory, OccasionFactory, RegistrationFactory, valid_cvr
from tests.guidance.factories import OutreachFactory
from tests.partnerships.factories import MemberFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:registry_company_changelist")


@pytest.fixture
def company():
    return CompanyFactory(name="Café Kernen ApS", cvr="96100159")


def _change_url(company: Company) -> str:
    return reverse("admin:registry_company_change", args=[company.pk])


def _page(client, company: Company) -> str:
    response = client.get(_change_url(company))
    assert response.status_code == 200
    return response.content.decode()


def _add_history(company: Company, count: int) -> None:
    """`count` of each kind of history: cases, outreach, meetings, partnerships, grants."""
    CaseFactory.create_batch(count, company=company)
    OutreachFactory.create_batch(count, company=company)
    for _number in range(count):
        RegistrationFactory(occasion=OccasionFactory(kind=MEETING_KIND), company=company)
        MemberFactory(company=company)
        application = GrantApplicationFactory()
        Case.objects.filter(pk=application.pk).update(company=company)


def test_the_history_comes_before_the_edit_form(caseworker_client, company):
    case = CaseFactory(company=company, subject="Sparring om vedtægter")
    OutreachFactory(company=company, contact_name="Jens Jensen")

    page = _page(caseworker_client, company)

    history = page.index("Virksomhedens historik hos kommunen")
    cases = page.index("Sparring om vedtægter")
    outreach = page.index("Kontakt med Jens Jensen")
    form = page.index('id="company_form"')
    assert history < cases < form
    assert history < outreach < form
    assert page.index('name="name"') > form
    assert f'href="{reverse("admin:cases_case_change", args=[case.pk])}"' in page
    assert 'href="#company-form-heading"' in page
    assert "Virksomhedens oplysninger" in page


def test_the_cases_table_has_its_own_headings(caseworker_client, company):
    CaseFactory(company=company, subject="Sparring om vedtægter")

    page = _page(caseworker_client, company)

    cases = page[page.index('id="company-section-cases"') :]
    cases = cases[: cases.index("</table>")]
    headings = ["Oprettet", "Sag", "Sagstype", "Status"]
    assert [f'<th scope="col">{heading}</th>' in cases for heading in headings] == [True] * 4
    assert cases.index(">Oprettet<") < cases.index(">Sag<") < cases.index(">Sagstype<")


def test_the_rows_are_dated_in_danish_newest_first(caseworker_client, company):
    CaseFactory(
        company=company,
        subject="Gammel sag",
        created_at=datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC),
    )
    CaseFactory(
        company=company,
        subject="Ny sag",
        created_at=datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC),
    )

    page = _page(caseworker_client, company)

    assert "3. december 2026" in page
    assert "2. marts 2026" in page
    assert page.index("Ny sag") < page.index("Gammel sag")


def test_the_page_costs_the_same_queries_for_2_and_12_of_each_kind_of_history(
    caseworker_client, company
):
    _add_history(company, 2)
    _page(caseworker_client, company)  # the session, the site settings, content types
    with CaptureQueriesContext(connection) as few:
        page = _page(caseworker_client, company)
    _add_history(company, 10)

    with CaptureQueriesContext(connection) as many:
        page = _page(caseworker_client, company)

    assert len(many) == len(few)
    for label in ["Sager", "Kontakter fra kommunen", "Netværksmøder", "Partnerskaber"]:
        assert f">{label}</h3>" in page
    assert "Vis alle 12" in page


def test_a_company_with_a_case_has_no_delete_button_and_says_why(caseworker_client, company):
    CaseFactory(company=company)

    page = _page(caseworker_client, company)

    delete_url = reverse("admin:registry_company_delete", args=[company.pk])
    assert delete_url not in page
    assert "deletelink" not in page
    assert (
        "Virksomheden kan ikke slettes, fordi den indgår i sager. De bevares som kommunens "
        "dokumentation, og personoplysningerne i dem anonymiseres efter reglerne for opbevaring."
    ) in page


def test_the_delete_page_of_a_company_with_a_case_is_refused(caseworker_client, company):
    CaseFactory(company=company)

    url = reverse("admin:registry_company_delete", args=[company.pk])
    assert caseworker_client.get(url).status_code == 403
    assert caseworker_client.post(url, {"post": "yes"}).status_code == 403
    assert Company.objects.filter(pk=company.pk).exists()


def test_a_company_without_history_may_be_deleted(caseworker_client, company):
    page = _page(caseworker_client, company)

    assert reverse("admin:registry_company_delete", args=[company.pk]) in page
    assert "kan ikke slettes" not in page
    response = caseworker_client.post(
        reverse("admin:registry_company_delete", args=[company.pk]), {"post": "yes"}
    )
    assert response.url == CHANGELIST
    assert not Company.objects.filter(pk=company.pk).exists()


def test_every_kind_of_history_that_must_be_kept_is_named(company):
    CaseFactory(company=company)
    OutreachFactory(company=company)
    MemberFactory(company=company)

    # The member row is named by the partnership it belongs to.
    assert deletion_blockers(company) == ["sager", "kontakter med virksomheder", "partnerskaber"]
    assert deletion_blockers(CompanyFactory()) == []


def test_staff_who_may_not_delete_companies_are_not_told_why_they_cannot(
    client, django_user_model, company
):
    CaseFactory(company=company)
    viewer = django_user_model.objects.create_user(username="læser", password="x", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_company"))
    client.force_login(viewer)

    assert "kan ikke slettes" not in _page(client, company)


def test_a_draft_from_a_cvr_number_says_the_number_once(caseworker_client):
    cvr = valid_cvr(7)

    draft, created = company_for_cvr_or_draft(cvr=cvr, reason="test")

    assert created
    assert draft.name == f"Ukendt virksomhed (CVR {cvr})"
    assert str(draft) == f"Ukendt virksomhed (CVR {cvr})"
    page = _page(caseworker_client, draft)
    assert f"(CVR {cvr}) (CVR {cvr})" not in page
    listed = caseworker_client.get(CHANGELIST).content.decode()
    assert f"Ukendt virksomhed (CVR {cvr})" in listed
    assert f"(CVR {cvr}) (CVR {cvr})" not in listed


def test_a_named_company_is_shown_with_its_cvr_number(company):
    assert str(company) == "Café Kernen ApS (CVR 96100159)"
    assert str(CompanyFactory(name="Iværksætteridé", cvr="")) == "Iværksætteridé"
