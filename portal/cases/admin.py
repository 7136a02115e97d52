"""The caseworker's workbench: the inbox (the case changelist) and the case page.

Declarative where it can be; the case page is a view of its own (CaseAdmin.case_page) with the
form in forms.py, the check for two caseworkers saving at once in conflicts.py, and every write
through services.
"""

import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin_display import danish_date
from portal.cases import services
from portal.cases.attachments import attachment_urls
from portal.cases.by_hand import CaseByHandForm, open_case_by_hand
from portal.cases.case_page import CasePageMixin
from portal.cases.filters import (
    AssigneeFilter,
    MineFilter,
    NewReplyFilter,
    OpenFilter,
    OverdueFilter,
)
from portal.cases.models import Case, ReplyTemplate, reference_in
from portal.cases.search import extra_search_fields
from portal.cases.tools import CaseHistoryMixin, case_tool_urls
from portal.exports import Column, ExportMixin
from portal.history import PortalHistoryAdmin
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


def _assignee_name(case: Case) -> str:
    if case.assignee is None:
        return ""
    return case.assignee.get_full_name() or case.assignee.get_username()


# The list's columns first, with the list's headings, then what the list leaves out.
CASE_EXPORT_COLUMNS = [
    Column(_("Sagsnummer"), lambda case: case.reference),
    Column(_("Emne"), lambda case: case.subject),
    Column(_("Henvender"), lambda case: case.contact.name),
    Column(_("Status"), lambda case: case.get_status_display()),
    Column(_("Frist"), lambda case: case.current_deadline()),
    Column(_("Sagsbehandler"), _assignee_name),
    Column(_("Sagstype"), lambda case: case.get_kind_display()),
    Column(_("Kanal"), lambda case: case.get_channel_display()),
    Column(_("E-mail"), lambda case: case.contact.email),
    Column(_("Telefon"), lambda case: case.contact.phone),
    Column(_("Virksomhed"), lambda case: case.company.name if case.company else ""),
    Column(_("CVR-nummer"), lambda case: case.company.cvr if case.company else ""),
    Column(_("Modtaget"), lambda case: case.created_at),
    Column(_("Svarfrist"), lambda case: case.deadline),
    Column(_("Første svar"), lambda case: case.first_answer_at),
    Column(_("Svar inden for fristen"), lambda case: case.first_answer_in_time),
    Column(_("Frist for næste skridt"), lambda case: case.next_deadline),
    Column(_("Afsluttet"), lambda case: case.closed_at),
]

# The deadline the list is sorted by: the first answer's until answered, then the next step's
# (as Case.current_deadline()); an answered case without a next step comes last. The same
# expression as the index cases_case_current_dl_idx (models.py), which PostgreSQL uses only
# when the two match.
CURRENT_DEADLINE = models.Case(
    models.When(first_answer_at__isnull=True, then=models.F("deadline")),
    default=models.F("next_deadline"),
)
BY_CURRENT_DEADLINE = CURRENT_DEADLINE.asc(nulls_last=True)


class InboxChangeList(ChangeList):
    def get_ordering_field_columns(self):
        # Django marks a default order's column only for plain fields; the inbox's is the Frist
        # column's own expression, so the arrow goes on Frist, not on Sagsnummer alone.
        if ORDER_VAR in self.params or "deadline_display" not in self.list_display:
            return super().get_ordering_field_columns()
        columns = {self.list_display.index("deadline_display"): "asc"}
        if "reference" in self.list_display:
            columns[self.list_display.index("reference")] = "asc"
        return columns


