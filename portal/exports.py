"""Export an admin changelist, with the filters and search the caseworker has applied, as CSV
or Excel. The columns are the export's own (Danish headings, plain values), not list_display.

Much of what is exported was typed by the public. A text that starts like a formula (`=`, `+`,
`-`, `@`, tab, carriage return) is written as text (OWASP's "CSV injection"), so that
`=HYPERLINK(…)` in an enquiry never becomes a live formula in the caseworker's spreadsheet, and
control characters, which an XLSX file cannot hold, are left out.

Dates are Danish: 03-12-2026 (and 03-12-2026 14:05) in the CSV, which Danish Excel reads as
dates; real date cells shown as dd-mm-yyyy in the XLSX, whose header row is bold, frozen and
filterable, with columns wide enough to read.
"""

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Column:
    heading: str
    value: Callable[[object], object]


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def changelist_queryset(model_admin: admin.ModelAdmin, request: HttpRequest):
    """The rows the changelist shows for this request's filters, search and ordering, unpaged."""
    changelist = model_admin.get_changelist_instance(request)
    return changelist.get_queryset(request)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def plain_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        # Control characters (other than tab, newline, carriage return) have no place in a
        # cell, and openpyxl refuses them.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nej")
    return value


def rows(queryset, columns: Sequence[Column]):
    for obj in queryset.iterator(chunk_size=2000):
        yield [plain_value(column.value(obj)) for column in columns]


CSV_DATE = "%d-%m-%Y"
CSV_DATETIME = "%d-%m-%Y %H:%M"
XLSX_DATE = "dd-mm-yyyy"
XLSX_DATETIME = "dd-mm-yyyy hh:mm"


def csv_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime(CSV_DATETIME)
    if isinstance(value, date):
        return value.strftime(CSV_DATE)
    if isinstance(value, Decimal | float):
        # Danish Excel, which reads the semicolons, reads 87,5 as a number and 87.5 as text.
        return str(value).replace(".", ",")
    if _looks_like_formula(value):
        # The apostrophe makes a spreadsheet read the cell as text; it shows as typed.
        return f"'{value}"
    return value


def csv_response(filename: str, columns: Sequence[Column], queryset) -> HttpResponse:
    """Semicolon-separated UTF-8 with a byte-order mark: what Danish Excel opens correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(column.heading) for column in columns])
    for row in rows(queryset, columns):
        writer.writerow([csv_value(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_cell(sheet, value: object) -> object:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATETIME
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE
        return cell
    if _looks_like_formula(value):
        # A string cell (openpyxl would write "=…" as a formula) with Excel's quote prefix, so
        # that editing the cell keeps it text too.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


# Column widths in characters: enough for a heading or a date, never a screen of one text.
MIN_WIDTH, MAX_WIDTH = 10, 50
# The rows a column's width is measured on: the first screens are what is read first.
WIDTH_SAMPLE = 500


def _shown_length(value: object) -> int:
    if isinstance(value, datetime):
        return len("03-12-2026 14:05")
    if isinstance(value, date):
        return len("03-12-2026")
    # A long text wraps to its longest line when the caseworker widens the row.
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headings: Sequence[str], values: Sequence[Sequence[object]]) -> list[int]:
    """Each column as wide as its heading (and the filter's arrow) or its widest value."""
    widths = [len(heading) + 3 for heading in headings]
    for row in values[:WIDTH_SAMPLE]:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _shown_length(value) + 1)
    return [min(max(width, MIN_WIDTH), MAX_WIDTH) for width in widths]


def xlsx_response(filename: str, title: str, columns: Sequence[Column], queryset) -> HttpResponse:
    headings = [str(column.heading) for column in columns]
    # Read whole before writing: a write-only sheet takes its column widths before its first
    # row, and the widths come from the values (an export is a list, not a data warehouse).
    values = list(rows(queryset, columns))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for index, width in enumerate(column_widths(headings, values), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    # The headings stay in sight while scrolling, carry the filter arrows, and print on each page.
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    bold = Font(bold=True)
    header = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in values:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    if headings:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{len(values) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


# Sent before a list is exported, with user, list_name, filters and total (rows). The privacy
# log records it (portal/privacy/extensions.py connects the receiver), so this module needs to
# know nothing of privacy; a receiver that fails makes the export fail, not go unrecorded.
exported = Signal()


class ExportMixin:
    """Adds "Eksportér CSV" and "Eksportér Excel" to a changelist, with its current filters.

    Set export_columns (a list of Column) and export_name (the file's name, without date).
    """

    change_list_template = "admin/export_change_list.html"
    export_columns: Sequence[Column] = ()
    export_name = "eksport"

    def get_urls(self):
        from django.urls import path

        opts = self.model._meta
        return [
            path(
                "eksport.<str:fmt>",
                self.admin_site.admin_view(self.export_view),
                name=f"{opts.app_label}_{opts.model_name}_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request: HttpRequest, fmt: str) -> HttpResponse:
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        if not self.has_view_permission(request):
            raise PermissionDenied
        if fmt not in ("csv", "xlsx"):
            raise Http404
        try:
            queryset = changelist_queryset(self, request)
        except IncorrectLookupParameters:
            # A hand-edited address: say so on the list, as the changelist itself would.
            messages.error(
                request,
                gettext("Listen kan ikke eksporteres: filtrene i adressen er ugyldige."),
            )
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        # An export takes personal data out of the portal: privacy records who took which list.
        exported.send(
            sender=type(self),
            user=request.user,
            list_name=self.export_name,
            filters=request.GET.dict(),
            total=queryset.count(),
        )
        filename = f"{self.export_name}-{timezone.localdate():%Y-%m-%d}"
        if fmt == "csv":
            return csv_response(filename, self.export_columns, queryset)
        title = str(self.model._meta.verbose_name_plural).capitalize()
        return xlsx_response(filename, title, self.export_columns, queryset)
