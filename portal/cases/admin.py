"""The caseworker's workbench: the inbox (the case changelist) and the case page.

Declarative where it can be; the case page is a view of its own (CaseAdmin.case_page) with the
form in forms.py, the check for two caseworkers saving at once in conflicts.py, and every write
through services.
"""

import logging

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from portal.admin_display import danish_date, flagged
from portal.cases import services
from portal.cases.attachments import attachment_urls
from portal.cases.case_page import CasePageMixin
from portal.cases.filters import OpenFilter, OverdueFilter
from portal.cases.models import Case, ReplyTemplate, reference_in
from portal.cases.tools import case_tool_urls
from portal.exports import Column, ExportMixin
from portal.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)


class OutboxMessageFormSet(BaseGenericInlineFormSet):
    @classmethod
    def get_default_prefix(cls) -> str:
        # The name of the case's relation, as a foreign key's inline would be called.
        return "messages"


class OutboxMessageInline(GenericTabularInline):
    """Every e-mail about the case and whether it reached the mail server."""

    model = OutboxMessage
    ct_field = "about_type"
    ct_fk_field = "about_id"
    formset = OutboxMessageFormSet
    fields = ["created_at", "to", "subject", "delivery_status", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("e-mail til henvender")
    verbose_name_plural = _("e-mails til henvender")
    template = "admin/cases/case/outbox_inline.html"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("levering"))
    def delivery_status(self, message: OutboxMessage) -> str:
        return message.delivery_status


CASE_EXPORT_COLUMNS = [
    Column(_("Reference"), lambda case: case.reference),
    Column(_("Emne"), lambda case: case.subject),
    Column(_("Type"), lambda case: case.get_kind_display()),
    Column(_("Status"), lambda case: case.get_status_display()),
    Column(_("Henvender"), lambda case: case.contact.name),
    Column(_("E-mail"), lambda case: case.contact.email),
    Column(_("Virksomhed"), lambda case: case.company.name if case.company else ""),
    Column(_("CVR-nummer"), lambda case: case.company.cvr if case.company else ""),
    Column(_("Sagsbehandler"), lambda case: case.assignee.get_full_name() if case.assignee else ""),
    Column(_("Modtaget"), lambda case: case.created_at),
    Column(_("Svarfrist"), lambda case: case.deadline),
    Column(_("Afsluttet"), lambda case: case.closed_at),
]


@admin.register(Case)
class CaseAdmin(CasePageMixin, ExportMixin, SimpleHistoryAdmin):
    """The caseworker's inbox, and the case page."""

    list_display = [
        "reference",
        "subject",
        "kind",
        "status",
        "contact",
        "company",
        "assignee",
        "deadline_display",
    ]
    list_filter = ["status", "kind", OverdueFilter, OpenFilter, "assignee"]
    export_columns = CASE_EXPORT_COLUMNS
    export_name = "sager"
    search_fields = [
        "reference",
        "subject",
        "contact__name",
        "contact__email",
        "company__cvr",
        "company__name",
    ]
    list_select_related = ["contact", "company", "assignee"]
    ordering = ["deadline", "reference"]
    # "12 of 50,000" needs a second count over the whole table on every page; the filtered
    # count is what the caseworker reads.
    show_full_result_count = False
    # Searched by name, e-mail or CVR (the registry's admin search), never typed in as an id.
    autocomplete_fields = ["contact", "company"]
    # The journal is shown as a timeline by the case page's template, not as an inline.
    inlines = [OutboxMessageInline]
    actions = ["take", "mark_in_progress", "mark_waiting", "close", "reopen"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        return super().get_queryset(request).select_related("contact", "company", "assignee")

    def get_search_results(self, request, queryset, search_term):
        # A reference ("SØ-2026-0042", or "so-2026-42") finds its case through the unique index;
        # searching every text column for it costs a scan of the whole table.
        reference = reference_in(search_term)
        if reference:
            return queryset.filter(reference=reference), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Cases are opened by the public forms (services.open_case), with reference and receipt.
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Nobody deletes a case, not even a manager: retention anonymises it when its time is up.
        return False

    @admin.display(description=_("svarfrist"), ordering="deadline")
    def deadline_display(self, case: Case) -> str:
        deadline = danish_date(case.deadline)
        if case.is_overdue(timezone.localdate()):
            return flagged(deadline, _("overskredet"))
        return deadline

    def get_urls(self):
        # The case page's own addresses (print …) and the inbox's (a case opened by hand …)
        # come before the admin's, whose catch-all would take them for a case's id.
        return [
            *self.case_page_urls(),
            *self.inbox_urls(),
            *case_tool_urls(self),
            *attachment_urls(self),
            *super().get_urls(),
        ]

    def inbox_urls(self) -> list:
        return []

    # --- the inbox's actions ---------------------------------------------------------------

    def _change_status(self, request: HttpRequest, queryset: QuerySet[Case], to: str) -> None:
        changed = 0
        for case in queryset.select_related("contact"):
            try:
                services.change_status(case=case, to=to, by=request.user)
            except ValidationError as error:
                messages.error(request, f"{case.reference}: {' '.join(error.messages)}")
            else:
                changed += 1
        if changed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d sag har fået status »%(status)s«.",
                    "%(count)d sager har fået status »%(status)s«.",
                    changed,
                )
                % {"count": changed, "status": Case.Status(to).label},
                messages.SUCCESS,
            )

    @admin.action(description=_("Tag sagen"), permissions=["change"])
    def take(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        for case in queryset:
            services.assign(case=case, to=request.user, by=request.user)
        self.message_user(
            request,
            ngettext("Du har taget %(count)d sag.", "Du har taget %(count)d sager.", len(queryset))
            % {"count": len(queryset)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Sæt under behandling"), permissions=["change"])
    def mark_in_progress(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        self._change_status(request, queryset, Case.Status.IN_PROGRESS)

    @admin.action(description=_("Sæt til »Afventer henvender«"), permissions=["change"])
    def mark_waiting(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        self._change_status(request, queryset, Case.Status.WAITING)

    @admin.action(description=_("Afslut sagen"), permissions=["change"])
    def close(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        self._change_status(request, queryset, Case.Status.CLOSED)

    @admin.action(description=_("Genåbn sagen"), permissions=["change"])
    def reopen(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        self._change_status(request, queryset, Case.Status.IN_PROGRESS)


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "active", "position"]
    list_editable = ["active", "position"]
    list_filter = ["active"]
    search_fields = ["title", "body"]
