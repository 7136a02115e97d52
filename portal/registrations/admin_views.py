"""Admin pages every kind of occasion shares; the app's ModelAdmin adds them to its own URLs
(and checks its permissions), as network's MeetingAdmin does."""

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.registrations.models import Occasion
from portal.registrations.selectors import participants


def participants_page(
    request: HttpRequest,
    *,
    occasion: Occasion,
    listed_only: bool,
    context: dict,
) -> TemplateResponse:
    """The participants list, to print: for the door (everyone holding a seat, with needs and
    a tick column), or (`listed_only`) the one handed to the other participants, with only
    those who agreed to be on it, and only their names and companies.

    `context` is the admin's (each_context, opts, the occasion's admin page as `back_url`).
    """
    rows = list(participants(occasion, listed_only=listed_only))
    return TemplateResponse(
        request,
        "admin/registrations/participants.html",
        {
            **context,
            "title": _("Deltagerliste til de andre deltagere")
            if listed_only
            else _("Deltagerliste til døren"),
            "occasion": occasion,
            "participants": rows,
            "seats": sum(registration.seats for registration in rows),
            "shared": listed_only,
            "printed_at": timezone.now(),
        },
    )