@admin.register(Case)
class CaseAdmin(CasePageMixin, CaseHistoryMixin, ExportMixin, PortalHistoryAdmin):
    """The caseworker's inbox, and the case page."""

    # Six columns that fit a 1366 px laptop with the sidebar open (static/css/workbench-inbox.css);
    # the kind is a filter, the company is on the case page.
    list_display = [
        "reference",
        "subject",
        "enquirer",
        "status_display",
        "deadline_display",
        "assignee_display",
    ]
    list_display_links = ["reference"]
    list_filter = [
        MineFilter,
        OpenFilter,
        OverdueFilter,
        NewReplyFilter,
        "status",
        "kind",
        ("assignee", AssigneeFilter),
    ]
    change_list_template = "admin/cases/case/change_list.html"
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
    # The case to answer first on top: the current deadline, as the Frist column sorts.
    ordering = [BY_CURRENT_DEADLINE, "reference"]
    # "12 of 50,000" needs a second count over the whole table on every page; the filtered
    # count is what the caseworker reads.
    show_full_result_count = False
    # Searched by name, e-mail or CVR (the registry's admin search), never typed in as an id.
    autocomplete_fields = ["contact", "company"]
    # The journal is shown as a timeline by the case page's template, not as an inline.
    inlines = [OutboxMessageInline]
    actions = ["take", "mark_in_progress", "mark_waiting", "close", "reopen"]

    def get_changelist(self, request: HttpRequest, **kwargs):
        return InboxChangeList

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        return super().get_queryset(request).select_related("contact", "company", "assignee")

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        # And what the apps add (an enquiry's message …): portal.cases.search.
        return [*super().get_search_fields(request), *extra_search_fields()]

    def get_search_results(self, request, queryset, search_term):
        # A reference ("SØ-2026-0042", or "so-2026-42") finds its case through the unique index;
        # searching every text column for it costs a scan of the whole table.
        reference = reference_in(search_term)
        if reference:
            return queryset.filter(reference=reference), False
        return super().get_search_results(request, queryset, search_term)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Nobody deletes a case, not even a manager: retention anonymises it when its time is up.
        return False

    # --- the inbox's columns ---------------------------------------------------------------

    @admin.display(description=_("henvender"), ordering="contact__name")
    def enquirer(self, case: Case) -> str:
        return case.contact.name

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, case: Case) -> str:
        if case.enquirer_replied_at:
            # Told in words, not by a badge's colour alone.
            return format_html(
                '{} <strong class="inbox-new-reply">{}</strong>',
                case.get_status_display(),
                _("Nyt svar"),
            )
        return case.get_status_display()

    @admin.display(description=_("frist"), ordering=BY_CURRENT_DEADLINE)
    def deadline_display(self, case: Case) -> str:
        """The deadline the case is measured by now, and in words whether it has passed or the
        enquirer has had their answer."""
        current = case.current_deadline()
        if case.is_overdue(timezone.localdate()):
            return format_html(
                '<strong class="overdue">{}</strong> <span class="inbox-date">{}</span>',
                _("Overskredet"),
                danish_date(current),
            )
        if case.first_answer_at is not None:
            if current is None or case.status == Case.Status.CLOSED:
                return _("Besvaret")
            return format_html(
                '{} <span class="inbox-date">{}</span>',
                _("Besvaret, næste skridt"),
                danish_date(current),
            )
        return danish_date(current)

    @admin.display(description=_("sagsbehandler"), ordering="assignee__first_name")
    def assignee_display(self, case: Case) -> str:
        return _assignee_name(case) or "–"

    def get_urls(self):
        # The case's own addresses (the print view, the apps' tools, attachments) come before
        # the admin's, whose catch-all would take them for a case's id. A case opened by hand is
        # the admin's own "add" page (add_view).
        return [*case_tool_urls(self), *attachment_urls(self), *super().get_urls()]

    # --- a case opened by hand (phone, counter, e-mail) ------------------------------------

    def add_view(self, request: HttpRequest, form_url="", extra_context=None) -> HttpResponse:
        """ "Opret sag": an enquiry by phone, at the counter or by e-mail, through
        by_hand.open_case_by_hand (the public forms' reference and deadline rules)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CaseByHandForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                case = open_case_by_hand(by=request.user, **form.service_kwargs())
            except ValidationError as error:
                form.refuse(error)
            else:
                self.log_addition(request, case, [{"added": {}}])
                self.message_user(
                    request,
                    _("Sagen %(reference)s er oprettet.") % {"reference": case.reference},
                    messages.SUCCESS,
                )
                return redirect("admin:cases_case_change", case.pk)
        fieldsets = [
            (None, {"fields": ["channel", "kind", "subject", "asked"]}),
            (_("Henvenderen"), {"fields": ["name", "email", "phone", "cvr"]}),
            (None, {"fields": ["take", "send_receipt"]}),
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Opret sag"),
            "subtitle": None,
            "opts": self.opts,
            "adminform": helpers.AdminForm(form, fieldsets, {}, model_admin=self),
            "errors": helpers.AdminErrorList(form, []),
            "form": form,
            "media": self.media + form.media,
            "changelist_url": reverse("admin:cases_case_changelist"),
        }
        return TemplateResponse(request, "admin/cases/case/open_by_hand.html", context)

    # --- the inbox's actions ---------------------------------------------------------------

    def _change_status(self, request: HttpRequest, queryset: QuerySet[Case], to: str):
        """A confirmation page first, which says who will get an e-mail; the change when it is
        confirmed. Nothing changes before: the page posts the same action back with "post".

        As on the case page, a case set to wait for the enquirer tells them: in bulk that is
        always the e-mail, so a case whose enquirer has no address is left out and named.
        """
        status = Case.Status(to)
        always_send = status == Case.Status.WAITING
        cases = list(queryset.select_related("contact").order_by("reference"))
        refused = [case for case in cases if not case.can_change_to(status)]
        unreachable = [
            case for case in cases if always_send and not case.contact.email and case not in refused
        ]
        allowed = [case for case in cases if case not in refused and case not in unreachable]
        if request.POST.get("post") != "yes":
            if not allowed:
                self.message_user(
                    request,
                    _("Ingen af de valgte sager kan få status »%(status)s«.")
                    % {"status": status.label},
                    messages.ERROR,
                )
                self._name_unreachable(request, unreachable)
                return None
            form = BulkStatusForm(
                initial={"send_to_enquirer": always_send}, always_send=always_send
            )
            return self._confirm_status_page(request, status, allowed, refused, unreachable, form)
        form = BulkStatusForm(request.POST, always_send=always_send)
        form.is_valid()
        send = form.cleaned_data.get("send_to_enquirer", False)
        changed = emailed = 0
        for case in cases:
            if case in unreachable:
                continue
            share = send and bool(case.contact.email)
            try:
                services.change_status(case=case, to=to, by=request.user, share_with_enquirer=share)
            except ValidationError as error:
                messages.error(request, f"{case.reference}: {' '.join(error.messages)}")
            else:
                changed += 1
                emailed += share
        if changed:
            self.message_user(
                request,
                status_changed_message(changed, emailed, status),
                messages.SUCCESS,
            )
        self._name_unreachable(request, unreachable)
        return None

    def _name_unreachable(self, request: HttpRequest, unreachable: list[Case]) -> None:
        if unreachable:
            self.message_user(request, unreachable_message(unreachable), messages.WARNING)

    def _confirm_status_page(
        self, request, status, allowed, refused, unreachable, form
    ) -> HttpResponse:
        with_email = [case for case in allowed if case.contact.email]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Skift status til »%(status)s«?") % {"status": status.label},
            "subtitle": None,
            "opts": self.opts,
            "status": status,
            "action": request.POST.get("action", ""),
            "cases": allowed,
            "refused": refused,
            "unreachable": unreachable,
            "always_send": form.fields["send_to_enquirer"].disabled,
            "with_email": with_email,
            "without_email": [case for case in allowed if not case.contact.email],
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "changelist_url": reverse("admin:cases_case_changelist"),
            # Back to the list as it was: the action was posted to it, filters and all.
            "back_url": request.get_full_path(),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/cases/case/confirm_status.html", context)

    @admin.action(description=_("Tag sagen"), permissions=["change"])
    def take(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        taken, theirs = services.take_cases(cases=queryset, by=request.user)
        if taken:
            self.message_user(
                request,
                ngettext("Du har taget %(count)d sag.", "Du har taget %(count)d sager.", taken)
                % {"count": taken},
                messages.SUCCESS,
            )
        if theirs:
            self.message_user(request, not_taken_message(theirs), messages.WARNING)

    @admin.action(description=_("Sæt under behandling"), permissions=["change"])
    def mark_in_progress(self, request: HttpRequest, queryset: QuerySet[Case]):
        return self._change_status(request, queryset, Case.Status.IN_PROGRESS)

    @admin.action(description=_("Sæt til »Afventer henvender«"), permissions=["change"])
    def mark_waiting(self, request: HttpRequest, queryset: QuerySet[Case]):
        return self._change_status(request, queryset, Case.Status.WAITING)

    @admin.action(description=_("Afslut sagen"), permissions=["change"])
    def close(self, request: HttpRequest, queryset: QuerySet[Case]):
        return self._change_status(request, queryset, Case.Status.CLOSED)

    @admin.action(description=_("Genåbn sagen"), permissions=["change"])
    def reopen(self, request: HttpRequest, queryset: QuerySet[Case]):
        return self._change_status(request, queryset, Case.Status.IN_PROGRESS)


def not_taken_message(theirs: list[Case]) -> str:
    named = ", ".join(f"{case.reference} ({_assignee_name(case)})" for case in theirs)
    return ngettext(
        "%(count)d sag er ikke taget, fordi den allerede har en sagsbehandler: %(cases)s.",
        "%(count)d sager er ikke taget, fordi de allerede har en sagsbehandler: %(cases)s.",
        len(theirs),
    ) % {"count": len(theirs), "cases": named}


class BulkStatusForm(forms.Form):
    send_to_enquirer = forms.BooleanField(
        label=_("Send besked til henvender"),
        required=False,
        help_text=_(
            "Henvendere med en e-mailadresse får en e-mail om den nye status, og den vises på "
            "deres statusside. Uden flueben ændres kun status."
        ),
    )

    def __init__(self, *args, always_send: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if always_send:
            # Shown ticked and greyed out, with the reason; a disabled field keeps its initial
            # value whatever is posted, so the e-mail cannot be left out.
            field = self.fields["send_to_enquirer"]
            field.disabled = True
            field.initial = True
            field.help_text = _(
                "Sagen skal vente på henvenderen, så henvenderen skal have besked: alle får en "
                "e-mail om den nye status, og den vises på deres statusside. Vil du skrive selv "
                "eller ringe, så skift status på sagens side."
            )


def status_changed_message(changed: int, emailed: int, status: Case.Status) -> str:
    text = ngettext(
        "%(count)d sag har fået status »%(status)s«.",
        "%(count)d sager har fået status »%(status)s«.",
        changed,
    ) % {"count": changed, "status": status.label}
    if emailed:
        text += " " + ngettext(
            "%(count)d henvender får en e-mail.", "%(count)d henvendere får en e-mail.", emailed
        ) % {"count": emailed}
    else:
        text += " " + str(_("Ingen henvendere får en e-mail."))
    return text


def unreachable_message(unreachable: list[Case]) -> str:
    return ngettext(
        "%(count)d sag er ikke ændret, fordi henvenderen ikke har en e-mailadresse og skal have "
        "besked, når sagen venter på henvenderen: %(references)s. Ring til henvenderen, og skift "
        "status på sagens side, hvor du kan notere telefonsamtalen.",
        "%(count)d sager er ikke ændret, fordi henvenderne ikke har en e-mailadresse og skal "
        "have besked, når en sag venter på henvenderen: %(references)s. Ring til henvenderne, og "
        "skift status på hver sags side, hvor du kan notere telefonsamtalen.",
        len(unreachable),
    ) % {"count": len(unreachable), "references": ", ".join(c.reference for c in unreachable)}


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(PortalHistoryAdmin):
    list_display = ["title", "active", "position"]
    list_editable = ["active", "position"]
    list_filter = ["active"]
    search_fields = ["title", "body"]
