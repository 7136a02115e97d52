from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from portal.cases import services
from portal.cases.details import case_details
from portal.cases.filters import OpenFilter
from portal.cases.models import Case, CaseEvent
from portal.exports import Column, ExportMixin
from portal.notifications.models import OutboxMessage


class OverdueFilter(admin.SimpleListFilter):
    title = _("Overskredet frist")
    parameter_name = "overskredet"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nej", _("Nej"))]

    def queryset(self, request, queryset):
        condition = Case.overdue_condition(timezone.localdate())
        if self.value() == "ja":
            return queryset.filter(condition)
        if self.value() == "nej":
            return queryset.exclude(condition)
        return queryset


class CaseEventInline(admin.TabularInline):
    """The journal, read-only: entries are written by the services, never edited."""

    model = CaseEvent
    fields = ["created_at", "kind", "status_change", "text", "shared_with_enquirer", "author"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        # The case is shown in each row's title: joined, not fetched once per entry.
        return super().get_queryset(request).select_related("case", "author")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("statusændring"))
    def status_change(self, event: CaseEvent) -> str:
        if event.kind != CaseEvent.Kind.STATUS_CHANGE:
            return ""
        if not event.old_status:
            return event.get_new_status_display()
        return f"{event.get_old_status_display()} → {event.get_new_status_display()}"


class OutboxMessageInline(admin.TabularInline):
    """Every e-mail about the case and whether it reached the mail server."""

    model = OutboxMessage
    fields = ["created_at", "to", "subject", "delivery_status", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("e-mail til henvender")
    verbose_name_plural = _("e-mails til henvender")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        # Each row's form reads its case: joined, not fetched once per message.
        return super().get_queryset(request).select_related("case")

    @admin.display(description=_("levering"))
    def delivery_status(self, message: OutboxMessage) -> str:
        return message.delivery_status


class CaseAdminForm(forms.ModelForm):
    """The case's own fields, plus the caseworker's moves: each one goes through a service."""

    assign_to = forms.ModelChoiceField(
        label=_("Sagsbehandler"),
        queryset=get_user_model().objects.filter(is_staff=True, is_active=True),
        required=False,
    )
    new_status = forms.ChoiceField(
        label=_("Skift status"),
        choices=[("", _("— uændret —")), *Case.Status.choices],
        required=False,
    )
    message = forms.CharField(
        label=_("Besked til henvender"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Sendes som e-mail og vises på henvenderens statusside."),
    )
    note = forms.CharField(
        label=_("Internt notat"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Vises kun for medarbejdere."),
    )

    case_fields = ["kind", "subject", "contact", "company", "deadline"]

    class Meta:
        model = Case
        fields = ["kind", "subject", "contact", "company", "deadline"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assign_to"].initial = self.instance.assignee_id
        # Offer only the moves the workflow allows from the case's current status; the field
        # still accepts any status, so a stale form gets the workflow's own message.
        self.fields["new_status"].widget.choices = [
            (value, label)
            for value, label in self.fields["new_status"].choices
            if not value or self.instance.can_change_to(value)
        ]

    def clean_new_status(self) -> str:
        status = self.cleaned_data["new_status"]
        if status and not self.instance.can_change_to(status):
            raise ValidationError(
                _("En sag med status «%(old)s» kan ikke ændres til «%(new)s».")
                % {"old": self.instance.get_status_display(), "new": Case.Status(status).label}
            )
        return status


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
class CaseAdmin(ExportMixin, SimpleHistoryAdmin):
    """The caseworker's inbox."""

    form = CaseAdminForm
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
    raw_id_fields = ["contact", "company"]
    readonly_fields = [
        "reference",
        "status",
        "assignee",
        "created_at",
        "closed_at",
        "status_link",
        "legal_hold",
        "legal_hold_reason",
        "anonymised_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "status",
                    "kind",
                    "subject",
                    "contact",
                    "company",
                    "assignee",
                    "deadline",
                    "created_at",
                    "closed_at",
                    "status_link",
                ]
            },
        ),
        (_("Behandling"), {"fields": ["assign_to", "new_status", "message", "note"]}),
        (
            _("Privatliv"),
            {
                "fields": ["legal_hold", "legal_hold_reason", "anonymised_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [CaseEventInline, OutboxMessageInline]
    actions = ["take", "mark_in_progress", "mark_waiting", "close", "reopen"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # What the app that opened the case knows (the enquiry's message …), above the form.
        context["case_details"] = case_details(obj) if obj else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Cases are opened by the public forms (services.open_case), with reference and receipt.
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("svarfrist"), ordering="deadline")
    def deadline_display(self, case: Case) -> str:
        deadline = case.deadline.strftime("%d-%m-%Y")
        if case.is_overdue(timezone.localdate()):
            return format_html(
                '<strong class="overdue" style="color:#b00">{} ({})</strong>',
                deadline,
                _("overskredet"),
            )
        return deadline

    @admin.display(description=_("henvenderens statusside"))
    def status_link(self, case: Case) -> str:
        url = services.status_url(case)
        return format_html('<a href="{}" rel="noreferrer">{}</a>', url, url)

    def save_model(self, request, obj: Case, form: CaseAdminForm, change: bool) -> None:
        # Only the fields the caseworker changed: status and assignee belong to the services,
        # and a stale form must not write back what someone else just changed.
        changed = [name for name in form.changed_data if name in CaseAdminForm.case_fields]
        if changed:
            obj.save(update_fields=changed)
        data = form.cleaned_data
        try:
            if "assign_to" in form.changed_data:
                services.assign(case=obj, to=data["assign_to"], by=request.user)
            if data["note"]:
                services.add_note(case=obj, text=data["note"], by=request.user)
            if data["new_status"]:
                services.change_status(
                    case=obj, to=data["new_status"], by=request.user, message=data["message"]
                )
            elif data["message"]:
                services.reply(case=obj, text=data["message"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))

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
                    "%(count)d sag har fået status «%(status)s».",
                    "%(count)d sager har fået status «%(status)s».",
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

    @admin.action(description=_("Sæt til «Afventer henvender»"), permissions=["change"])
    def mark_waiting(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        self._change_status(request, queryset, Case.Status.WAITING)

    @admin.action(description=_("Afslut sagen"), permissions=["change"])
    def close(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        self._change_status(request, queryset, Case.Status.CLOSED)

    @admin.action(description=_("Genåbn sagen"), permissions=["change"])
    def reopen(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        self._change_status(request, queryset, Case.Status.IN_PROGRESS)
