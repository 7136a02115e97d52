"""The admin-home tiles: applications waiting for a decision, and those past the expected date."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from entrepreneurs.decisions.selectors import waiting_counts
from portal.cases.models import Case
from portal.workbench import Tile


def decision_tiles(request: HttpRequest) -> list[Tile]:
    counts = waiting_counts()
    # The case list of open grant applications: where the caseworker picks the next one.
    url = reverse("admin:cases_case_changelist") + f"?kind__exact={Case.Kind.GRANT}&aaben=ja"
    return [
        Tile(
            label=_("Ansøgninger om støtte, der venter på afgørelse"),
            count=counts["waiting"],
            url=url,
        ),
        Tile(
            label=_("Ansøgninger om støtte over den lovede dato for afgørelse"),
            count=counts["overdue"],
            url=url,
            warning=True,
        ),
    ]
