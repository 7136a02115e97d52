"""The admin home's tile for partnerships that have gone quiet, and the filter it links to."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.register.selectors import quiet_partnerships
from portal.workbench import Tile

# The changelist filter's parameter and value (ActivityFilter in admin.py).
ACTIVITY_PARAMETER, QUIET = "aktivitet", "ingen-i-3-maaneder"
ACTIVITY_CHOICES = [(QUIET, gettext_lazy("Ingen aktivitet i 3 måneder"))]


def quiet_tiles(request: HttpRequest) -> list[Tile]:
    """One count: partnerships not ended with neither an activity nor their creation in the
    last 90 days. Only asked for a user with partnerships.view_partnership."""
    url = reverse("admin:partnerships_partnership_changelist")
    return [
        Tile(
            label=_("Partnerskaber uden aktivitet i 3 måneder"),
            count=quiet_partnerships().count(),
            url=f"{url}?{ACTIVITY_PARAMETER}={QUIET}",
            warning=True,
        )
    ]
