from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from guidance.models import Outreach
from guidance.outreach import end_of_week
from portal.workbench import Tile


def outreach_tiles(request: HttpRequest) -> list[Tile]:
    """Follow-ups with companies due this week (or already late): one count query.

    Only asked for a user with guidance.view_outreach (the tile group's permission).
    """
    count = Outreach.objects.follow_up_due(end_of_week()).count()
    url = reverse("admin:guidance_outreach_changelist") + "?opfoelgning_forfalden=uge"
    return [Tile(_("Opfølgninger denne uge"), count, url)]
