"""The admin home's tile: listings waiting for a caseworker's approval."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.exchange.selectors import waiting_count
from partnerships.models import Listing
from portal.workbench import Tile


def listing_tiles(request: HttpRequest) -> list[Tile]:
    url = reverse("admin:partnerships_listing_changelist")
    return [
        Tile(
            label=_("Opslag, der venter på godkendelse"),
            count=waiting_count(),
            url=f"{url}?status__exact={Listing.Status.PENDING}",
        )
    ]
