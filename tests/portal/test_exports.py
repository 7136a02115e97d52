"""The caseworker exports the list they are looking at, filters and all, as CSV or Excel."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from portal.cases.models import Case
from tests.factories import CompanyFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Danish Excel needs the byte-order mark"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_case_export_keeps_the_changelists_filter(admin_client):
    today = timezone.localdate()
    late = CaseFactory(subject="Hjælp til en café", deadline=today - timedelta(days=2))
    CaseFactory(subject="Spørgsmål om netværk", deadline=today + timedelta(days=4))

    response = admin_client.get("/admin/cases/case/eksport.csv?overskredet=ja")

    rows = read_csv(response)
    assert response["Content-Disposition"].startswith('attachment; filename="sager-')
    assert rows[0][:4] == ["Reference", "Emne", "Type", "Status"]
    assert [row[0] for row in rows[1:]] == [late.reference]
    assert rows[1][1] == "Hjælp til en café"
    assert rows[1][3] == "Modtaget"
    assert rows[1][10] == (today - timedelta(days=2)).strftime("%d-%m-%Y")


def test_case_export_as_excel_has_real_dates(admin_client):
    case = CaseFactory(status=Case.Status.WAITING)

    response = admin_client.get("/admin/cases/case/eksport.xlsx?status__exact=waiting")

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Reference"
    assert values[1][0] == case.reference
    assert values[1][3] == "Afventer henvender"
    assert values[1][10].date() == case.deadline


def test_company_export_follows_search(admin_client):
    CompanyFactory(name="Æblehaven ApS", city="Vojens")
    CompanyFactory(name="Cykelsmeden", city="Haderslev")

    rows = read_csv(admin_client.get("/admin/registry/company/eksport.csv?q=Vojens"))

    assert [row[0] for row in rows[1:]] == ["Æblehaven ApS"]


def test_changelist_links_to_the_export_with_its_filters(admin_client):
    html = admin_client.get("/admin/cases/case/?status__exact=received").content.decode()
    assert 'href="/admin/cases/case/eksport.csv?status__exact=received"' in html
    assert 'href="/admin/cases/case/eksport.xlsx?status__exact=received"' in html


def test_export_needs_permission_to_view(client, django_user_model):
    clerk = django_user_model.objects.create_user(username="clerk", is_staff=True)
    client.force_login(clerk)
    assert client.get("/admin/cases/case/eksport.csv").status_code == 403


def test_export_query_count_does_not_grow(admin_client, superuser):
    CaseFactory.create_batch(5, assignee=superuser)
    with CaptureQueriesContext(connection) as small:
        admin_client.get("/admin/cases/case/eksport.xlsx")
    CaseFactory.create_batch(45, assignee=superuser)
    with CaptureQueriesContext(connection) as large:
        admin_client.get("/admin/cases/case/eksport.xlsx")
    assert len(large) == len(small)


def test_every_export_is_logged_with_who_and_which_filters(admin_client, superuser):
    from portal.privacy.models import PrivacyLogEntry

    CaseFactory.create_batch(2, status=Case.Status.WAITING)

    admin_client.get("/admin/cases/case/eksport.csv?status__exact=waiting")

    entry = PrivacyLogEntry.objects.get(kind=PrivacyLogEntry.Kind.EXPORT)
    assert entry.user == superuser
    assert entry.parameters == {"liste": "sager", "filtre": {"status__exact": "waiting"}}
    assert entry.total == 2
