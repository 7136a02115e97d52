from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal import ratelimit
from portal.cases import selectors

# Guessing status links: wrong tokens are counted per client, for this page and the receipt
# pages that take the same token, and too many get the 429 page for a while.
limit_token_guessing = ratelimit.limit_not_found(
    "case-token",
    limit_setting="CASE_TOKEN_MISS_LIMIT",
    window_setting="CASE_TOKEN_MISS_WINDOW",
)


@never_cache
@require_safe
@limit_token_guessing
def case_status(request: HttpRequest, token: str) -> HttpResponse:
    """The enquirer's own view of their case, reached only through the link in the receipt."""
    case = selectors.case_for_token(token)
    response = render(
        request,
        "cases/status.html",
        {"case": case, "events": selectors.shared_events(case)},
    )
    # The link is the only key to the page: keep it out of search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
