"""The site search's extension point: apps register what they can search, portal shows it.

`portal` never imports an app. Each app registers a provider in its extensions.py:

    search_providers.register(
        SearchProvider(name="articles", label=_("Artikler"), search=search_article_hits)
    )

`search(query, limit)` is called with a query that normalise_query() has cleaned and returns at
most `limit` SearchHit, best first, in one or two queries: the search page costs a bounded
number of queries however many articles, events or companies there are. Sections are shown by
`order`, then name; a provider with a `permission` only to a user who has it.
"""

import html
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import nh3
from django.db import DatabaseError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.extensions import Registry

logger = logging.getLogger(__name__)

# Long enough for any real question; a pasted page of text is cut, not searched.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    snippet_html: SafeString
    kind_label: str


@dataclass(frozen=True)
class SearchSection:
    name: str
    label: str
    hits: list[SearchHit]


@dataclass(frozen=True)
class SearchProvider:
    name: str
    label: str
    search: Callable[[str, int], list[SearchHit]]
    order: int = 100
    permission: str | None = None


search_providers: Registry[SearchProvider] = Registry("search providers")


def normalise_query(query: str | None) -> str:
    """The query as typed, without control characters, squeezed and cut to a sane length.

    Empty when nothing searchable is left (only punctuation, only spaces): the page then asks
    for a search word instead of searching. PostgreSQL refuses NUL bytes, so they go too.
    """
    text = "".join(
        " " if unicodedata.category(char).startswith("C") else char for char in query or ""
    )
    text = re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_LENGTH].strip()
    return text if search_terms(text) else ""


def search_terms(query: str) -> list[str]:
    """The words of a query, for databases without full-text search and for highlighting."""
    return re.findall(r"\w+", query)[:MAX_TERMS]


def search_all(query: str, *, limit: int = 20, user=None) -> list[SearchSection]:
    """Every provider's hits for the query (those `user` may see), as sections with a hit."""
    query = normalise_query(query)
    if not query:
        return []
    sections = []
    for provider in search_providers.entries(user=user):
        try:
            hits = provider.search(query, limit)
        except DatabaseError:
            # One failing provider must not take the whole search page down with a 500.
            logger.exception("Search provider %s failed", provider.name)
            continue
        if hits:
            sections.append(SearchSection(name=provider.name, label=provider.label, hits=hits))
    return sections


def sanitise_headline(headline: str) -> SafeString:
    """A database's highlighted snippet (text with <mark>…</mark>) made safe for HTML.

    Everything in the text is escaped, so a "<script>" written in an article shows as text;
    only the <mark> the database inserted become tags, and nh3 balances them.
    """
    parts = re.split(r"(</?mark>)", headline or "")
    escaped = "".join(part if part in ("<mark>", "</mark>") else escape(part) for part in parts)
    return mark_safe(nh3.clean(escaped, tags={"mark"}, attributes={}))  # noqa: S308


def highlight_snippet(text: str, terms: list[str], *, width: int = 220) -> SafeString:
    """About `width` characters of plain text around the first term found, terms in <mark>.

    For providers that search with icontains rather than a database's full-text search.
    """
    text = re.sub(r"\s+", " ", html.unescape(text or "")).strip()
    terms = [term for term in terms if term]
    if not text:
        return mark_safe("")
    if not terms:
        return escape(_shorten(text, 0, width))
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - width // 3) if first else 0
    excerpt = _shorten(text, start, width)
    pieces = []
    position = 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped


def _shorten(text: str, start: int, width: int) -> str:
    """text[start:start + width], widened to whole words, with … where text was cut."""
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 else 0
    end = start + width
    if end < len(text):
        space = text.find(" ", end)
        end = space if space != -1 else len(text)
    excerpt = text[start:end]
    return ("… " if start > 0 else "") + excerpt + (" …" if end < len(text) else "")
