from django.apps import apps
from django.contrib import admin, messages
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
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

    list_display = [
        "to",
        "subject",
        "about_link",
        "status",
        "attempts",
        "short_error",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status"]
    # Also what a message is about: see get_search_results().
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    fields = [
        "to",
        "from_email",
        "reply_to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "claimed_by",
        "about_link",
        "attachment_names",
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

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutboxMessage]:
        # The "om" column: one query per kind of thing the listed messages are about, not one
        # per message.
        return super().get_queryset(request).prefetch_related("about")

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        """Messages whose address or subject match, and those about what matches the term.

        What a message is about is searched as that thing's own admin list searches it (a case
        reference finds the case's e-mails), for each model that lists its e-mails (has a
        GenericRelation to OutboxMessage) and that the user may see.
        """
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return found, may_have_duplicates
        about = Q()
        for model in _models_with_messages():
            model_admin = self.admin_site._registry.get(model)
            if model_admin is None or not model_admin.has_view_permission(request):
                continue
            things, _duplicates = model_admin.get_search_results(
                request, model_admin.get_queryset(request), search_term
            )
            about |= Q(
                about_type=ContentType.objects.get_for_model(model),
                about_id__in=things.order_by().values("pk"),
            )
        if about:
            found = found | queryset.filter(about)
        return found, may_have_duplicates

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

    @admin.display(description=_("vedhæftede filer"))
    def attachment_names(self, message: OutboxMessage) -> str:
        return ", ".join(attachment["filename"] for attachment in message.attachments) or "—"

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


def _models_with_messages() -> list[type[Model]]:
    """The models that list their e-mails: those with a GenericRelation to OutboxMessage."""
    return [
        model
        for model in apps.get_models()
        if any(
            isinstance(field, GenericRelation) and field.related_model is OutboxMessage
            for field in model._meta.private_fields
        )
    ]


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    list_display = ["name", "last_started_at", "last_finished_at", "last_error"]
    readonly_fields = ["name", "last_started_at", "last_finished_at", "last_error"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
