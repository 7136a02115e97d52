"""The company page's extension point: apps add a section to a company's 360° view.

`portal` never imports an app. Each app that keeps something about a company registers a
section in its extensions.py:

    company_section_providers.register(
        CompanySectionProvider(
            name="outreach", label=_("Kontakter fra kommunen"), build=outreach_section,
            order=20, permission="guidance.view_outreach",
        )
    )

`build(company)` returns a CompanySection with the newest rows first, at most ROWS_PER_SECTION
of them (first_rows() helps), in one query: the page costs a bounded number of queries however
long the company's history is. Its `headings` name the table's columns for what the rows hold
(an outreach row's kind is its channel, its status the outcome). A section is shown to a user
with `permission` (an "app_label.codename" string) and its add link to a user with
`add_permission`; the company page lists the sections with no rows yet in one short list.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, QuerySet, Window
from django.utils.translation import gettext_lazy as _

from portal.extensions import Registry, may
from portal.registry.models import Company

ROWS_PER_SECTION = 10


@dataclass(frozen=True)
class TimelineRow:
    date: date | datetime
    title: str
    url: str
    kind_label: str = ""
    status_label: str = ""
    text: str = ""


@dataclass(frozen=True)
class SectionHeadings:
    """The column headings of a section's table: date, title, kind_label, status_label.

    An empty heading leaves its column out (a section whose rows are all of one kind).
    """

    date: str = _("Dato")
    title: str = _("Emne")
    kind: str = _("Type")
    status: str = _("Status")


@dataclass(frozen=True)
class CompanySection:
    """What a provider builds; `name` and `label` come from the provider."""

    rows: list[TimelineRow]
    add_url: str | None = None
    add_label: str | None = None
    # Where to see all rows, when the section shows only the newest.
    all_url: str | None = None
    total: int | None = None
    headings: SectionHeadings = SectionHeadings()
    name: str = ""
    label: str = ""


@dataclass(frozen=True)
class CompanySectionProvider:
    name: str
    label: str
    build: Callable[[Company], CompanySection]
    order: int = 100
    permission: str | None = None
    add_permission: str | None = None


company_section_providers: Registry[CompanySectionProvider] = Registry("company-page sections")


def company_sections(
    company: Company, *, user: AbstractBaseUser | AnonymousUser
) -> list[CompanySection]:
    """Every registered section for the company that `user` may see, with the add links they
    may use."""
    sections = []
    for provider in company_section_providers.entries(user=user):
        section = provider.build(company)
        may_add = may(user, provider.add_permission)
        sections.append(
            dataclasses.replace(
                section,
                name=provider.name,
                label=provider.label,
                add_url=section.add_url if may_add else None,
            )
        )
    return sections


def first_rows(queryset: QuerySet) -> tuple[list, int]:
    """The first ROWS_PER_SECTION objects and how many there are in all, in one query.

    The total is a window function (COUNT(*) OVER ()), computed before the LIMIT.
    """
    rows = list(queryset.annotate(_section_total=Window(Count("pk")))[:ROWS_PER_SECTION])
    return rows, rows[0]._section_total if rows else 0
