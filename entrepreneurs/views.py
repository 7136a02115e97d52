from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from entrepreneurs.courses import path, selectors


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "entrepreneurs/overview.html",
        {
            "steps": path.path_steps(),
            "sessions": selectors.next_sessions(),
            "scheme_periods": path.open_scheme_periods(),
        },
    )
