from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from entrepreneurs.courses import selectors
from entrepreneurs.courses.forms import EnrolmentForm
from entrepreneurs.models import Course
from portal.registrations.intake import take_registration

# The query parameter that names the chosen session (its occasion's pk).
SESSION_PARAMETER = "hold"


@require_safe
def course_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "entrepreneurs/courses/course_list.html",
        {"courses": selectors.published_courses()},
    )


# Never cached: the form carries a one-time token, so going back to it after sending fetches a
# fresh one, while the same form posted twice stays one enrolment.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        course = selectors.course_for_page(slug)
    except Course.DoesNotExist:
        raise Http404 from None
    sessions = selectors.coming_sessions(course=course)
    chosen = _chosen(request, sessions)
    if chosen is None or not chosen.availability.can_register:
        # Nothing to enrol in (closed, cancelled, over): no form, and a post writes nothing.
        status = 409 if request.method == "POST" else 200
        return _course_page(request, course, sessions, chosen, form=None, status=status)

    form = EnrolmentForm(
        request.POST if request.method == "POST" else None, occasion=chosen.occasion
    )
    if request.method != "POST":
        return _course_page(request, course, sessions, chosen, form=form)

    submission = take_registration(request, form)
    if submission.check_email:
        return render(request, "registrations/check_email.html", {"occasion": chosen.occasion})
    if submission.registration is not None:
        return redirect(submission.registration.get_absolute_url())
    # The seats may have changed while the form was filled in: show them as they are now.
    sessions = selectors.coming_sessions(course=course)
    chosen = _chosen(request, sessions)
    if chosen is None or not chosen.availability.can_register:
        return _course_page(request, course, sessions, chosen, form=None, status=409)
    response = _course_page(request, course, sessions, chosen, form=form, status=submission.status)
    if submission.retry_after:
        response["Retry-After"] = str(submission.retry_after)
    return response


def _chosen(request: HttpRequest, sessions: list[selectors.SessionItem]):
    """The session named by ?hold=, else the first one open for enrolment (or None)."""
    wanted = request.GET.get(SESSION_PARAMETER)
    if wanted is not None:
        for item in sessions:
            if str(item.occasion.pk) == wanted:
                return item
        raise Http404
    return next((item for item in sessions if item.availability.can_register), None)


def _course_page(request, course, sessions, chosen, *, form, status: int = 200) -> HttpResponse:
    context = {
        "course": course,
        "sessions": sessions,
        "chosen": chosen,
        "form": form,
        "refused": form is None and request.method == "POST",
        "session_parameter": SESSION_PARAMETER,
        "any_open": any(item.availability.can_register for item in sessions),
    }
    return render(request, "entrepreneurs/courses/course_detail.html", context, status=status)
