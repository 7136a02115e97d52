"""The public side of start-up support: the schemes, the application in steps, the receipt."""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from entrepreneurs.applications import rules, selectors, services
from entrepreneurs.applications.forms import MORE_ROWS
from entrepreneurs.applications.steps import (
    BY_SLUG,
    STEPS,
    Step,
    next_step,
    previous_step,
    step_number,
)
from entrepreneurs.applications.summary import draft_summary
from entrepreneurs.models import ApplicationDraft, SupportScheme
from portal import intake, ratelimit
from portal.cases.models import Case
from portal.cases.services import case_for_submission
from portal.ratelimit import limit_token_guessing

# A draft's token: 32 random bytes as URL-safe base64 (entrepreneurs.models.new_draft_token).
DRAFT_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")

# Wrong draft tokens count against the same limit as wrong case tokens.
limit_draft_guessing = ratelimit.limit_not_found(
    "draft-token",
    limit_setting="CASE_TOKEN_MISS_LIMIT",
    window_setting="CASE_TOKEN_MISS_WINDOW",
    secret_shape=DRAFT_TOKEN_SHAPE,
)

# New applications from one connection have the enquiry form's limit; new drafts a few times
# that (people start again), so that a bot cannot fill the table with empty drafts.
SUBMISSION_SCOPE = "grant-application"
DRAFT_SCOPE = "grant-draft"
DRAFTS_PER_SUBMISSION = 4


@require_safe
def support(request: HttpRequest) -> HttpResponse:
    states = selectors.support_page_schemes(timezone.localdate())
    return render(request, "entrepreneurs/support/scheme_list.html", {"states": states})


def _scheme_page(request, scheme: SupportScheme, *, error: str = "", status: int = 200):
    today = timezone.localdate()
    scheme = get_object_or_404(selectors.schemes_with_periods(today), pk=scheme.pk)
    state = selectors.scheme_state(scheme, today)
    context = {
        "scheme": scheme,
        "state": state,
        "closed_message": "" if state.is_open else rules.period_message(scheme, today),
        "error": error,
    }
    return render(request, "entrepreneurs/support/scheme_detail.html", context, status=status)


@require_safe
def scheme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _scheme_page(request, get_object_or_404(SupportScheme.objects.published(), slug=slug))


