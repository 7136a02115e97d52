"""What network adds to portal's extension points; NetworkConfig.ready() calls register()."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.models import MEETING_KIND
from portal.registrations.kinds import OccasionKind, occasion_kinds


def register() -> None:
    occasion_kinds.register(
        OccasionKind(
            name=MEETING_KIND,
            label=_("netværksmøde"),
            label_definite=_("netværksmødet"),
            public_url=lambda occasion: reverse("network:meeting-detail", args=[occasion.pk]),
            admin_url=lambda occasion: reverse("admin:network_meeting_change", args=[occasion.pk]),
        )
    )
