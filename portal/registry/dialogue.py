"""The ongoing dialogue with the companies (strategy principle 4), across the apps.

Two small extension points, each app adds its entries in its extensions.py:

    due_contact_providers.register(
        DueContactProvider(
            name="outreach", label=_("Kontakt"), due=due_outreach, counts=count_due_outreach,
            permission="guidance.view_outreach",
        )
    )
    last_contact_providers.register(
        LastContactProvider(name="cases", label=_("Sag"), last_contacts=last_case_activity)
    )

- `due(until=…, company=…)` gives the app's open planned contacts due on or before `until`
  (None: all of them), as DueContact rows, in one query. `counts(today=…, until=…)` gives how
  many are overdue (due before today) and how many are due by `until`, in one query.
- `last_contacts(companies)` gives a queryset of rows {"company_id", "last"} (a date or a
  datetime): the company's latest contact of the app's kind, for the companies given, e.g.
  `Outreach.objects.filter(company__in=companies).values("company_id").annotate(last=Max("date"))`.

Portal reads them into ONE list of who is due for contact (an admin view, the admin home's
tiles, the company page's "Planlagt opfølgning") and the list of social-economy enterprises not
contacted lately; each costs one query per provider however many companies there are.
"""

import calendar
import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.exports import Column, csv_response, exported, xlsx_response
from portal.extensions import Registry
from portal.registry.models import Company
from portal.registry.timeline import (
    ROWS_PER_SECTION,
    CompanySection,
    SectionHeadings,
    TimelineRow,
)
from portal.workbench import Tile, TileGroup, tile_groups

# The dialogue's pages are the company registry's: who may see companies may see them.
VIEW_COMPANY = "registry.view_company"


@dataclass(frozen=True)
class DueContact:
    """A planned contact with a company that is not made yet, whatever app planned it."""

    company_id: int
    company_name: str
    company_cvr: str
    due_on: datetime.date
    # What the contact is about: "Rekruttering, Partnerskaber", "Følg op på kontakt …".
    what: str
    url: str
    assignee_id: int | None = None
    assignee_name: str = ""
    # The provider's label ("Opfølgning", "Kontakt"); due_contacts() fills it in.
    kind_label: str = ""

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate()


@dataclass(frozen=True)
class DueContactProvider:
    name: str
    label: str
    due: Callable[..., list[DueContact]]
    counts: Callable[..., tuple[int, int]]
    order: int = 100
    permission: str | None = None


@dataclass(frozen=True)
class LastContactProvider:
    name: str
    # The kind of contact, as the list says it: "Sag", "Deltog i et arrangement".
    label: str
    last_contacts: Callable[[QuerySet], QuerySet]
    order: int = 100


due_contact_providers: Registry[DueContactProvider] = Registry("due contacts")
last_contact_providers: Registry[LastContactProvider] = Registry("last contacts")


