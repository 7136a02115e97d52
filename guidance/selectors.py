from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat

from guidance.models import Article
from portal.search import (
    SearchHit,
    highlight_snippet,
    normalise_query,
    sanitise_headline,
    search_terms,
)

# Columns a list of articles does not need; the body can be long.
_LIST_DEFERRED = ["body", "body_text", "search_vector"]


@dataclass(frozen=True)
class ThemeGroup:
    theme: str
    label: str
    articles: list[Article]


def published_articles() -> QuerySet[Article]:
    return Article.objects.published()


def articles_by_theme() -> list[ThemeGroup]:
    """Published articles grouped by theme, in the strategy's order; one query."""
    articles = published_articles().defer(*_LIST_DEFERRED).order_by("title")
    groups: dict[str, list[Article]] = {theme: [] for theme in Article.Theme.values}
    for article in articles:
        groups.setdefault(article.theme, []).append(article)
    return [
        ThemeGroup(theme=theme, label=Article.Theme(theme).label, articles=items)
        for theme, items in groups.items()
        if items and theme in Article.Theme.values
    ]


def related_articles(article: Article, limit: int = 3) -> list[Article]:
    """Other published articles on the same theme, newest first; one query."""
    return list(
        published_articles()
        .filter(theme=article.theme)
        .exclude(pk=article.pk)
        .defer(*_LIST_DEFERRED)
        .order_by("-published_at", "title")[:limit]
    )


def search_articles(query: str, limit: int = 20) -> list[Article]:
    """Published articles matching the query, best first, each with a `snippet` (safe HTML).

    PostgreSQL: Danish full-text search (stemming, so "virksomheder" finds "virksomhed"),
    ranked title > summary > body, on the stored, GIN-indexed search vector. Elsewhere (the
    SQLite demo): every word must occur in title, summary or body. One query either way.
    """
    query = normalise_query(query)
    if not query:
        return []
    published = published_articles()
    if connections[published.db].vendor == "postgresql":
        return _search_postgresql(published, query, limit)
    return _search_fallback(published, query, limit)


def _search_postgresql(published: QuerySet[Article], query: str, limit: int) -> list[Article]:
    search_query = SearchQuery(query, config="danish", search_type="websearch")
    articles = (
        published.filter(search_vector=search_query)
        .annotate(
            rank=SearchRank(F("search_vector"), search_query),
            headline=SearchHeadline(
                Concat("summary", Value(" "), "body_text", output_field=TextField()),
                search_query,
                config="danish",
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .defer(*_LIST_DEFERRED)
        .order_by("-rank", "-published_at", "pk")[:limit]
    )
    results = list(articles)
    for article in results:
        # ts_headline returns the text as stored: escape it, keep only its <mark>.
        article.snippet = sanitise_headline(article.headline)
    return results


def _search_fallback(published: QuerySet[Article], query: str, limit: int) -> list[Article]:
    terms = search_terms(query)
    condition = Q()
    title_hits = []
    for term in terms:
        condition &= (
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body_text__icontains=term)
        )
        title_hits.append(When(title__icontains=term, then=Value(1)))
    articles = (
        published.filter(condition)
        .annotate(title_hit=Case(*title_hits, default=Value(0), output_field=IntegerField()))
        .order_by("-title_hit", "-published_at", "pk")[:limit]
    )
    results = list(articles)
    for article in results:
        article.snippet = highlight_snippet(f"{article.summary} {article.body_text}", terms)
    return results


def search_article_hits(query: str, limit: int) -> list[SearchHit]:
    """The portal search's provider for articles (registered in GuidanceConfig.ready)."""
    return [
        SearchHit(
            title=article.title,
            url=article.get_absolute_url(),
            snippet_html=article.snippet,
            kind_label=Article.Theme(article.theme).label,
        )
        for article in search_articles(query, limit)
    ]
