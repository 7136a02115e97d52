from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from network import selectors
from portal.pages.models import SiteSettings
from portal.registrations.calendar import absolute, calendar_response, occasion_calendar
from portal.registrations.forms import RegistrationForm
from portal.registrations.intake import take_registration
from portal.registrations.models import Occasion
from portal.registrations.selectors import availability


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "network/overview.html", {"meetings": selectors.next_meetings()})


@require_safe
def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/meeting_list.html",
        {
            "coming": selectors.coming_meetings(),
            "past": selectors.past_meetings(),
            "feed_url": absolute(reverse("network:meeting-feed")),
        },
    )


# Never cached: the form carries a one-time token, so going back to it after sending fetches a
# fresh one, while the same form posted twice stays one registration.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        occasion = selectors.meeting_for_page(pk)
    except Occasion.DoesNotExist:
        raise Http404 from None
    seats = availability(occasion)
    if not seats.can_register:
        # Closed, cancelled or over: no form, and a post (an old tab) writes nothing.
        return _closed_page(request, occasion, seats)

    form = RegistrationForm(request.POST if request.method == "POST" else None, occasion=occasion)
    if request.method != "POST":
        return _meeting_page(request, occasion, seats, form=form)

    submission = take_registration(request, form)
    if submission.caught or submission.already_registered:
        return render(request, "registrations/check_email.html", {"occasion": occasion})
    if submission.registration is not None:
        return redirect(submission.registration.get_absolute_url())
    # The seats may have changed while the form was filled in (the last seat taken, the
    # deadline passed): the page shows them as they are now.
    seats = availability(selectors.meeting_for_page(pk))
    if not seats.can_register:
        return _closed_page(request, occasion, seats)
    response = _meeting_page(request, occasion, seats, form=form, status=submission.status)
    if submission.retry_after:
        response["Retry-After"] = str(submission.retry_after)
    return response


def _closed_page(request: HttpRequest, occasion: Occasion, seats) -> HttpResponse:
    status = 409 if request.method == "POST" else 200
    return _meeting_page(request, occasion, seats, form=None, status=status)


def _meeting_page(
    request: HttpRequest, occasion: Occasion, seats, *, form, status: int = 200
) -> HttpResponse:
    context = {
        "occasion": occasion,
        "meeting": occasion.meeting,
        "seats": seats,
        "form": form,
        "refused": form is None and request.method == "POST",
    }
    return render(request, "network/meeting_detail.html", context, status=status)


@require_safe
def meeting_feed(request: HttpRequest) -> HttpResponse:
    """The meetings as a calendar to subscribe to (Outlook, Google Calendar, Apple)."""
    content = occasion_calendar(
        selectors.feed_occasions(),
        name=_("Netværksmøder – %(municipality)s")
        % {"municipality": SiteSettings.load().municipality_name},
    )
    return calendar_response(content, filename="netvaerksmoeder.ics", attachment=False)
