"""The company's admin page as a 360° view: its cases and contacts, through one extension point."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.cases.models import Case
from portal.registry.timeline import (
    ROWS_PER_SECTION,
    CompanySection,
    CompanySectionProvider,
    TimelineRow,
    company_section_providers,
    company_sections,
)
from tests.factories import CompanyFactory
from tests.guidance.factories import OutreachFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def company():
    return CompanyFactory(name="Café Kernen ApS")


def _page(client, company):
    return client.get(reverse("admin:registry_company_change", args=[company.pk]))


def _days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def test_the_page_lists_the_companys_cases_newest_first_with_links(caseworker_client, company):
    old = CaseFactory(company=company, subject="Sparring om vedtægter", created_at=_days_ago(40))
    new = CaseFactory(
        company=company, subject="Ansøgning om opstartsstøtte", status=Case.Status.IN_PROGRESS
    )
    CaseFactory(subject="En anden virksomheds sag", company=CompanyFactory())

    response = _page(caseworker_client, company)

    sections = {section.name: section for section in response.context["company_sections"]}
    assert [row.title for row in sections["cases"].rows] == [
        f"{new.reference} Ansøgning om opstartsstøtte",
        f"{old.reference} Sparring om vedtægter",
    ]
    assert sections["cases"].rows[0].status_label == "Under behandling"
    html = response.content.decode()
    assert "Sager" in html
    assert f'href="{reverse("admin:cases_case_change", args=[new.pk])}"' in html
    assert "En anden virksomheds sag" not in html


def test_the_page_lists_the_contacts_newest_first_with_a_link_to_register_one(
    caseworker_client, company
):
    today = timezone.localdate()
    older = OutreachFactory(company=company, date=today - datetime.timedelta(days=10))
    newer = OutreachFactory(company=company, date=today, contact_name="Jens Jensen")

    response = _page(caseworker_client, company)

    html = response.content.decode()
    sections = {section.name: section for section in response.context["company_sections"]}
    assert [row.url for row in sections["outreach"].rows] == [
        reverse("admin:guidance_outreach_change", args=[newer.pk]),
        reverse("admin:guidance_outreach_change", args=[older.pk]),
    ]
    assert "Kontakter fra kommunen" in html
    assert "Kontakt med Jens Jensen" in html
    add_url = f"{reverse('admin:guidance_outreach_add')}?company={company.pk}"
    assert f'href="{add_url}"' in html
    assert "Registrér kontakt" in html


def test_cases_come_before_contacts(caseworker_client, company):
    response = _page(caseworker_client, company)

    names = [section.name for section in response.context["company_sections"]]
    assert names.index("cases") < names.index("outreach")
    assert "Intet registreret endnu" in response.content.decode()


def test_a_long_history_shows_the_newest_rows_and_a_link_to_all(caseworker_client, company):
    CaseFactory.create_batch(ROWS_PER_SECTION + 2, company=company)
    CaseFactory(company=CompanyFactory())

    response = _page(caseworker_client, company)

    cases = {section.name: section for section in response.context["company_sections"]}["cases"]
    assert (len(cases.rows), cases.total) == (ROWS_PER_SECTION, ROWS_PER_SECTION + 2)
    assert f"Vis alle {ROWS_PER_SECTION + 2}" in response.content.decode()
    listed = caseworker_client.get(cases.all_url)
    assert listed.context["cl"].result_count == ROWS_PER_SECTION + 2


def test_staff_see_only_the_sections_they_have_permission_for(client, django_user_model, company):
    CaseFactory(company=company, subject="Fortrolig sag")
    OutreachFactory(company=company)
    registrar = django_user_model.objects.create_user(
        username="registrator", password="x", is_staff=True
    )
    registrar.user_permissions.set(
        Permission.objects.filter(codename__in=["view_company", "change_company", "view_outreach"])
    )
    client.force_login(registrar)

    response = _page(client, company)

    sections = response.context["company_sections"]
    assert [section.name for section in sections] == ["outreach"]
    assert sections[0].add_url is None
    assert "Fortrolig sag" not in response.content.decode()
    assert "Registrér kontakt" not in response.content.decode()


def test_an_app_adds_a_section_by_registering_it(company, caseworker):
    def meetings(company):
        return CompanySection(
            rows=[TimelineRow(date=datetime.date(2026, 11, 28), title="Netværksmøde", url="/x/")]
        )

    provider = CompanySectionProvider(
        name="test_meetings", label="Netværksmøder", build=meetings, order=1
    )
    with company_section_providers.only(provider, *company_section_providers.entries()):
        sections = company_sections(company, user=caseworker)

    assert (sections[0].name, sections[0].label) == ("test_meetings", "Netværksmøder")
    assert sections[0].rows[0].title == "Netværksmøde"


def test_the_page_costs_the_same_queries_for_5_and_50_cases_and_contacts(
    caseworker_client, company, django_assert_num_queries
):
    CaseFactory.create_batch(5, company=company)
    OutreachFactory.create_batch(5, company=company)
    _page(caseworker_client, company)  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as small:
        _page(caseworker_client, company)
    CaseFactory.create_batch(45, company=company)
    OutreachFactory.create_batch(45, company=company)

    with django_assert_num_queries(len(small)):
        _page(caseworker_client, company)
