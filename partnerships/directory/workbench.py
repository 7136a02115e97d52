"""The admin home's tile: requests to be shown in the directory that wait for a caseworker."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.directory.selectors import waiting_count
from partnerships.models import DirectoryEntry
from portal.workbench import Tile


def directory_tiles(request: HttpRequest) -> list[Tile]:
    """One query: the count of requests waiting for review."""
    url = reverse("admin:partnerships_directoryentry_changelist")
    return [
        Tile(
            label=_("Virksomheder, der venter på at komme i oversigten"),
            count=waiting_count(),
            url=f"{url}?status__exact={DirectoryEntry.Status.REQUESTED}",
        )
    ]