def end_of_week(today: datetime.date | None = None) -> datetime.date:
    """This week's Sunday: "due this week" includes what is already overdue."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=6 - today.weekday())


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last_day))


# Selectors


def due_contacts(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    until: datetime.date | None,
    company: Company | None = None,
) -> list[DueContact]:
    """Every open planned contact due by `until` (None: all), oldest first; one query per
    provider `user` may see (None: all providers)."""
    rows = []
    for provider in due_contact_providers.entries(user=user):
        rows += [
            _with_kind(row, provider.label) for row in provider.due(until=until, company=company)
        ]
    return sorted(rows, key=lambda row: (row.due_on, row.company_name.casefold(), row.url))


def _with_kind(row: DueContact, label: str) -> DueContact:
    return row if row.kind_label else dataclasses.replace(row, kind_label=str(label))


def due_counts(
    *, user: AbstractBaseUser | AnonymousUser | None, today: datetime.date | None = None
) -> tuple[int, int]:
    """(overdue, due by the end of this week) over every provider `user` may see."""
    today = today or timezone.localdate()
    overdue = this_week = 0
    for provider in due_contact_providers.entries(user=user):
        late, due = provider.counts(today=today, until=end_of_week(today))
        overdue += late
        this_week += due
    return overdue, this_week


@dataclass(frozen=True)
class QuietCompany:
    company: Company
    last_contact: datetime.date | None
    last_kind: str


def quiet_months() -> int:
    return settings.DIALOGUE_QUIET_MONTHS


def quiet_companies(
    *, today: datetime.date | None = None, months: int | None = None
) -> list[QuietCompany]:
    """Social-economy enterprises with no contact of any kind since `months` months ago.

    Never contacted first, then by the date of the last contact, oldest first. One query for
    the companies and one per last-contact provider, however many companies there are.
    """
    today = today or timezone.localdate()
    since = months_before(today, quiet_months() if months is None else months)
    social_economy = Company.objects.social_economy()
    latest: dict[int, tuple[datetime.date, str]] = {}
    for provider in last_contact_providers.entries():
        for row in provider.last_contacts(social_economy):
            last = row["last"]
            if last is None:
                continue
            if isinstance(last, datetime.datetime):
                last = timezone.localdate(last)
            known = latest.get(row["company_id"])
            if known is None or last > known[0]:
                latest[row["company_id"]] = (last, str(provider.label))
    quiet = []
    for company in social_economy.danish_order():
        last, kind = latest.get(company.pk, (None, ""))
        if last is None or last < since:
            quiet.append(QuietCompany(company=company, last_contact=last, last_kind=kind))
    # Stable: companies with the same date keep the Danish alphabetical order.
    return sorted(quiet, key=lambda row: (row.last_contact is not None, row.last_contact or today))


# The admin home and the company page


def dialogue_tiles(request: HttpRequest) -> list[Tile]:
    overdue, this_week = due_counts(user=request.user)
    due_url = reverse("admin:registry_company_due_contacts")
    quiet_url = reverse("admin:registry_company_quiet")
    return [
        Tile(
            _("Opfølgninger forfaldne"),
            overdue,
            f"{due_url}?{urlencode({'frist': 'forfalden'})}",
            warning=True,
        ),
        Tile(_("Opfølgninger denne uge"), this_week, f"{due_url}?{urlencode({'frist': 'uge'})}"),
        Tile(
            _("Ikke kontaktet i %(months)s måneder") % {"months": quiet_months()},
            len(quiet_companies()),
            quiet_url,
        ),
    ]


def planned_contacts_section(
    company: Company, *, user: AbstractBaseUser | AnonymousUser
) -> CompanySection | None:
    """The company page's "Planlagt opfølgning": its open planned contacts of every kind that
    `user` may see, the soonest first; None when nothing is planned.

    Not a company_section_providers entry: its rows come from several apps, each with its own
    permission, so it is built for the user (CompanyAdmin puts it first).
    """
    due = due_contacts(user=user, until=None, company=company)
    if not due:
        return None
    rows = [
        TimelineRow(
            date=row.due_on,
            title=row.what,
            url=row.url,
            kind_label=row.kind_label,
            status_label=_("Forfalden") if row.overdue else _("Planlagt"),
            text=_("Ansvarlig: %(name)s") % {"name": row.assignee_name}
            if row.assignee_name
            else "",
        )
        for row in due[:ROWS_PER_SECTION]
    ]
    query = urlencode({"frist": "alle", "virksomhed": company.pk})
    return CompanySection(
        rows=rows,
        total=len(due),
        all_url=f"{reverse('admin:registry_company_due_contacts')}?{query}",
        headings=SectionHeadings(date=gettext_lazy("Frist"), title=gettext_lazy("Hvad")),
        name="planned-contacts",
        label=_("Planlagt opfølgning"),
    )


def register() -> None:
    """The dialogue's admin-home tiles; portal/registry/extensions.py calls it."""
    tile_groups.register(
        TileGroup(name="dialogue", tiles=dialogue_tiles, order=30, permission=VIEW_COMPANY)
    )


# The admin views (CompanyAdmin.get_urls() adds admin_urls())

DUE_FILTERS = {
    "forfalden": gettext_lazy("Forfaldne"),
    "idag": gettext_lazy("Til og med i dag"),
    "uge": gettext_lazy("Denne uge"),
    "alle": gettext_lazy("Alle planlagte"),
}
DUE_DEFAULT = "idag"
PER_PAGE = 100


def _until(choice: str, today: datetime.date) -> datetime.date | None:
    return {
        "forfalden": today - datetime.timedelta(days=1),
        "idag": today,
        "uge": end_of_week(today),
        "alle": None,
    }[choice]


DUE_COLUMNS = [
    Column(gettext_lazy("Frist"), lambda row: row.due_on),
    Column(gettext_lazy("Virksomhed"), lambda row: row.company_name),
    Column(gettext_lazy("CVR-nummer"), lambda row: row.company_cvr),
    Column(gettext_lazy("Type"), lambda row: row.kind_label),
    Column(gettext_lazy("Hvad"), lambda row: row.what),
    Column(gettext_lazy("Ansvarlig"), lambda row: row.assignee_name),
    Column(gettext_lazy("Forfalden"), lambda row: row.overdue),
]

QUIET_COLUMNS = [
    Column(gettext_lazy("Virksomhed"), lambda row: row.company.name),
    Column(gettext_lazy("CVR-nummer"), lambda row: row.company.cvr),
    Column(gettext_lazy("Seneste kontakt"), lambda row: row.last_contact),
    Column(gettext_lazy("Slags kontakt"), lambda row: row.last_kind),
    Column(gettext_lazy("E-mail"), lambda row: row.company.email),
    Column(gettext_lazy("Telefon"), lambda row: row.company.phone),
]


