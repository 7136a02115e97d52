"""The company page's extension point: apps add a section to a company's 360° view.

`portal` never imports an app. Each app that keeps something about a company registers a
section in its AppConfig.ready():

    register_company_section(
        "outreach", _("Kontakter fra kommunen"), outreach_section,
        order=20, permission="guidance.view_outreach",
    )

The function is called as func(company) and returns a CompanySection with the newest rows
first, at most ROWS_PER_SECTION of them (first_rows() helps), in one query: the page costs a
bounded number of queries however long the company's history is. A section is shown to a
user with `permission` (a "app_label.codename" string) and its add link to a user with
`add_permission`.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, QuerySet, Window

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
class CompanySection:
    """What a section function returns; `name` and `label` come from the registration."""

    rows: list[TimelineRow]
    add_url: str | None = None
    add_label: str | None = None
    # Where to see all rows, when the section shows only the newest.
    all_url: str | None = None
    total: int | None = None
    name: str = ""
    label: str = ""


SectionFunc = Callable[[Company], CompanySection]


@dataclass(frozen=True)
class _Registration:
    name: str
    label: str
    func: SectionFunc
    order: int
    permission: str | None
    add_permission: str | None


_sections: dict[str, _Registration] = {}


def register_company_section(
    name: str,
    label: str,
    func: SectionFunc,
    *,
    order: int = 100,
    permission: str | None = None,
    add_permission: str | None = None,
) -> None:
    """Add (or replace, by name) a section; the page shows them by `order`, then name."""
    _sections[name] = _Registration(
        name=name,
        label=label,
        func=func,
        order=order,
        permission=permission,
        add_permission=add_permission,
    )


def company_sections(
    company: Company, *, user: AbstractBaseUser | AnonymousUser | None = None
) -> list[CompanySection]:
    """Every registered section for the company, as far as `user` (when given) may see it."""
    sections = []
    for registration in sorted(_sections.values(), key=lambda r: (r.order, r.name)):
        if (
            user is not None
            and registration.permission
            and not user.has_perm(registration.permission)
        ):
            continue
        section = registration.func(company)
        may_add = user is None or not registration.add_permission
        if not may_add:
            may_add = user.has_perm(registration.add_permission)
        sections.append(
            dataclasses.replace(
                section,
                name=registration.name,
                label=registration.label,
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
