from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal import ratelimit
from portal.cases import enquirer, selectors
from portal.cases.answer_form import AnswerForm
from portal.cases.models import Case
from portal.cases.status import sections_for
from portal.ratelimit import limit_token_guessing


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit_token_guessing
def case_status(request: HttpRequest, token: str) -> HttpResponse:
    """The enquirer's own view of their case, reached only through the link in the receipt,
    and where they answer us (a POST: text and files)."""
    case = selectors.case_for_token(token)
    if not enquirer.may_answer(case):
        # A closed or anonymised case takes no answer: the page says so, a POST stores nothing.
        if request.method == "POST":
            return _status_page(request, case, form=None, status=409, refused=True)
        return _status_page(request, case, form=None)
    if request.method != "POST":
        return _status_page(request, case, form=AnswerForm())

    form = AnswerForm(request.POST, request.FILES)
    if not _answer_allowed(request, case):
        form.is_valid()  # show what was typed, with its errors, and why it was not sent
        form.add_error(None, _answers_limited())
        response = _status_page(request, case, form=form, status=429)
        response["Retry-After"] = str(_rate_window())
        return response
    if form.is_valid():
        try:
            enquirer.receive_answer(case=case, **form.service_kwargs())
        except ValidationError as error:
            if error.code == "closed":  # closed while the answer was on its way
                return _status_page(request, case, form=None, status=409, refused=True)
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Tak for dit svar. Vi har fået det, og det står nu under Beskeder.")
            )
            return redirect(case.get_absolute_url())
    return _status_page(request, case, form=form)


def _status_page(
    request: HttpRequest,
    case: Case,
    *,
    form: AnswerForm | None,
    status: int = 200,
    refused: bool = False,
) -> HttpResponse:
    response = render(
        request,
        "cases/status.html",
        {
            "case": case,
            "events": selectors.shared_events(case).prefetch_related("attachments"),
            "sections": sections_for(case),
            "answer_form": form,
            # An answer posted to a case that no longer takes one: say it was not sent.
            "answer_refused": refused,
        },
        status=status,
    )
    # The link is the only key to the page: keep it out of search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# Answers from one address, and to one case, per window: enough for a person who sends a file
# they forgot, not for a script (the token alone may have leaked).
def _rate_limit() -> int:
    return settings.CASE_ANSWER_RATE_LIMIT


def _rate_window() -> int:
    return settings.CASE_ANSWER_RATE_WINDOW


def _answer_allowed(request: HttpRequest, case: Case) -> bool:
    """Count this post against the client's and the case's limit; every post counts (each
    carries up to three files), not only the answers stored."""
    limit, window = _rate_limit(), _rate_window()
    by_client = ratelimit.hit(
        f"case-answer:{ratelimit.client_ip(request)}", limit=limit, window=window
    )
    by_case = ratelimit.hit(f"case-answer:case:{case.pk}", limit=limit * 2, window=window)
    return by_client and by_case


def _answers_limited() -> str:
    return _(
        "Der er sendt mange svar på kort tid. Vent lidt, og send så dit svar igen. Det, du har "
        "skrevet, står stadig herunder, men filerne skal vælges igen."
    )
