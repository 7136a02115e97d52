"""A committee report's numbers as CSV or Excel: one row per measure, then its months and its
breakdown, for whoever wants to check the report or draw their own charts.

The labels are the measures' own (and a breakdown's values may come from what the public
typed), so every text cell goes through portal/exports.py's guard against formulas.
"""

import csv
import io
from collections.abc import Iterator
from datetime import date

from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.dashboard.compute import Figure, Section
from portal.dashboard.measures import Unit
from portal.dashboard.periods import Period
from portal.exports import XLSX_TYPE, csv_value, plain_value, xlsx_cell


def _headings() -> dict[str, list[str]]:
    common = [_("Kriterium"), _("Mål"), _("Forklaring")]
    return {
        "measures": [
            *common,
            _("Periode"),
            _("Værdi"),
            _("Samme periode året før"),
            _("Ændring"),
            _("Enhed"),
        ],
        "months": [*common, _("Måned"), _("Værdi"), _("Samme måned året før"), _("Enhed")],
        "breakdown": [*common, _("Fordelt på"), _("Værdi"), _("Året før"), _("Enhed")],
    }


def _unit_label(figure: Figure) -> str:
    try:
        return str(Unit(figure.unit).label)
    except ValueError:
        return figure.unit


def _month_name(key: str) -> str:
    """ "2026-03" as "marts 2026": what a spreadsheet shows as written, not as a date."""
    return date_format(date.fromisoformat(f"{key}-01"), "F Y")


def _month_rows(figure: Figure) -> Iterator[list]:
    before = dict(enumerate(value for _month, value in figure.previous_months))
    for index, (month, value) in enumerate(figure.months):
        yield [_month_name(month), value, before.get(index), _unit_label(figure)]


def report_rows(sections: list[Section], period: Period) -> dict[str, list[list]]:
    """The rows of the three tables, by name: measures, months and breakdowns."""
    tables: dict[str, list[list]] = {"measures": [], "months": [], "breakdown": []}
    for section in sections:
        for figure in section.figures:
            first = [section.label, figure.label, figure.explanation]
            tables["measures"].append(
                [
                    *first,
                    period.label,
                    figure.value,
                    figure.previous,
                    figure.change,
                    _unit_label(figure),
                ]
            )
            tables["months"] += [[*first, *row] for row in _month_rows(figure)]
            tables["breakdown"] += [
                [*first, label, now, before, _unit_label(figure)]
                for label, now, before in figure.breakdown
            ]
    return {
        name: [[plain_value(value) for value in row] for row in rows]
        for name, rows in tables.items()
    }


def _sheet_titles() -> dict[str, str]:
    return {"measures": _("Mål"), "months": _("Måneder"), "breakdown": _("Fordelinger")}


def csv_response(sections: list[Section], period: Period, filename: str) -> HttpResponse:
    """One semicolon-separated file (what Danish Excel opens): the measures, then the months
    and the breakdowns, each table under its own heading row."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    headings = _headings()
    for index, (name, rows) in enumerate(report_rows(sections, period).items()):
        if index and not rows:
            continue
        if index:
            writer.writerow([])
        writer.writerow(headings[name])
        for row in rows:
            writer.writerow([csv_value(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(sections: list[Section], period: Period, filename: str) -> HttpResponse:
    """A sheet per table, each with a bold frozen heading row, a filter and readable widths."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    headings, titles = _headings(), _sheet_titles()
    bold = Font(bold=True)
    for name, rows in report_rows(sections, period).items():
        sheet = workbook.create_sheet(title=titles[name][:31])
        sheet.append(headings[name])
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            sheet.append([xlsx_cell(sheet, value) for value in row])
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for index, heading in enumerate(headings[name], start=1):
            longest = max(
                [len(heading), *(len(str(row[index - 1] or "")) for row in rows)], default=10
            )
            # The explanation is long: wide enough to read, not a whole sentence wide.
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, longest + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
