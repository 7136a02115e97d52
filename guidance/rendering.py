"""Article bodies: Markdown written by staff, rendered to HTML that is always sanitised."""

import html
import re

import markdown
import nh3
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

# What an article body may contain. No images, no inline styles, no scripts, no ids: the
# public template decides the look, and nothing staff paste can run code in a visitor's browser.
ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# The page's title is its only h1, and DKFDS styles three heading levels in running text:
# a "# heading" in the body becomes h2, and h5/h6 become h4.
_HEADING_SHIFTS = [(re.compile(r"<(/?)h1\b"), r"<\1h2"), (re.compile(r"<(/?)h[56]\b"), r"<\1h4")]


def render_markdown(text: str) -> SafeString:
    """The body as sanitised HTML, safe to put in a template without further escaping."""
    rendered = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    for pattern, replacement in _HEADING_SHIFTS:
        rendered = pattern.sub(replacement, rendered)
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just sanitised it


def markdown_to_text(text: str) -> str:
    """The body as plain text, for search and snippets: no Markdown marks, no tags."""
    plain = html.unescape(strip_tags(render_markdown(text)))
    return re.sub(r"\s+", " ", plain).strip()
