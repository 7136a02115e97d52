"""The applicant's own copy of a decision letter, reached through their case's private token."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from entrepreneurs.decisions import letters
from entrepreneurs.models import Decision
from portal.files import serve_private_file
from portal.ratelimit import limit_token_guessing


def letter_page(decision: Decision) -> HttpResponse:
    """The stored letter as sent: a standalone, printable page."""
    response = HttpResponse(decision.letter_html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _decision_for(token: str, pk: int) -> Decision:
    # The token and the decision must belong together: a wrong pair is a plain 404, and so is
    # a letter retention has removed.
    return get_object_or_404(
        Decision.objects.select_related("application__case").exclude(letter_html=""),
        pk=pk,
        application__case__public_token=token,
    )


@never_cache
@require_safe
@limit_token_guessing
def decision_letter(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    return letter_page(_decision_for(token, pk))


@never_cache
@require_safe
@limit_token_guessing
def decision_letter_pdf(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    decision = _decision_for(token, pk)
    response = serve_private_file(
        request,
        file=decision.letter_pdf,
        filename=letters.letter_filename(decision),
        about=decision.application.case.reference,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
