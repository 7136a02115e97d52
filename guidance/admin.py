from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from guidance import outreach
from guidance.models import Article, ArticleAttachment, Outreach
from guidance.outreach import end_of_week
from guidance.rendering import render_markdown
from guidance.views import article_context
from portal.admin_display import danish_date, flagged
from portal.history import PortalHistoryAdmin
from portal.registry.models import Contact


class ArticleAttachmentInline(admin.TabularInline):
    model = ArticleAttachment
    fields = ["title", "file", "size_display"]
    readonly_fields = ["size_display"]
    extra = 0

    @admin.display(description=_("størrelse"))
    def size_display(self, obj: ArticleAttachment) -> str:
        return filesizeformat(obj.size) if obj.pk else "–"


@admin.register(Article)
class ArticleAdmin(PortalHistoryAdmin):
    list_display = ["title", "theme", "published", "published_at", "last_reviewed", "updated_at"]
    list_filter = ["theme", "published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = ["rendered_body", "created_at", "updated_at"]
    inlines = [ArticleAttachmentInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "theme", "summary", "body"]}),
        (
            _("Offentliggørelse"),
            {"fields": ["published", "published_at", "last_reviewed", "created_at", "updated_at"]},
        ),
        (
            _("Sådan ser brødteksten ud"),
            {
                "fields": ["rendered_body"],
                "description": _("Brødteksten, som den blev gemt. Gem for at se ændringer."),
            },
        ),
    ]

    @admin.display(description=_("vist brødtekst"))
    def rendered_body(self, obj: Article) -> SafeString | str:
        if not obj.pk:
            return "–"
        return format_html('<div class="article-body">{}</div>', render_markdown(obj.body))

    def get_urls(self):
        preview = path(
            "<int:pk>/forhaandsvisning/",
            self.admin_site.admin_view(self.preview_view),
            name="guidance_article_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The public article page for any article, published or not: staff only."""
        article = get_object_or_404(Article.objects.prefetch_related("attachments"), pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return render(
            request, "guidance/article_detail.html", article_context(article, preview=True)
        )

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["preview_url"] = reverse("admin:guidance_article_preview", args=[obj.pk])
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


class FollowUpDueFilter(admin.SimpleListFilter):
    title = _("Opfølgning forfalden")
    parameter_name = "opfoelgning_forfalden"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("uge", _("Senest i denne uge")), ("nej", _("Nej"))]

    def queryset(self, request, queryset):
        due = Outreach.objects.follow_up_due(timezone.localdate()).values("pk")
        if self.value() == "uge":
            return queryset.filter(pk__in=Outreach.objects.follow_up_due(end_of_week()))
        if self.value() == "ja":
            return queryset.filter(pk__in=due)
        if self.value() == "nej":
            return queryset.exclude(pk__in=due)
        return queryset


def _company_id(request: HttpRequest, obj: Outreach | None) -> int | None:
    """The company whose contact persons the outreach form offers; None when not yet chosen
    (the add page opened from the list: there the contact is searched, and log_outreach()
    refuses one of another company)."""
    for value in (
        request.POST.get("company"),
        obj.company_id if obj is not None else None,
        request.GET.get("company"),
    ):
        if str(value or "").isdigit():
            return int(value)
    return None


@admin.register(Outreach)
class OutreachAdmin(PortalHistoryAdmin):
    """The caseworker's log of direct contact with companies."""

    list_display = [
        "date",
        "company",
        "channel",
        "outcome",
        "follow_up_display",
        "caseworker_display",
    ]
    list_filter = ["channel", "outcome", FollowUpDueFilter, "caseworker"]
    search_fields = ["company__name", "company__cvr"]
    list_select_related = ["company", "caseworker"]
    autocomplete_fields = ["company", "contact"]
    date_hierarchy = "date"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["company", "date", "channel", "caseworker"]}),
        (_("Hvem talte du med?"), {"fields": ["contact", "contact_name"]}),
        (_("Resultat"), {"fields": ["outcome", "notes", "follow_up_on"]}),
        (None, {"fields": ["created_at", "updated_at"]}),
    ]
    # The fields log_outreach() takes from the form.
    service_fields = [
        "company",
        "date",
        "channel",
        "caseworker",
        "contact",
        "contact_name",
        "outcome",
        "notes",
        "follow_up_on",
    ]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).with_followed_up()

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj else fieldsets[:-1]  # no timestamps before there is a row

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        # The contact person is one of this company's own: the company being saved, the row's,
        # or the one the company page sent (?company=<pk>). Read by the two methods below.
        request.outreach_company_id = _company_id(request, obj)
        return super().get_form(request, obj, change, **kwargs)

    def get_autocomplete_fields(self, request: HttpRequest):
        # A company's few contacts are a short list to choose from, not a search among all.
        fields = super().get_autocomplete_fields(request)
        if getattr(request, "outreach_company_id", None) is None:
            return fields
        return [name for name in fields if name != "contact"]

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        company_id = getattr(request, "outreach_company_id", None)
        if db_field.name == "contact" and company_id is not None:
            kwargs["queryset"] = Contact.objects.filter(company_id=company_id)
            kwargs["error_messages"] = {
                "invalid_choice": _("Kontaktpersonen hører ikke til den valgte virksomhed.")
            }
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        # ?company=<pk> (from the company page) is read by the default; the caseworker is you.
        return {"caseworker": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.display(description=_("opfølgning"), ordering="follow_up_on")
    def follow_up_display(self, obj: Outreach) -> str:
        if not obj.follow_up_on:
            return "–"
        follow_up = danish_date(obj.follow_up_on)
        if getattr(obj, "followed_up", False):
            return format_html("{} ({})", follow_up, _("klaret"))
        if obj.follow_up_on <= timezone.localdate():
            return flagged(follow_up, _("forfalden"))
        return follow_up

    @admin.display(description=_("sagsbehandler"), ordering="caseworker__username")
    def caseworker_display(self, obj: Outreach) -> str:
        if obj.caseworker is None:
            return "–"
        return obj.caseworker.get_full_name() or obj.caseworker.get_username()

    def save_model(self, request, obj: Outreach, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        logged = outreach.log_outreach(
            by=request.user, **{name: form.cleaned_data[name] for name in self.service_fields}
        )
        # The admin goes on with `obj` (its log entry, message and redirect): make it the row.
        obj.pk = logged.pk
        obj._state.adding = False

    def response_add(self, request, obj: Outreach, post_url_continue=None):
        """Back to the company page when the contact was registered from there."""
        stays = {"_continue", "_addanother", "_popup"} & set(request.POST)
        if (
            request.GET.get("company")
            and not stays
            and request.user.has_perm("registry.view_company")
        ):
            self.message_user(
                request,
                _("Kontakten med %(company)s er registreret.") % {"company": obj.company.name},
                messages.SUCCESS,
            )
            return redirect("admin:registry_company_change", obj.company_id)
        return super().response_add(request, obj, post_url_continue)
