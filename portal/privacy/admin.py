from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.cases.models import Case
from portal.cases.tools import CaseLegalHoldForm, CaseTool, case_tools, may_set_legal_hold
from portal.privacy import services
from portal.privacy.forms import LegalHoldForm, SubjectReportForm
from portal.privacy.models import PrivacyLogEntry
from portal.privacy.policy import retention_rules

VIEW_REPORT = "privacy.view_privacy_report"
RUN_RETENTION = "privacy.run_retention"


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


@admin.register(PrivacyLogEntry)
class PrivacyLogEntryAdmin(admin.ModelAdmin):
    """The log, read-only, and the manager's two privacy pages beside it."""

    list_display = ["created_at", "kind", "user", "parameters_display", "total"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"
    fields = ["kind", "created_at", "user", "parameters", "counts", "total"]
    readonly_fields = fields

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_view_permission(request, obj) or request.user.has_perm(VIEW_REPORT)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("parametre"))
    def parameters_display(self, entry: PrivacyLogEntry) -> str:
        parameters = entry.parameters or {}
        if entry.kind == PrivacyLogEntry.Kind.SUBJECT_REPORT:
            return parameters.get("email") or parameters.get("cvr", "")
        if entry.kind == PrivacyLogEntry.Kind.EXPORT:
            filters = ", ".join(
                f"{key}={value}" for key, value in parameters.get("filtre", {}).items()
            )
            return (
                f"{parameters.get('liste', '')} ({filters})"
                if filters
                else parameters.get("liste", "")
            )
        if entry.kind == PrivacyLogEntry.Kind.FILE_ACCESS:
            return f"{parameters.get('about', '')}: {parameters.get('file', '')}"
        labels = {rule.kind: rule.label for rule in retention_rules()}
        return ", ".join(
            f"{labels.get(kind, kind)}: {period}"
            for kind, period in parameters.get("periods", {}).items()
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("retention/", view(self.retention_view), name="privacy_retention"),
            path("retention/run/", view(self.run_retention_view), name="privacy_retention_run"),
            path("retention/hold/", view(self.legal_hold_view), name="privacy_legal_hold"),
            path("indsigt/", view(self.subject_report_view), name="privacy_indsigt"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_view_privacy_report": request.user.has_perm(VIEW_REPORT),
        }
        return super().changelist_view(request, extra_context)

    def _context(self, request: HttpRequest, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            **extra,
        }

    def retention_view(self, request: HttpRequest) -> HttpResponse:
        _require(request, VIEW_REPORT)
        plan = services.dry_run_retention(by=request.user)
        on_hold = Case.objects.filter(legal_hold=True, anonymised_at__isnull=True).order_by(
            "closed_at", "pk"
        )
        return TemplateResponse(
            request,
            "admin/privacy/retention.html",
            self._context(
                request,
                _("Sletning og anonymisering"),
                plan=plan,
                on_hold=list(on_hold[: services.PREVIEW_LIMIT]),
                can_run=request.user.has_perm(RUN_RETENTION),
                preview_limit=services.PREVIEW_LIMIT,
            ),
        )

    def run_retention_view(self, request: HttpRequest) -> HttpResponse:
        _require(request, RUN_RETENTION)
        if request.method != "POST":
            return redirect("admin:privacy_retention")
        run = services.apply_retention(by=request.user)
        self.message_user(
            request,
            _("Anonymiseringen er kørt: %(total)d poster er anonymiseret eller slettet.")
            % {"total": run.total},
            messages.SUCCESS,
        )
        return redirect("admin:privacy_privacylogentry_changelist")

    def legal_hold_view(self, request: HttpRequest) -> HttpResponse:
        _require(request, RUN_RETENTION)
        form = LegalHoldForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            case = form.cleaned_data["case"]
            try:
                services.set_legal_hold(
                    case=case,
                    on=form.cleaned_data["on"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                messages.error(request, f"{case.reference}: {' '.join(error.messages)}")
            else:
                self.message_user(
                    request,
                    (
                        _("%(reference)s er sat i retslig tilbageholdelse og anonymiseres ikke.")
                        if case.legal_hold
                        else _("Den retslige tilbageholdelse af %(reference)s er ophævet.")
                    )
                    % {"reference": case.reference},
                    messages.SUCCESS,
                )
        return redirect("admin:privacy_retention")

    def subject_report_view(self, request: HttpRequest) -> HttpResponse:
        _require(request, VIEW_REPORT)
        form = SubjectReportForm(request.POST or None)
        report = None
        if request.method == "POST" and form.is_valid():
            output = request.POST.get("output", "oversigt")
            if output not in ("oversigt", "json", "html"):
                output = "oversigt"
            report = services.make_subject_report(
                subject=form.subject, by=request.user, output=output
            )
            filename = f"indsigt-{timezone.localdate():%Y-%m-%d}"
            if output == "json":
                response = HttpResponse(
                    report.to_json(), content_type="application/json; charset=utf-8"
                )
                response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
                return response
            if output == "html":
                response = TemplateResponse(
                    request,
                    "admin/privacy/subject_report_document.html",
                    {"report": report, "sections": _readable(report)},
                    content_type="text/html; charset=utf-8",
                )
                response["Content-Disposition"] = f'attachment; filename="{filename}.html"'
                return response
        return TemplateResponse(
            request,
            "admin/privacy/subject_report.html",
            self._context(request, _("Indsigtsrapport"), form=form, report=report),
        )


def case_legal_hold_view(case_admin, request: HttpRequest, case: Case) -> HttpResponse:
    """The manager's page for one case's legal hold, linked from the case page: set it with a
    reason, or lift it with one; the journal and the admin's log record it."""
    form = CaseLegalHoldForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.set_legal_hold(
                case=case,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            case_admin.log_change(request, case, event.text)
            case_admin.message_user(
                request,
                (
                    _("%(reference)s er sat i retslig tilbageholdelse og anonymiseres ikke.")
                    if case.legal_hold
                    else _("Den retslige tilbageholdelse af %(reference)s er ophævet.")
                )
                % {"reference": case.reference},
                messages.SUCCESS,
            )
            return redirect("admin:cases_case_change", case.pk)
    return TemplateResponse(
        request,
        "admin/cases/case/legal_hold.html",
        {
            **case_admin.admin_site.each_context(request),
            "opts": case_admin.opts,
            "title": _("Retslig tilbageholdelse"),
            "subtitle": str(case),
            "case": case,
            "form": form,
        },
    )


# The case page's link to it (admin:cases_case_legal_hold). portal.cases may not import privacy,
# so privacy adds its page to the case's tools.
case_tools.register(
    CaseTool(
        name="legal_hold",
        route="retslig-tilbageholdelse/",
        view=case_legal_hold_view,
        may=may_set_legal_hold,
        order=20,
    )
)


def _fields(row: dict) -> list[dict]:
    """A report row as the HTML template walks it: nested lists (the journal) as sub-rows."""
    fields = []
    for key, value in row.items():
        if isinstance(value, list):
            fields.append({"key": key, "rows": [_fields(item) for item in value]})
        else:
            if value is True:
                value = _("Ja")
            elif value is False:
                value = _("Nej")
            fields.append({"key": key, "text": "" if value is None else value, "rows": None})
    return fields


def _readable(report) -> list[dict]:
    return [
        {"label": section.label, "rows": [_fields(row) for row in section.rows]}
        for section in report.sections
    ]
