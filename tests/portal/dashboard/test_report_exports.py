"""A report's numbers as CSV and Excel: the rows, formulas kept as text, the file names, and
the privacy log that records every list taken out of the portal."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.dashboard.measures import Criterion, Measure, measures
from portal.dashboard.models import CommitteeReport, Tally
from portal.privacy.models import PrivacyLogEntry
from tests.portal.dashboard.reportdata import ALL, NEW_COMPANIES, third_quarters

pytestmark = pytest.mark.django_db

FORMULA = Measure(
    name="tests.formula",
    label="=cmd|'/c calc'!A1",
    explanation="@SUM(1+1)",
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Tally.objects.filter(name="tests.formula"),
    date_field="day",
)


@pytest.fixture
def report():
    third_quarters()
    return CommitteeReport.objects.create(title="Rapport", period="2026-K3")


def _download(client, report, fmt: str):
    return client.get(reverse("admin:dashboard_committeereport_download", args=[report.pk, fmt]))


def _csv_tables(content: bytes) -> list[list[list[str]]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    tables, current = [], []
    for row in rows:
        if not row:
            tables.append(current)
            current = []
        else:
            current.append(row)
    return [*tables, current]


def test_the_csv_has_a_row_per_measure_then_months_then_breakdowns(caseworker_client, report):
    with measures.only(NEW_COMPANIES):
        response = _download(caseworker_client, report, "csv")

    assert response["Content-Disposition"] == 'attachment; filename="rapport-2026-K3.csv"'
    measures_table, months, breakdown = _csv_tables(response.content)
    assert measures_table == [
        [
            "Kriterium",
            "Mål",
            "Forklaring",
            "Periode",
            "Værdi",
            "Samme periode året før",
            "Ændring",
            "Enhed",
        ],
        # Q3 2026: 3 new companies, Q3 2025: 2.
        [
            "Nye socialøkonomiske virksomheder",
            "Nye virksomheder i registret",
            "Virksomheder oprettet i registret i perioden.",
            "3. kvartal 2026",
            "3",
            "2",
            "1",
            "antal",
        ],
    ]
    # One a month: July 1 (1 the year before), August 1 (0), September 1 (the 30th at 23:30).
    assert [row[3:] for row in months] == [
        ["Måned", "Værdi", "Samme måned året før", "Enhed"],
        ["juli 2026", "1", "1", "antal"],
        ["august 2026", "1", "0", "antal"],
        ["september 2026", "1", "1", "antal"],
    ]
    assert [row[3:] for row in breakdown] == [
        ["Fordelt på", "Værdi", "Året før", "Enhed"],
        ["Ordinær virksomhed", "1", "1", "antal"],
        ["Socialøkonomisk virksomhed", "2", "1", "antal"],
    ]


def test_the_excel_file_has_a_sheet_per_table_with_a_bold_frozen_filtered_header(
    caseworker_client, report
):
    with measures.only(*ALL):
        response = _download(caseworker_client, report, "xlsx")

    assert response["Content-Disposition"] == 'attachment; filename="rapport-2026-K3.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Mål", "Måneder", "Fordelinger"]
    sheet = workbook["Mål"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H5"
    assert all(cell.font.bold for cell in sheet[1])
    rows = {row[1]: row[3:] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Bevilget"] == ("3. kvartal 2026", 12500, 10000, 2500, "kr.")
    assert rows["Socialøkonomiske virksomheder"] == ("3. kvartal 2026", 4, 2, 2, "antal")
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["E"].width


def test_a_label_that_looks_like_a_formula_is_written_as_text(caseworker_client, report):
    with measures.only(FORMULA):
        csv_file = _download(caseworker_client, report, "csv").content.decode()
        xlsx = load_workbook(io.BytesIO(_download(caseworker_client, report, "xlsx").content))

    assert ";'=cmd|'/c calc'!A1;'@SUM(1+1);" in csv_file
    cell = xlsx["Mål"]["B2"]
    assert (cell.value, cell.data_type) == ("=cmd|'/c calc'!A1", "s")
    assert xlsx["Mål"]["C2"].data_type == "s"


def test_each_export_is_logged_and_the_outsider_gets_none(client, caseworker, outsider, report):
    client.force_login(outsider)
    assert _download(client, report, "csv").status_code == 403
    assert not PrivacyLogEntry.objects.exists()

    client.force_login(caseworker)
    with measures.only(*ALL):
        _download(client, report, "xlsx")

    entry = PrivacyLogEntry.objects.get()
    assert (entry.kind, entry.user, entry.total) == (PrivacyLogEntry.Kind.EXPORT, caseworker, 4)
    assert entry.parameters["liste"] == "rapport til udvalget"
    assert _download(client, report, "docx").status_code == 404
    # The PDF is a list taken out of the portal too.
    with measures.only(*ALL):
        _download(client, report, "pdf")
    assert PrivacyLogEntry.objects.count() == 2
