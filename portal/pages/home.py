"""Sections that apps add to the front page, between the principles and the text below them.

The front page shows what is happening now (network's next meetings with seats left) without
portal naming the app. An app registers in its extensions.py:

    home_sections.register(
        HomeSection(name="network.meetings", template="network/_home_meetings.html",
                    context=home_section_context)
    )

`context(request)` returns the context its template is rendered with, or None when it has
nothing to show (no meeting with seats left): then the section is left out. The template gets
that context and the site's context processors, not the page's. Each section costs its own
queries, so keep them few and bounded.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from portal.extensions import Registry


@dataclass(frozen=True)
class HomeSection:
    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


home_sections: Registry[HomeSection] = Registry("front page sections")


def render_sections(request: HttpRequest) -> list[SafeString]:
    """The sections that have something to show, rendered, by `order`, then name."""
    rendered = []
    for section in home_sections.entries():
        context = section.context(request)
        if context is not None:
            rendered.append(render_to_string(section.template, context, request))
    return rendered


@dataclass(frozen=True)
class KeyFigures:
    """The about page's key figures (the dashboard's, counted each night): `figures()` returns
    items with number, label, label_is_danish, scope and counted_on."""

    name: str
    figures: Callable[[], list]
    order: int = 100


about_key_figures: Registry[KeyFigures] = Registry("about page key figures")


def key_figures() -> list:
    return [figure for entry in about_key_figures.entries() for figure in entry.figures()]
