from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.cases.models import Case
from portal.workbench import Tile


def case_tiles(request: HttpRequest) -> list[Tile]:
    """My open cases, unassigned, overdue and waiting: four counts in one query.

    Only asked for a user with cases.view_case (the tile group's permission).
    """
    is_open = ~Q(status=Case.Status.CLOSED)
    counts = Case.objects.aggregate(
        mine=Count("pk", filter=is_open & Q(assignee=request.user)),
        unassigned=Count("pk", filter=is_open & Q(assignee__isnull=True)),
        overdue=Count("pk", filter=Case.overdue_condition(timezone.localdate())),
        waiting=Count("pk", filter=Q(status=Case.Status.WAITING)),
    )
    inbox = reverse("admin:cases_case_changelist")

    def link(**params) -> str:
        return f"{inbox}?{urlencode(params)}"

    return [
        Tile(
            _("Mine åbne sager"),
            counts["mine"],
            link(aaben="ja", assignee__id__exact=request.user.pk),
        ),
        Tile(
            _("Sager uden sagsbehandler"),
            counts["unassigned"],
            link(aaben="ja", assignee__isnull="True"),
        ),
        Tile(
            _("Sager med overskredet frist"),
            counts["overdue"],
            link(overskredet="ja"),
            warning=True,
        ),
        Tile(
            _("Sager der afventer henvender"),
            counts["waiting"],
            link(status__exact=Case.Status.WAITING),
        ),
    ]