@require_POST
def scheme_start(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Start ansøgningen": a new draft, and its first step."""
    scheme = get_object_or_404(SupportScheme.objects.published(), slug=slug)
    window = settings.ENQUIRY_RATE_WINDOW
    if not ratelimit.hit(
        f"{DRAFT_SCOPE}:{ratelimit.client_ip(request)}",
        limit=settings.ENQUIRY_RATE_LIMIT * DRAFTS_PER_SUBMISSION,
        window=window,
    ):
        return ratelimit.too_many_requests(request, retry_after=window)
    try:
        draft = services.start_draft(scheme=scheme, language=get_language() or "da")
    except ValidationError as error:
        return _scheme_page(request, scheme, error=" ".join(error.messages), status=409)
    return redirect("entrepreneurs:draft-step", token=draft.token, step=STEPS[0].slug)


def _draft_or_404(token: str) -> ApplicationDraft:
    return get_object_or_404(ApplicationDraft.objects.select_related("scheme"), token=token)


def _closed_page(request: HttpRequest, draft: ApplicationDraft) -> HttpResponse | None:
    """The page for a draft that can no longer be filled in, or None."""
    if draft.submitted_case_id:
        return render(
            request,
            "entrepreneurs/support/draft_sent.html",
            {"draft": draft, "case": draft.submitted_case},
        )
    if draft.is_expired():
        context = {"draft": draft, "draft_days": settings.ENTREPRENEURS_DRAFT_DAYS}
        return render(request, "entrepreneurs/support/draft_gone.html", context, status=410)
    return None


def _robots(response: HttpResponse) -> HttpResponse:
    # The token is the only key to the draft: keep it out of search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
@limit_draft_guessing
def draft(request: HttpRequest, token: str) -> HttpResponse:
    """The private link: the first step not yet done."""
    found = _draft_or_404(token)
    if closed := _closed_page(request, found):
        return _robots(closed)
    step = services.first_unfinished_step(found)
    return redirect("entrepreneurs:draft-step", token=token, step=step.slug)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit_draft_guessing
def draft_step(request: HttpRequest, token: str, step: str) -> HttpResponse:
    found = _draft_or_404(token)
    if step not in BY_SLUG:
        raise Http404
    if closed := _closed_page(request, found):
        return _robots(closed)
    current = BY_SLUG[step]
    if current.slug == "indsend":
        return _robots(_submit_step(request, found, current))
    if request.method != "POST":
        form = current.form(initial=found.answers.get(current.slug, {}), scheme=found.scheme)
        if current.slug == "bilag":
            form.existing = found.attachments.count()
        return _robots(_step_page(request, found, current, form))
    return _robots(_post_step(request, found, current))


def _post_step(request: HttpRequest, found: ApplicationDraft, current: Step) -> HttpResponse:
    action = request.POST.get("action", "next")
    answers = services.step_form(found, current, data=request.POST).typed(request.POST)
    form = services.step_form(found, current, data=answers, files=request.FILES)
    valid = form.is_valid()
    try:
        if current.slug == "bilag":
            if form.accepted:
                services.add_attachments(draft=found, files=form.accepted)
            if action.startswith("remove:"):
                services.remove_attachment(draft=found, pk=_number(action[len("remove:") :]))
                return redirect(request.path)
        found = services.save_step(draft=found, step=current, answers=form.valid_answers())
    except ValidationError as error:
        form.add_error(None, error)
        return _step_page(request, found, current, form)

    if action == "more_lines" and current.slug == "budget":
        more = current.form(initial=answers, scheme=found.scheme, extra_rows=MORE_ROWS)
        return _step_page(request, found, current, more)
    if action == "save_link":
        if not _send_link(request, found) or not valid:
            return _step_page(request, found, current, form)
        return redirect(request.path)
    if action == "back" and (before := previous_step(current)):
        return redirect("entrepreneurs:draft-step", token=found.token, step=before.slug)
    if action == "upload" and valid:
        return redirect(request.path)
    if valid and (after := next_step(current)):
        return redirect("entrepreneurs:draft-step", token=found.token, step=after.slug)
    return _step_page(request, found, current, form)


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise Http404 from None


def _send_link(request: HttpRequest, found: ApplicationDraft) -> bool:
    try:
        services.send_draft_link(draft=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(
        request,
        _(
            "Din kladde er gemt. Vi har sendt linket til den til %(email)s. Linket virker til "
            "%(day)s; hver gang du gemmer, forlænges det."
        )
        % {
            "email": found.email,
            "day": formats.date_format(timezone.localtime(found.expires_at), "j. F Y"),
        },
    )
    return True


def _step_page(request, found: ApplicationDraft, current: Step, form, *, status=200, **extra):
    today = timezone.localdate()
    context = {
        "draft": found,
        "scheme": found.scheme,
        "step": current,
        "steps": STEPS,
        "number": step_number(current),
        "previous": previous_step(current),
        "form": form,
        "closed_message": (
            "" if found.scheme.period_on(today) else rules.period_message(found.scheme, today)
        ),
        **extra,
    }
    if current.slug == "bilag":
        context["attachments"] = list(found.attachments.all())
        context["max_attachments"] = settings.ENTREPRENEURS_MAX_ATTACHMENTS
    return render(request, "entrepreneurs/support/step.html", context, status=status)


def _submit_step(request: HttpRequest, found: ApplicationDraft, current: Step) -> HttpResponse:
    summary = draft_summary(found)
    form = current.form(request.POST or None, scheme=found.scheme)
    if request.method != "POST":
        return _step_page(request, found, current, form, summary=summary)
    action = request.POST.get("action", "submit")
    if action == "back":
        return redirect(
            "entrepreneurs:draft-step", token=found.token, step=previous_step(current).slug
        )
    if action == "save_link":
        _send_link(request, found)
        return redirect(request.path)
    if not form.is_valid():
        return _step_page(request, found, current, form, summary=summary)
    if case_for_submission(found.token) is None and not ratelimit.allow_new_submission(
        request,
        scope=SUBMISSION_SCOPE,
        submission_key=found.token,
        limit=settings.ENQUIRY_RATE_LIMIT,
        window=settings.ENQUIRY_RATE_WINDOW,
    ):
        form.add_error(None, intake.RATE_LIMITED)
        response = _step_page(request, found, current, form, summary=summary, status=429)
        response["Retry-After"] = str(settings.ENQUIRY_RATE_WINDOW)
        return response
    try:
        case = services.submit_application(draft=found, declared=form.cleaned_data["declaration"])
    except ValidationError as error:
        form.add_error(None, error)
        return _step_page(request, found, current, form, summary=summary)
    return redirect("entrepreneurs:application-receipt", token=case.public_token)


@never_cache
@require_safe
@limit_token_guessing
def application_receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The page after sending: reference, expected decision date and the private status link."""
    case = get_object_or_404(
        Case.objects.select_related("contact", "grant_application__scheme"),
        public_token=token,
        grant_application__isnull=False,
    )
    return intake.receipt_page(
        request,
        case=case,
        template="entrepreneurs/support/receipt.html",
        application=case.grant_application,
    )
