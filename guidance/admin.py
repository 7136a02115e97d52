from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from guidance.models import Article, ArticleAttachment
from guidance.rendering import render_markdown
from guidance.views import article_context


class ArticleAttachmentInline(admin.TabularInline):
    model = ArticleAttachment
    fields = ["title", "file", "size_display"]
    readonly_fields = ["size_display"]
    extra = 0

    @admin.display(description=_("størrelse"))
    def size_display(self, obj: ArticleAttachment) -> str:
        return filesizeformat(obj.size) if obj.pk else "–"


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
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
