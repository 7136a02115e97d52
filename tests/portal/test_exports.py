"""The caseworker exports the list they are looking at, filters and all, as CSV or Excel."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from portal.cases import services
from portal.cases.models import Case
from tests.factories import CompanyFactory, ContactFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Danish Excel needs the byte-order mark"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_case_export_keeps_the_changelists_filter(caseworker_client):
    today = timezone.localdate()
    late = CaseFactory(subject="Hjælp til en café", deadline=today - timedelta(days=2))
    CaseFactory(subject="Spørgsmål om netværk", deadline=today + timedelta(days=4))

    response = caseworker_client.get("/admin/cases/case/eksport.csv?overskredet=ja")

    rows = read_csv(response)
    assert response["Content-Disposition"].startswith('attachment; filename="sager-')
    assert rows[0][:6] == ["Sagsnummer", "Emne", "Henvender", "Status", "Frist", "Sagsbehandler"]
    assert [row[0] for row in rows[1:]] == [late.reference]
    assert rows[1][1] == "Hjælp til en café"
    assert rows[1][3] == "Modtaget"
    assert rows[1][4] == (today - timedelta(days=2)).strftime("%d-%m-%Y")


def test_case_export_as_excel_has_real_dates(caseworker_client):
    case = CaseFactory(status=Case.Status.WAITING)

    response = caseworker_client.get("/admin/cases/case/eksport.xlsx?status__exact=waiting")

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Sagsnummer"
    assert values[1][0] == case.reference
    assert values[1][3] == "Afventer henvender"
    assert values[1][4].date() == case.deadline


def test_company_export_follows_search(caseworker_client):
    CompanyFactory(name="Æblehaven ApS", city="Vojens")
    CompanyFactory(name="Cykelsmeden", city="Haderslev")

    rows = read_csv(caseworker_client.get("/admin/registry/company/eksport.csv?q=Vojens"))

    assert [row[0] for row in rows[1:]] == ["Æblehaven ApS"]


def test_changelist_links_to_the_export_with_its_filters(caseworker_client):
    html = caseworker_client.get("/admin/cases/case/?status__exact=received").content.decode()
    assert 'href="/admin/cases/case/eksport.csv?status__exact=received"' in html
    assert 'href="/admin/cases/case/eksport.xlsx?status__exact=received"' in html


def test_export_needs_permission_to_view(outsider_client):
    assert outsider_client.get("/admin/cases/case/eksport.csv").status_code == 403


def test_export_query_count_does_not_grow(caseworker_client, caseworker):
    CaseFactory.create_batch(5, assignee=caseworker)
    with CaptureQueriesContext(connection) as small:
        caseworker_client.get("/admin/cases/case/eksport.xlsx")
    CaseFactory.create_batch(45, assignee=caseworker)
    with CaptureQueriesContext(connection) as large:
        caseworker_client.get("/admin/cases/case/eksport.xlsx")
    assert len(large) == len(small)


def test_every_export_is_logged_with_who_and_which_filters(caseworker_client, caseworker):
    from portal.privacy.models import PrivacyLogEntry

    CaseFactory.create_batch(2, status=Case.Status.WAITING)

    caseworker_client.get("/admin/cases/case/eksport.csv?status__exact=waiting")

    entry = PrivacyLogEntry.objects.get(kind=PrivacyLogEntry.Kind.EXPORT)
    assert entry.user == caseworker
    assert entry.parameters == {"liste": "sager", "filtre": {"status__exact": "waiting"}}
    assert entry.total == 2


FORMULA = '=HYPERLINK("http://x","klik")'


@pytest.mark.parametrize(
    "name", [FORMULA, "+45 12 34 56 78", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
)
def test_a_name_typed_as_a_formula_is_text_in_the_csv_export(caseworker_client, name):
    # As typed into the public enquiry form.
    CaseFactory(contact=ContactFactory(name=name))

    rows = read_csv(caseworker_client.get("/admin/cases/case/eksport.csv"))

    assert rows[0][2] == "Henvender"
    assert rows[1][2] == f"'{name}"


def test_a_name_typed_as_a_formula_is_text_in_the_excel_export(caseworker_client):
    CaseFactory(contact=ContactFactory(name=FORMULA))

    response = caseworker_client.get("/admin/cases/case/eksport.xlsx")

    cell = load_workbook(io.BytesIO(response.content)).active["C2"]
    assert cell.value == FORMULA
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_a_control_character_in_a_name_does_not_break_the_excel_export(caseworker_client):
    CaseFactory(contact=ContactFactory(name="Mette\x0b Hansen"))

    response = caseworker_client.get("/admin/cases/case/eksport.xlsx")

    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).active["C2"].value == "Mette Hansen"


@pytest.mark.parametrize("url", ["/admin/cases/case/eksport.xlsx", "/admin/registry/company/"])
def test_a_nul_byte_in_the_search_gets_a_clear_answer(caseworker_client, url):
    from portal.privacy.models import PrivacyLogEntry

    CaseFactory()

    response = caseworker_client.get(f"{url}?q=%00")

    assert response.status_code == 400
    assert "Adressen indeholder et tegn, som ikke kan bruges i en søgning" in (
        response.content.decode()
    )
    assert not PrivacyLogEntry.objects.filter(kind=PrivacyLogEntry.Kind.EXPORT).exists()


def test_a_nul_byte_in_a_filter_of_the_list_gets_a_clear_answer(caseworker_client):
    response = caseworker_client.get("/admin/cases/case/?status__exact=%00")
    assert response.status_code == 400


def test_an_export_with_filters_that_do_not_exist_says_so_on_the_list(caseworker_client):
    response = caseworker_client.get("/admin/cases/case/eksport.csv?frist__gte=igår", follow=True)

    assert response.redirect_chain[0] == ("/admin/cases/case/", 302)
    assert "Listen kan ikke eksporteres: filtrene i adressen er ugyldige." in (
        response.content.decode()
    )


def test_a_decimal_is_written_with_a_comma_for_danish_excel():
    from decimal import Decimal

    from portal.exports import csv_value

    assert csv_value(Decimal("87.5")) == "87,5"
    assert csv_value(3) == 3


def test_the_case_export_has_the_lists_headings_and_the_rest_after(caseworker_client):
    CaseFactory()

    headings = read_csv(caseworker_client.get("/admin/cases/case/eksport.csv"))[0]

    assert headings == [
        "Sagsnummer",
        "Emne",
        "Henvender",
        "Status",
        "Frist",
        "Sagsbehandler",
        "Sagstype",
        "Kanal",
        "E-mail",
        "Telefon",
        "Virksomhed",
        "CVR-nummer",
        "Modtaget",
        "Svarfrist",
        "Første svar",
        "Svar inden for fristen",
        "Frist for næste skridt",
        "Afsluttet",
    ]


def test_csv_dates_and_times_are_danish(caseworker_client, caseworker):
    case = CaseFactory(subject="En café")
    services.reply(case=case, text="Tak, vi ringer i morgen.", by=caseworker)
    case.refresh_from_db()

    row = read_csv(caseworker_client.get("/admin/cases/case/eksport.csv"))[1]

    received = timezone.localtime(case.created_at)
    assert row[12] == received.strftime("%d-%m-%Y %H:%M")
    assert row[13] == case.deadline.strftime("%d-%m-%Y")
    assert row[14] == timezone.localtime(case.first_answer_at).strftime("%d-%m-%Y %H:%M")
    assert row[15] == "Ja"
    assert row[4] == ""  # answered, and no next step: no deadline now


def test_the_excel_header_is_bold_frozen_filterable_and_the_columns_readable(caseworker_client):
    CaseFactory(
        subject="Hjælp til at starte en socialøkonomisk café",
        contact=ContactFactory(name="Anne-Mette Kristensen-Østergaard"),
    )
    CaseFactory()

    response = caseworker_client.get("/admin/cases/case/eksport.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:R3"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCEM"}
    assert widths["A"] >= len("Sagsnummer")  # the heading, and "SØ-2026-0001"
    assert widths["B"] >= len("Hjælp til at starte en socialøkonomisk café")
    assert widths["C"] >= len("Anne-Mette Kristensen-Østergaard")
    assert 10 <= widths["E"] <= 20  # a date
    assert widths["M"] >= len("03-12-2026 14:05")
    assert max(dimension.width for dimension in sheet.column_dimensions.values()) <= 50


def test_excel_dates_are_real_dates_shown_the_danish_way(caseworker_client):
    case = CaseFactory()

    sheet = load_workbook(
        io.BytesIO(caseworker_client.get("/admin/cases/case/eksport.xlsx").content)
    ).active

    deadline, received = sheet["N2"], sheet["M2"]
    assert deadline.is_date and deadline.value.date() == case.deadline
    assert deadline.number_format == "dd-mm-yyyy"
    assert received.is_date and received.number_format == "dd-mm-yyyy hh:mm"
