from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from guidance import selectors
from guidance.models import Article, ArticleAttachment
from guidance.rendering import render_markdown


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/overview.html")


@require_safe
def article_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "guidance/article_list.html", {"theme_groups": selectors.articles_by_theme()}
    )


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(
        selectors.published_articles().prefetch_related("attachments"), slug=slug
    )
    return render(request, "guidance/article_detail.html", article_context(article))


def article_context(article: Article, *, preview: bool = False) -> dict:
    """What the article page shows; the admin's preview renders the same page."""
    return {
        "article": article,
        "body_html": render_markdown(article.body),
        "attachments": list(article.attachments.all()),
        "related_articles": selectors.related_articles(article),
        "preview": preview,
    }


@require_safe
def article_attachment(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """An attachment of a published article, as a download; uploads have no public URL."""
    attachment = get_object_or_404(
        ArticleAttachment.objects.select_related("article"),
        pk=pk,
        article__slug=slug,
        article__in=selectors.published_articles(),
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.download_name)
