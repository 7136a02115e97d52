import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from portal.cases import selectors, services
from portal.cases.details import case_details
from portal.cases.filters import OpenFilter
from portal.cases.models import Case, ReplyTemplate, reference_in
from portal.exports import Column, ExportMixin
from portal.notifications.models import OutboxMessage
from portal.registry.forms import CvrField

logger = logging.getLogger(__name__)


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


class OutboxMessageInline(admin.TabularInline):
    """Every e-mail about the case and whether it reached the mail server."""

    model = OutboxMessage
    fields = ["created_at", "to", "subject", "delivery_status", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("e-mail til henvender")
    verbose_name_plural = _("e-mails til henvender")
    template = "admin/cases/case/outbox_inline.html"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        # Each row's form reads its case: joined, not fetched once per message.
        return super().get_queryset(request).select_related("case")

    @admin.display(description=_("levering"))
    def delivery_status(self, message: OutboxMessage) -> str:
        return message.delivery_status


def partial_form(form_class, **kwargs):
    """The admin instantiates the form itself; this hands it extra keyword arguments."""

    class Form(form_class):
        def __init__(self, *args, **more):
            super().__init__(*args, **kwargs, **more)

    Form.__name__ = form_class.__name__
    return Form


def _failed_field(error: ValidationError) -> str | None:
    """The form field a service's refusal belongs next to."""
    return {
        "no_email": "message",
        "invalid_transition": "new_status",
        "not_staff": "assign_to",
        "invalid_cvr": "link_cvr",
    }.get(getattr(error, "code", None))


CONFLICT_MESSAGE = _(
    "Sagen er blevet ændret af en anden, mens du arbejdede. Se ændringerne nedenfor, og prøv igen."
)


class CaseActionFailedError(Exception):
    """A service refused the save; raised out of the admin's transaction to roll it all back."""

    def __init__(self, field: str | None, error: ValidationError | str):
        super().__init__(error)
        self.field, self.error = field, error


class StaffChoiceField(forms.ModelChoiceField):
    """Colleagues by name, as caseworkers know each other, not by user name."""

    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class CaseAdminForm(forms.ModelForm):
    """The case's own fields, plus the caseworker's moves: each one goes through a service."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    assign_to = StaffChoiceField(
        label=_("Sagsbehandler"),
        queryset=get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("first_name", "last_name", "username"),
        required=False,
    )
    new_status = forms.ChoiceField(
        label=_("Skift status"),
        choices=[("", _("— uændret —")), *Case.Status.choices],
        required=False,
    )
    reply_template = forms.ModelChoiceField(
        label=_("Brug skabelon"),
        queryset=ReplyTemplate.objects.filter(active=True),
        required=False,
        empty_label=_("— ingen —"),
        help_text=_(
            "Er feltet «Besked til henvender» tomt, sendes skabelonen udfyldt med sagens "
            "oplysninger. Skriver du selv en besked, sendes den i stedet. Skabelonerne kan ses "
            "udfyldt under formularen."
        ),
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
    link_cvr = CvrField(
        label=_("Tilknyt virksomhed via CVR-nummer"),
        required=False,
        help_text=_(
            "En virksomhed i registret tilknyttes sagen. Et ukendt CVR-nummer oprettes som en "
            "kladde, du kan udfylde bagefter."
        ),
    )

    case_fields = list(services.EDITABLE_FIELDS)
    tracked_fields = [*case_fields, "assign_to"]

    class Meta:
        model = Case
        fields = list(services.EDITABLE_FIELDS)

    def __init__(self, *args, action_error: "CaseActionFailedError | None" = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action_error = action_error
        self.edited: set[str] = set()
        self.fields["assign_to"].initial = self.instance.assignee_id
        self.fields["loaded_version"].initial = self.instance.version
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

    def clean(self):
        cleaned = super().clean()
        if self.action_error is not None:
            self.add_error(self.action_error.field, self.action_error.error)
        if not self.instance.pk or any(name not in cleaned for name in self.tracked_fields):
            return cleaned
        loaded = cleaned.get("loaded_version")
        if loaded is not None and not services.case_has_changed_since(
            case=self.instance, version=loaded
        ):
            # Nobody else has saved since the form was shown: what differs is the user's edit.
            self.edited = self._differing_from(self.instance)
            return cleaned
        # Someone else changed the case meanwhile. Compared with what this form showed (the
        # case's history at that version), which fields did this caseworker edit?
        shown = (
            self.instance.history.filter(version=loaded).order_by("-history_date").first()
            if loaded is not None
            else None
        )
        self.edited = self._differing_from(shown or self.instance)
        if self.edited or cleaned.get("new_status") or cleaned.get("link_cvr"):
            self._refresh_for_retry()
            raise ValidationError(CONFLICT_MESSAGE, code="conflict")
        return cleaned

    def _stored_values(self, case) -> dict:
        return {
            "kind": case.kind,
            "subject": case.subject,
            "contact": case.contact_id,
            "company": case.company_id,
            "deadline": case.deadline,
            "assign_to": case.assignee_id,
        }

    def _differing_from(self, case) -> set[str]:
        stored = self._stored_values(case)
        edited = set()
        for name in self.tracked_fields:
            value = self.cleaned_data[name]
            value = getattr(value, "pk", value)
            if (value or None) != (stored[name] or None):
                edited.add(name)
        return edited

    def _refresh_for_retry(self) -> None:
        """Show what is stored now, keep what this caseworker typed, and take the new version.

        The next save then builds on the other person's change instead of undoing it.
        """
        current = Case.objects.get(pk=self.instance.pk)
        data = self.data.copy()
        data[self.add_prefix("loaded_version")] = str(current.version)
        for name, value in self._stored_values(current).items():
            if name not in self.edited:
                data[self.add_prefix(name)] = "" if value is None else str(value)
        self.data = data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            "changes": {name: data[name] for name in self.case_fields if name in self.edited},
            "cvr": data["link_cvr"],
            "note": data["note"],
            "new_status": data["new_status"],
            "message": data["message"],
            "template": data["reply_template"],
        }
        if "assign_to" in self.edited:
            kwargs["assign_to"] = data["assign_to"]
        return kwargs


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
    # "12 of 50,000" needs a second count over the whole table on every page; the filtered
    # count is what the caseworker reads.
    show_full_result_count = False
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
        (
            _("Behandling"),
            {
                "fields": [
                    "loaded_version",
                    "assign_to",
                    "new_status",
                    "reply_template",
                    "message",
                    "note",
                    "link_cvr",
                ]
            },
        ),
        (
            _("Privatliv"),
            {
                "fields": ["legal_hold", "legal_hold_reason", "anonymised_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    # The journal is shown as a timeline by the change form template, not as an inline.
    inlines = [OutboxMessageInline]
    actions = ["take", "mark_in_progress", "mark_waiting", "close", "reopen"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        return super().get_queryset(request).select_related("contact", "company", "assignee")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        error = getattr(request, "_case_action_error", None)
        return partial_form(form, action_error=error) if error else form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except CaseActionFailedError as failure:
            # The admin's transaction is rolled back: the case is as it was. Show the form
            # again with what was typed and the reason next to the field it concerns.
            request._case_action_error = failure
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # What the app that opened the case knows (the enquiry's message …), above the form.
        context["case_details"] = case_details(obj) if obj else []
        if obj:
            context["case_summary"] = selectors.case_summary(obj, timezone.localdate())
            context["case_journal"] = selectors.journal(obj)
            context["case_last_change"] = selectors.last_change(obj)
            context["reply_previews"] = [
                (template.title, services.render_reply_template(template, obj))
                for template in ReplyTemplate.objects.filter(active=True)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

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
        # Every write goes through the services, and only what the caseworker changed: status
        # and assignee belong to the services, and a stale form must not write back what
        # someone else just changed (see CaseAdminForm.clean).
        try:
            services.work_on_case(case=obj, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            raise CaseActionFailedError(_failed_field(error), error) from error
        except DatabaseError as error:
            logger.exception("Case %s could not be saved", obj.reference)
            raise CaseActionFailedError(
                "message"
                if form.cleaned_data["message"] or form.cleaned_data["reply_template"]
                else None,
                _(
                    "Ændringen kunne ikke gemmes, og beskeden er ikke sendt. Sagen er uændret. "
                    "Prøv igen om lidt."
                ),
            ) from error

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


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "active", "position"]
    list_editable = ["active", "position"]
    list_filter = ["active"]
    search_fields = ["title", "body"]
