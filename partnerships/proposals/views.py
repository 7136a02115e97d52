from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from partnerships.proposals import services
from partnerships.proposals.forms import ProposalForm
from portal import intake
from portal.cases.models import Case
from portal.ratelimit import limit_token_guessing


# Never cached: going back to the form after sending it fetches a fresh one-time token, so an
# edited resend is a new proposal, while the same form posted twice stays one case.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _proposal_form_page(request, ProposalForm())

    form = ProposalForm(request.POST)
    submission = intake.take_submission(
        request,
        form,
        scope="partnership-proposal",
        limit=settings.ENQUIRY_RATE_LIMIT,
        window=settings.ENQUIRY_RATE_WINDOW,
        submit=lambda: services.submit_proposal(**form.service_kwargs()),
    )
    if submission.caught:
        return render(request, "partnerships/proposals/proposal_thanks.html")
    if submission.case is not None:
        return redirect("partnerships:proposal-receipt", token=submission.case.public_token)
    response = _proposal_form_page(request, form, status=submission.status)
    if submission.retry_after:
        response["Retry-After"] = str(submission.retry_after)
    return response


def _proposal_form_page(
    request: HttpRequest, form: ProposalForm, status: int = 200
) -> HttpResponse:
    context = {"form": form, "answer_days": settings.CASES_FIRST_ANSWER_WORKING_DAYS}
    return render(request, "partnerships/proposals/proposal_form.html", context, status=status)


@never_cache
@require_safe
@limit_token_guessing
def proposal_receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The page after sending: reference, expected answer and the private status link."""
    case = get_object_or_404(
        Case.objects.select_related("contact", "partnership_proposal"),
        public_token=token,
        partnership_proposal__isnull=False,
    )
    return intake.receipt_page(
        request,
        case=case,
        template="partnerships/proposals/proposal_receipt.html",
        proposal=case.partnership_proposal,
    )
