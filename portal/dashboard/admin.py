"""The committee reports and the public key figures in the admin.

A report is written as a draft (its texts prefilled from the numbers), read as a printable page,
downloaded as PDF, CSV or Excel, and made final once: after that its numbers are the ones kept
and its texts can no longer be changed. The caseworker may read and download; the manager
writes, makes final and deletes.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import pdf
from portal.admin_display import danish_date
from portal.dashboard import charts, exports, public, reports
from portal.dashboard.measures import measures
from portal.dashboard.models import CommitteeReport, PublicFigure
from portal.exports import exported

FINALISE = "dashboard.finalise_committeereport"
TEXTS = ["introduction", "text_one_entry", "text_partnerships", "text_new_enterprises"]


class CommitteeReportForm(forms.ModelForm):
    class Meta:
        model = CommitteeReport
        fields = ["period", "title", *TEXTS]
        # Wide enough to write in: these texts are what the committee reads.
        widgets = {
            "title": forms.TextInput(attrs={"class": "report-field"}),
            **{name: forms.Textarea(attrs={"rows": 12, "class": "report-field"}) for name in TEXTS},
        }

    def clean_period(self) -> str:
        return reports.parse_period(self.cleaned_data["period"]).slug


def municipality(request: HttpRequest) -> str:
    """The municipality's name from the site settings, as every page's context has it (the
    site context processor): the dashboard cannot import portal.pages, which sits below it."""
    return engines["django"].from_string("{{ site.municipality_name }}").render(request=request)


def report_context(report: CommitteeReport, sections=None) -> dict:
    period = reports.report_period(report)
    return {
        "report": report,
        "period": period,
        "sections": [
            (section, report.text_for(section.criterion))
            for section in charts.present(
                reports.sections(report) if sections is None else sections, period
            )
        ],
        "counted": reports.counted_label(report),
    }


@admin.register(CommitteeReport)
class CommitteeReportAdmin(admin.ModelAdmin):
    form = CommitteeReportForm
    list_display = ["title", "period", "status", "created_at", "finalised_at"]
    list_filter = ["status"]
    search_fields = ["title", "period"]
    ordering = ["-created_at"]
    fieldsets = [
        (None, {"fields": ["period", "title", "introduction"]}),
        (_("Teksterne til de tre succeskriterier"), {"fields": TEXTS[1:]}),
        (_("Status"), {"fields": ["status", "created_by", "finalised_at", "finalised_by"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.fieldsets[:2]
        return self.fieldsets

    readonly_fields = ["status", "created_by", "finalised_at", "finalised_by"]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        """The last whole quarter (or ?period=…) with a title and texts drafted from its
        numbers, which the manager then rewrites."""
        try:
            period = reports.parse_period(request.GET["period"])
        except (KeyError, ValidationError):
            period = reports.last_whole_quarter(timezone.localdate())
        counted = period.up_to(timezone.localdate())
        return {
            "period": period.slug,
            "title": reports.default_title(period, municipality(request)),
            **reports.draft_texts(counted),
        }

    def has_change_permission(self, request, obj=None) -> bool:
        # A final report is what the committee received: it is read, never changed.
        if obj is not None and obj.status == CommitteeReport.Status.FINAL:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Nor deleted: a draft may go, a final report stays as the committee's record.
        if obj is not None and obj.status == CommitteeReport.Status.FINAL:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        # The bulk action deletes drafts only.
        super().delete_queryset(request, queryset.filter(status=CommitteeReport.Status.DRAFT))

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        def view(function, name: str, route: str):
            return path(
                f"<path:object_id>/{route}",
                self.admin_site.admin_view(function),
                name=f"dashboard_committeereport_{name}",
            )

        return [
            view(self.report_view, "report", "rapport/"),
            view(self.download_view, "download", "rapport.<str:fmt>"),
            view(self.finalise_view, "finalise", "goer-endelig/"),
            *super().get_urls(),
        ]

    def _report(self, request: HttpRequest, object_id: str) -> CommitteeReport:
        report = self.get_object(request, unquote(object_id))  # None for "abc" too
        if report is None:
            raise Http404
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        return report

    def _context(self, request: HttpRequest, report: CommitteeReport, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": report,
            "title": title,
            "may_finalise": self._may_finalise(request, report),
            "dashboard_css": bool(finders.find("dashboard/dashboard.css")),
        }

    def _may_finalise(self, request: HttpRequest, report: CommitteeReport) -> bool:
        return (
            report.status == CommitteeReport.Status.DRAFT
            and reports.period_is_over(report)
            and request.user.has_perm(FINALISE)
            and self.has_change_permission(request, report)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, unquote(object_id))
        extra = {"may_finalise": report is not None and self._may_finalise(request, report)}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def report_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The report as the committee reads it, printable from the browser."""
        report = self._report(request, object_id)
        context = {**self._context(request, report, report.title), **report_context(report)}
        return TemplateResponse(request, "admin/dashboard/committeereport/report.html", context)

    def download_view(self, request: HttpRequest, object_id: str, fmt: str) -> HttpResponse:
        report = self._report(request, object_id)
        if fmt not in ("pdf", "csv", "xlsx"):
            raise Http404
        sections = reports.sections(report)
        # Counts, not people: logged all the same, as every list taken out of the portal is.
        exported.send(
            sender=type(self),
            user=request.user,
            list_name="rapport til udvalget",
            filters={"rapport": report.pk, "periode": report.period, "format": fmt},
            total=sum(len(section.figures) for section in sections),
        )
        period = reports.report_period(report)
        if fmt == "pdf":
            context = report_context(report, sections)
            with translation.override("da"):
                html = render_to_string("dashboard/report_document.html", context, request)
                css = [pdf.static_css("dashboard/report.css")]
                if finders.find("dashboard/dashboard.css"):
                    css.append(pdf.static_css("dashboard/dashboard.css"))
                document = pdf.render_pdf(html, css=css)
            response = HttpResponse(document, content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="{reports.filename(report, "pdf")}"'
            )
            return response
        with translation.override("da"):
            if fmt == "csv":
                return exports.csv_response(sections, period, reports.filename(report, "csv"))
            return exports.xlsx_response(sections, period, reports.filename(report, "xlsx"))

    def finalise_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Confirm, then keep the numbers and make the report final."""
        report = self._report(request, object_id)
        if not request.user.has_perm(FINALISE):
            raise PermissionDenied
        change_url = reverse("admin:dashboard_committeereport_change", args=[report.pk])
        if report.status == CommitteeReport.Status.FINAL:
            messages.info(request, gettext("Rapporten er allerede endelig."))
            return redirect(change_url)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        if request.method == "POST":
            try:
                report = reports.finalise_report(report=report, by=request.user)
            except ValidationError as error:  # made final by someone else a moment ago
                messages.info(request, " ".join(error.messages))
                return redirect(change_url)
            self.log_change(request, report, gettext("Gjort endelig."))
            messages.success(
                request,
                gettext("Rapporten er gjort endelig. Dens tal og tekster ændres ikke mere."),
            )
            return redirect(change_url)
        context = self._context(request, report, gettext("Gør rapporten endelig"))
        return TemplateResponse(request, "admin/dashboard/committeereport/finalise.html", context)


class PublicFigureForm(forms.ModelForm):
    measure = forms.ChoiceField(label=_("Mål"))

    class Meta:
        model = PublicFigure
        fields = ["measure", "scope", "label", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # From the registry when the form is made: the measures the apps declare public now.
        self.fields["measure"].choices = [
            (measure.name, f"{measure.label} ({measure.criterion.label})")
            for measure in public.public_measures()
        ]

    def clean(self):
        cleaned = super().clean()
        measure = public.measures.get(cleaned.get("measure") or "")
        if measure is not None and measure.stock:
            # A stock is what there is today, whichever year is asked for.
            cleaned["scope"] = PublicFigure.Scope.NOW
        return cleaned


@admin.register(PublicFigure)
class PublicFigureAdmin(admin.ModelAdmin):
    form = PublicFigureForm
    list_display = ["__str__", "measure_label", "scope", "position", "value_display", "counted"]
    list_editable = ["position"]
    readonly_fields = ["value", "counted_on"]

    @admin.display(description=_("mål"), ordering="measure")
    def measure_label(self, figure: PublicFigure) -> str:
        return figure.measure_label

    @admin.display(description=_("tal"), ordering="value")
    def value_display(self, figure: PublicFigure) -> str:
        measure = measures.get(figure.measure)
        if figure.value is None or measure is None:
            return "–"
        return charts.format_value(public.integral(figure.value), measure.unit)

    @admin.display(description=_("opgjort den"), ordering="counted_on")
    def counted(self, figure: PublicFigure) -> str:
        return danish_date(figure.counted_on)

    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)

        class LabelledOrder(form_class):
            """Each row's order box says whose order it is, for a screen reader."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["position"].widget.attrs["aria-label"] = gettext(
                    "Rækkefølge for %(figure)s"
                ) % {"figure": self.instance}

        return LabelledOrder

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        public.count(obj)
