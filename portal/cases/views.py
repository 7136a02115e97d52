from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.cases import selectors
from portal.cases.status import sections_for
from portal.ratelimit import limit_token_guessing


@never_cache
@require_safe
@limit_token_guessing
def case_status(request: HttpRequest, token: str) -> HttpResponse:
    """The enquirer's own view of their case, reached only through the link in the receipt."""
    case = selectors.case_for_token(token)
    response = render(
        request,
        "cases/status.html",
        {
            "case": case,
            "events": selectors.shared_events(case),
            "sections": sections_for(case),
        },
    )
    # The link is the only key to the page: keep it out of search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
