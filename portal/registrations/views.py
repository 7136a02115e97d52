"""The registrant's own pages, reached only through the link in their e-mails."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from portal.ratelimit import limit_token_guessing
from portal.registrations import calendar, services
from portal.registrations.kinds import kind_of
from portal.registrations.models import Registration
from portal.registrations.selectors import availability


def _registration(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("occasion", "company"),
        token=token,
        anonymised_at__isnull=True,
    )


def _private(response: HttpResponse) -> HttpResponse:
    # The link is the only key to the page: keep it out of search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _context(registration: Registration) -> dict:
    occasion = registration.occasion
    now = timezone.now()
    return {
        "registration": registration,
        "occasion": occasion,
        "kind": kind_of(occasion),
        "place_in_line": registration.place_in_line(),
        "may_cancel": registration.is_active and occasion.starts_at > now,
        "availability": availability(occasion, now=now),
        "promotion_stop_hours": settings.REGISTRATIONS_PROMOTION_STOP_HOURS,
        "promotion_running": now < services.promotion_stops_at(occasion),
    }


# Guessed tokens count against the same limit as the case status links: one budget per client.
@never_cache
@require_safe
@limit_token_guessing
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    """What you registered for, your state or place in line, the calendar file, cancelling."""
    registration = _registration(token)
    return _private(
        render(request, "registrations/registration_detail.html", _context(registration))
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit_token_guessing
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """A confirmation step (GET), then the cancellation (POST); cancelling twice is harmless."""
    registration = _registration(token)
    if request.method == "POST":
        was_active = registration.is_active
        try:
            services.cancel_registration(registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if was_active:
                messages.success(request, _("Du er afmeldt. Vi har sendt dig en bekræftelse."))
        return redirect(registration.get_absolute_url())
    if registration.status == Registration.Status.CANCELLED:
        return redirect(registration.get_absolute_url())
    return _private(render(request, "registrations/cancel_confirm.html", _context(registration)))


@never_cache
@require_safe
@limit_token_guessing
def registration_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar entry, with the registrant's own link in it; marked cancelled once the
    registration is. Someone on the waiting list has no seat to put in a calendar yet."""
    registration = _registration(token)
    if registration.status == Registration.Status.WAITING:
        raise Http404
    response = calendar.calendar_response(
        services.registration_calendar(registration), filename="invitation.ics"
    )
    return _private(response)
