from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.notifications import services
from portal.notifications.models import OutboxMessage, ScheduledJob


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """The outbox, read-only: what was sent, what waits, and what failed and why."""

    list_display = ["to", "subject", "status", "attempts", "short_error", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject", "case__reference"]
    list_select_related = ["case"]
    date_hierarchy = "created_at"
    fields = [
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "claimed_by",
        "about_link",
        "body",
    ]
    readonly_fields = fields
    actions = ["retry"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("om"))
    def about_link(self, message: OutboxMessage) -> str:
        """What the message is about, linked to its page in the admin when there is one."""
        about = message.about
        if about is None:
            return "—"
        opts = about._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[about.pk])
        except NoReverseMatch:
            return str(about)
        return format_html('<a href="{}">{}</a>', url, about)

    @admin.display(description=_("seneste fejl"))
    def short_error(self, message: OutboxMessage) -> str:
        error = message.last_error
        return error if len(error) <= 80 else f"{error[:79]}…"

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("notifications.change_outboxmessage")

    @admin.action(description=_("Send igen"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        retried = 0
        for message in queryset:
            try:
                services.retry_message(message=message)
            except ValidationError as error:
                messages.error(request, f"{message}: {' '.join(error.messages)}")
            else:
                retried += 1
        if retried:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail er sat i kø igen.",
                    "%(count)d e-mails er sat i kø igen.",
                    retried,
                )
                % {"count": retried},
                messages.SUCCESS,
            )


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    list_display = ["name", "last_started_at", "last_finished_at", "last_error"]
    readonly_fields = ["name", "last_started_at", "last_finished_at", "last_error"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