class _Rows(list):
    """A list the export helpers can read as they read a queryset."""

    def iterator(self, chunk_size: int | None = None):
        return iter(self)

    def count(self) -> int:  # type: ignore[override]
        return len(self)


def _require_view(model_admin, request: HttpRequest) -> None:
    if not model_admin.has_view_permission(request):
        raise PermissionDenied


def _export(request: HttpRequest, *, fmt: str, name: str, title: str, columns, rows: list):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    exported.send(
        sender=Company,
        user=request.user,
        list_name=name,
        filters=request.GET.dict(),
        total=len(rows),
    )
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}"
    if fmt == "csv":
        return csv_response(filename, columns, _Rows(rows))
    return xlsx_response(filename, title, columns, _Rows(rows))


def _filter_links(request: HttpRequest, name: str, choices: dict, current: str) -> list[dict]:
    links = []
    for value, label in choices.items():
        query = request.GET.copy()
        query[name] = value
        query.pop("p", None)
        links.append({"label": label, "url": f"?{query.urlencode()}", "selected": value == current})
    return links


def due_contacts_view(model_admin, request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    """Kontakter der skal følges op: outreach and follow-ups in one list, oldest first."""
    _require_view(model_admin, request)
    today = timezone.localdate()
    choice = request.GET.get("frist", DUE_DEFAULT)
    if choice not in DUE_FILTERS:
        choice = DUE_DEFAULT
    mine = request.GET.get("mine") == "ja"
    rows = due_contacts(user=request.user, until=_until(choice, today))
    if mine:
        rows = [row for row in rows if row.assignee_id == request.user.pk]
    company_id = request.GET.get("virksomhed", "")
    company = None
    if company_id.isdigit():
        company = Company.objects.filter(pk=company_id).only("pk", "name").first()
        rows = [row for row in rows if row.company_id == int(company_id)]
    title = _("Kontakter der skal følges op")
    if fmt is not None:
        return _export(
            request, fmt=fmt, name="opfoelgninger", title=title, columns=DUE_COLUMNS, rows=rows
        )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    query = request.GET.urlencode()
    page_query = request.GET.copy()
    page_query.pop("p", None)
    all_companies = page_query.copy()
    all_companies.pop("virksomhed", None)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "page": page,
        "total": len(rows),
        "company": company,
        "page_query": page_query.urlencode(),
        "all_companies_url": f"?{all_companies.urlencode()}",
        "deadline_links": _filter_links(request, "frist", DUE_FILTERS, choice),
        "assignee_links": _filter_links(
            request, "mine", {"": _("Alle"), "ja": _("Mine")}, "ja" if mine else ""
        ),
        "csv_url": reverse("admin:registry_company_due_contacts_export", args=["csv"])
        + (f"?{query}" if query else ""),
        "xlsx_url": reverse("admin:registry_company_due_contacts_export", args=["xlsx"])
        + (f"?{query}" if query else ""),
    }
    return TemplateResponse(request, "admin/registry/dialogue/due_contacts.html", context)


def quiet_companies_view(model_admin, request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    """Ikke kontaktet for nylig: the social-economy enterprises the dialogue has lost."""
    _require_view(model_admin, request)
    months = quiet_months()
    rows = quiet_companies(months=months)
    title = _("Ikke kontaktet i %(months)s måneder") % {"months": months}
    if fmt is not None:
        return _export(
            request, fmt=fmt, name="ikke-kontaktet", title=title, columns=QUIET_COLUMNS, rows=rows
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "months": months,
        "since": months_before(timezone.localdate(), months),
        "page": Paginator(rows, PER_PAGE).get_page(request.GET.get("p")),
        "total": len(rows),
        "csv_url": reverse("admin:registry_company_quiet_export", args=["csv"]),
        "xlsx_url": reverse("admin:registry_company_quiet_export", args=["xlsx"]),
    }
    return TemplateResponse(request, "admin/registry/dialogue/quiet_companies.html", context)


def admin_urls(model_admin) -> list:
    """The dialogue's pages, under the company list: /admin/registry/company/opfoelgning/ …"""
    view = model_admin.admin_site.admin_view

    def bound(function):
        def admin_page(request, **kwargs):
            return function(model_admin, request, **kwargs)

        return view(admin_page)

    return [
        path("opfoelgning/", bound(due_contacts_view), name="registry_company_due_contacts"),
        path(
            "opfoelgning/eksport.<str:fmt>",
            bound(due_contacts_view),
            name="registry_company_due_contacts_export",
        ),
        path("ikke-kontaktet/", bound(quiet_companies_view), name="registry_company_quiet"),
        path(
            "ikke-kontaktet/eksport.<str:fmt>",
            bound(quiet_companies_view),
            name="registry_company_quiet_export",
        ),
    ]
