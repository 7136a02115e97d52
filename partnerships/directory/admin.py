"""The caseworker's directory: requests to review, approve or reject (with a reason), and
removal. Every status change goes through partnerships.directory.services; the admin edits
only the texts (a typo, a better trade)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from partnerships.directory import services
from partnerships.directory.forms import RejectForm
from partnerships.models import DirectoryEntry
from portal.admin_display import danish_date
from portal.history import PortalHistoryAdmin

STATUS_FIELDS = [
    "company",
    "contact",
    "status",
    "rejection_reason",
    "consent_at",
    "requested_at",
    "reviewed_at",
    "reviewed_by",
    "listed_at",
    "removed_at",
]


@admin.register(DirectoryEntry)
class DirectoryEntryAdmin(PortalHistoryAdmin):
    list_display = ["company_name", "trade", "status", "requested_display"]
    list_filter = ["status", "trade"]
    search_fields = ["company__name", "company__cvr"]
    list_select_related = ["company"]
    date_hierarchy = "requested_at"

    def get_ordering(self, request):
        # Those waiting for the caseworker first, then by name.
        waiting_first = models.Case(
            models.When(status=DirectoryEntry.Status.REQUESTED, then=0), default=1
        )
        return [waiting_first.asc(), "company__name", "pk"]

    @admin.display(description=_("virksomhed"), ordering="company__name")
    def company_name(self, entry: DirectoryEntry) -> str:
        return entry.company.name

    @admin.display(description=_("anmodet"), ordering="requested_at")
    def requested_display(self, entry: DirectoryEntry) -> str:
        return danish_date(timezone.localdate(entry.requested_at))

    readonly_fields = STATUS_FIELDS
    fieldsets = [
        (None, {"fields": ["company", "status", "slug"]}),
        (
            _("Det vises i oversigten"),
            {"fields": ["description", "sells", "trade", "social_purpose", "website"]},
        ),
        (
            _("Anmodning og samtykke"),
            {
                "fields": [
                    "contact",
                    "consent_at",
                    "requested_at",
                    "reviewed_at",
                    "reviewed_by",
                    "rejection_reason",
                    "listed_at",
                    "removed_at",
                ]
            },
        ),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["approve_selected"]
    change_form_template = "admin/partnerships/directoryentry/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Entries come from the public form only, with the company's own consent.
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Never deleted: removal withdraws the consent and keeps the record of it.
        return False

    @admin.action(description=_("Godkend de valgte anmodninger"), permissions=["change"])
    def approve_selected(self, request: HttpRequest, queryset) -> None:
        approved = 0
        skipped = queryset.exclude(status=DirectoryEntry.Status.REQUESTED).count()
        for entry in list(queryset.filter(status=DirectoryEntry.Status.REQUESTED)):
            try:
                services.approve_entry(entry=entry, by=request.user)
            except ValidationError:
                skipped += 1
            else:
                self.log_change(request, entry, str(_("Godkendt til virksomhedsoversigten")))
                approved += 1
        if approved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d virksomhed er godkendt og vises nu i oversigten.",
                    "%(count)d virksomheder er godkendt og vises nu i oversigten.",
                    approved,
                )
                % {"count": approved},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d var ikke en anmodning, der venter, og er ikke ændret.",
                    "%(count)d var ikke anmodninger, der venter, og er ikke ændret.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    # The change page's buttons: each a small page (GET) that says what will happen, and the
    # change itself on POST.

    def get_urls(self):
        def view(function, name: str, route: str):
            return path(
                f"<path:object_id>/{route}/",
                self.admin_site.admin_view(function),
                name=f"partnerships_directoryentry_{name}",
            )

        return [
            view(self.approve_view, "approve", "godkend"),
            view(self.reject_view, "reject", "afvis"),
            view(self.remove_view, "remove", "fjern"),
            *super().get_urls(),
        ]

    def _entry(self, request: HttpRequest, object_id: str) -> DirectoryEntry:
        entry = get_object_or_404(
            DirectoryEntry.objects.select_related("company", "contact"), pk=unquote(object_id)
        )
        if not self.has_change_permission(request, entry):
            raise PermissionDenied
        return entry

    def _page(self, request, entry: DirectoryEntry, title, action: str, **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "entry": entry,
            "original": entry,
            "action": action,
            "back_url": reverse("admin:partnerships_directoryentry_change", args=[entry.pk]),
            "changelist_url": reverse("admin:partnerships_directoryentry_changelist"),
            **extra,
        }
        return TemplateResponse(request, "admin/partnerships/directoryentry/action.html", context)

    def _done(self, request, entry: DirectoryEntry, message) -> HttpResponse:
        self.log_change(request, entry, str(message))
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:partnerships_directoryentry_change", entry.pk)

    def approve_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        entry = self._entry(request, object_id)
        error = ""
        if request.method == "POST":
            try:
                services.approve_entry(entry=entry, by=request.user)
            except ValidationError as refusal:
                error = " ".join(refusal.messages)
            else:
                return self._done(
                    request,
                    entry,
                    _(
                        "%(name)s er godkendt og vises nu i oversigten. Kontaktpersonen har fået "
                        "en e-mail."
                    )
                    % {"name": entry.company.name},
                )
        return self._page(request, entry, _("Godkend anmodningen"), "approve", error=error)

    def reject_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        entry = self._entry(request, object_id)
        form = RejectForm(request.POST if request.method == "POST" else None)
        error = ""
        if request.method == "POST" and form.is_valid():
            try:
                services.reject_entry(
                    entry=entry, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as refusal:
                error = " ".join(refusal.messages)
            else:
                return self._done(
                    request,
                    entry,
                    _(
                        "Anmodningen fra %(name)s er afvist. Kontaktpersonen har fået en e-mail "
                        "med begrundelsen."
                    )
                    % {"name": entry.company.name},
                )
        return self._page(request, entry, _("Afvis anmodningen"), "reject", form=form, error=error)

    def remove_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        entry = self._entry(request, object_id)
        if request.method == "POST":
            services.remove_from_directory(entry=entry, by=request.user)
            return self._done(
                request,
                entry,
                _("%(name)s er fjernet fra oversigten, og samtykket er trukket tilbage.")
                % {"name": entry.company.name},
            )
        return self._page(request, entry, _("Fjern fra oversigten"), "remove")

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and self.has_change_permission(request, obj):
            context["directory_actions"] = {
                name: reverse(f"admin:partnerships_directoryentry_{name}", args=[obj.pk])
                for name in ("approve", "reject", "remove")
            }
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
