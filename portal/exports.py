"""Export an admin changelist, with the filters and search the caseworker has applied, as CSV
or Excel. The columns are the export's own (Danish headings, plain values), not list_display.
"""

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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


def _plain(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nej")
    return value


def rows(queryset, columns: Sequence[Column]):
    for obj in queryset.iterator(chunk_size=2000):
        yield [_plain(column.value(obj)) for column in columns]


def csv_response(filename: str, columns: Sequence[Column], queryset) -> HttpResponse:
    """Semicolon-separated UTF-8 with a byte-order mark: what Danish Excel opens correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(column.heading) for column in columns])
    for row in rows(queryset, columns):
        writer.writerow(
            [value.strftime("%d-%m-%Y") if isinstance(value, date) else value for value in row]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _xlsx_cell(sheet, value: object) -> object:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD-MM-YYYY HH:MM"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD-MM-YYYY"
        return cell
    return str(value) if isinstance(value, Promise) else value


def xlsx_response(filename: str, title: str, columns: Sequence[Column], queryset) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    # A write-only sheet takes its column widths before its first row.
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.heading) + 4)
    sheet.append([str(column.heading) for column in columns])
    for row in rows(queryset, columns):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


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
        from portal.privacy.services import log_export

        queryset = changelist_queryset(self, request)
        # An export takes personal data out of the portal: record who took which list.
        log_export(
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
