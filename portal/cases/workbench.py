from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.accounts.roles import CASEWORKER
from portal.cases.models import Case
from portal.history import is_manager
from portal.workbench import Tile


def _inbox(**params) -> str:
    return f"{reverse('admin:cases_case_changelist')}?{urlencode(params)}"


def case_tiles(request: HttpRequest) -> list[Tile]:
    """My open cases, unassigned, overdue, waiting and new answers: five counts in one query;
    for a manager also the team view (two queries more).

    Only asked for a user with cases.view_case (the tile group's permission).
    """
    is_open = ~Q(status=Case.Status.CLOSED)
    counts = Case.objects.aggregate(
        mine=Count("pk", filter=is_open & Q(assignee=request.user)),
        unassigned=Count("pk", filter=is_open & Q(assignee__isnull=True)),
        overdue=Count("pk", filter=Case.overdue_condition(timezone.localdate())),
        waiting=Count("pk", filter=Q(status=Case.Status.WAITING)),
        replied=Count("pk", filter=Q(enquirer_replied_at__isnull=False)),
    )
    tiles = [
        Tile(_("Mine åbne sager"), counts["mine"], _inbox(mine="ja", aaben="ja")),
        Tile(
            _("Nye svar fra henvendere"),
            counts["replied"],
            _inbox(nyt_svar="ja"),
        ),
        Tile(
            _("Sager uden sagsbehandler"),
            counts["unassigned"],
            _inbox(aaben="ja", assignee__isnull="True"),
        ),
        Tile(
            _("Sager med overskredet frist"),
            counts["overdue"],
            _inbox(overskredet="ja"),
            warning=True,
        ),
        Tile(
            _("Sager der afventer henvender"),
            counts["waiting"],
            _inbox(status__exact=Case.Status.WAITING),
        ),
    ]
    if may_see_team(request.user):
        tiles += team_tiles()
    return tiles


def may_see_team(user) -> bool:
    """A manager (the "Leder" role, or whoever may change staff accounts) sees the team."""
    return user.has_perm("auth.change_user") or is_manager(user)


def team_tiles() -> list[Tile]:
    """Open and overdue cases per caseworker, and the unassigned ones, each count a link to
    the inbox filtered to exactly those cases: two queries, whatever the number of cases.

    Every active caseworker has a row, also with nothing open (a manager hands out work by
    it), and so does anyone else with open cases (a manager, a colleague who has left).
    """
    today = timezone.localdate()
    per_assignee = {
        row["assignee"]: row
        for row in Case.objects.open()
        .values("assignee")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Case.overdue_condition(today)),
        )
        .order_by()
    }
    people = (
        get_user_model()
        .objects.filter(
            Q(pk__in=[pk for pk in per_assignee if pk is not None])
            | Q(is_active=True, is_staff=True, groups__name=CASEWORKER)
        )
        .distinct()
        .only("pk", "first_name", "last_name", "username")
        .order_by("first_name", "last_name", "username")
    )
    empty = {"open": 0, "overdue": 0}
    unassigned = per_assignee.get(None, empty)
    tiles = _team_row(_("Uden sagsbehandler"), unassigned, assignee__isnull="True")
    names = set()
    for person in people:
        name = person.get_full_name() or person.get_username()
        if name in names:
            # Two colleagues of the same name: rows are told apart by their names.
            name = f"{name} ({person.get_username()})"
        names.add(name)
        counts = per_assignee.get(person.pk, empty)
        tiles += _team_row(name, counts, assignee__id__exact=person.pk)
    return tiles


def _team_row(name: str, counts: dict, **who) -> list[Tile]:
    return [
        Tile(_("Åbne sager"), counts["open"], _inbox(aaben="ja", **who), row=name),
        Tile(
            _("Overskredet frist"),
            counts["overdue"],
            _inbox(overskredet="ja", **who),
            warning=True,
            row=name,
        ),
    ]
