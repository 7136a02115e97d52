"""Schemes (the manager's; the caseworker may look) and applications in the admin.

An application is read, not edited, here: it is what the applicant sent. Its case page shows it
(entrepreneurs.applications.case_details) with the attachments, each served through
`attachment_view`, which checks the permission and logs the access, and the printable page.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from entrepreneurs.applications.case_details import VIEW_APPLICATION, attachment_url
from entrepreneurs.models import (
    ApplicationAttachment,
    GrantApplication,
    SchemePeriod,
    SupportScheme,
)
from portal.admin_display import danish_date
from portal.files import serve_private_file
from portal.history import PortalHistoryAdmin
from portal.money import format_kroner


class SchemePeriodInline(admin.TabularInline):
    model = SchemePeriod
    extra = 1
    fields = ["opens_on", "closes_on"]


@admin.register(SupportScheme)
class SupportSchemeAdmin(PortalHistoryAdmin):
    list_display = [
        "name",
        "max_amount_display",
        "max_share_percent",
        "pool_display",
        "pool_link",
        "published",
    ]
    list_filter = ["published"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SchemePeriodInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "published"]}),
        (
            _("Regler"),
            {
                "fields": [
                    "legal_basis",
                    "eligibility",
                    "max_amount",
                    "max_share_percent",
                    "yearly_pool",
                    "requires_de_minimis",
                    "decision_working_days",
                ]
            },
        ),
        (
            _("Tekster til ansøgerne"),
            {
                "fields": [
                    "text_who_can_apply",
                    "text_what_is_funded",
                    "text_assessment",
                    "text_processing_time",
                ]
            },
        ),
        (_("Afgørelse og klage"), {"fields": ["complaint_guidance", "complaint_weeks"]}),
    ]

    @admin.display(description=_("højeste beløb"), ordering="max_amount")
    def max_amount_display(self, scheme: SupportScheme) -> str:
        return format_kroner(scheme.max_amount)

    @admin.display(description=_("pulje pr. år"), ordering="yearly_pool")
    def pool_display(self, scheme: SupportScheme) -> str:
        return format_kroner(scheme.yearly_pool)

    @admin.display(description=_("bevilget og tilbage"))
    def pool_link(self, scheme: SupportScheme) -> str:
        year = timezone.localdate().year
        url = reverse("admin:entrepreneurs_decision_pool") + f"?ordning={scheme.pk}&aar={year}"
        return format_html('<a href="{}">{}</a>', url, _("Puljen %(year)s") % {"year": year})


class AttachmentInline(admin.TabularInline):
    model = ApplicationAttachment
    fk_name = "application"
    fields = ["download", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("bilag")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("fil"))
    def download(self, attachment: ApplicationAttachment) -> str:
        return format_html(
            '<a href="{}">{}</a>', attachment_url(attachment), attachment.original_name
        )


@admin.register(GrantApplication)
class GrantApplicationAdmin(PortalHistoryAdmin):
    list_display = [
        "case",
        "enterprise_name",
        "scheme",
        "amount_display",
        "received",
        "expected_decision",
    ]
    list_filter = ["scheme"]
    search_fields = ["case__reference", "enterprise_name", "cvr", "case__contact__email"]
    list_select_related = ["case", "scheme"]
    date_hierarchy = "created_at"
    inlines = [AttachmentInline]
    readonly_fields = [
        "case_link",
        "scheme",
        "address",
        "postcode",
        "city",
        "enterprise_name",
        "cvr",
        "legal_form",
        "start_date",
        "social_purpose",
        "criterion_purpose",
        "criterion_sales",
        "criterion_surplus",
        "criterion_independence",
        "criterion_cvr",
        "business_model",
        "target_group",
        "expected_employees",
        "amount_requested",
        "de_minimis_received",
        "de_minimis_details",
        "declared_at",
        "expected_decision_on",
        "created_at",
    ]

    @admin.display(description=_("sag"))
    def case_link(self, application: GrantApplication) -> str:
        url = reverse("admin:cases_case_change", args=[application.case_id])
        return format_html('<a href="{}">{}</a>', url, application.case.reference)

    def has_add_permission(self, request) -> bool:
        # Applications come from the public form only.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("ansøgt beløb"), ordering="amount_requested")
    def amount_display(self, application: GrantApplication) -> str:
        return format_kroner(application.amount_requested)

    @admin.display(description=_("modtaget"), ordering="created_at")
    def received(self, application: GrantApplication) -> str:
        return danish_date(application.created_at)

    @admin.display(description=_("forventet afgørelse"), ordering="expected_decision_on")
    def expected_decision(self, application: GrantApplication) -> str:
        return danish_date(application.expected_decision_on)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/udskriv/",
                self.admin_site.admin_view(self.print_view),
                name="entrepreneurs_grantapplication_print",
            ),
            path(
                "<path:object_id>/bilag/<int:attachment_id>/",
                self.admin_site.admin_view(self.attachment_view),
                name="entrepreneurs_grantapplication_attachment",
            ),
            *super().get_urls(),
        ]

    def _application(self, request: HttpRequest, object_id: str) -> GrantApplication:
        if not request.user.has_perm(VIEW_APPLICATION):
            raise PermissionDenied
        application = (
            GrantApplication.objects.select_related("case__contact", "case__company", "scheme")
            .filter(pk=unquote(object_id))
            .first()
        )
        if application is None:
            raise Http404
        return application

    def print_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The whole application on one page, for print or a PDF from the browser."""
        application = self._application(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Ansøgning %(reference)s") % {"reference": application.case.reference},
            "application": application,
            "case": application.case,
            "lines": list(application.budget_lines.all()),
            "attachments": list(application.attachments.all()),
            "case_url": reverse("admin:cases_case_change", args=[application.case_id]),
        }
        return TemplateResponse(request, "admin/entrepreneurs/application/print.html", context)

    def attachment_view(self, request: HttpRequest, object_id: str, attachment_id: int):
        application = self._application(request, object_id)
        attachment = get_object_or_404(application.attachments, pk=attachment_id)
        if not attachment.file or not attachment.file.storage.exists(attachment.file.name):
            raise Http404
        return serve_private_file(
            request,
            file=attachment.file,
            filename=attachment.original_name,
            about=application.case.reference,
        )
