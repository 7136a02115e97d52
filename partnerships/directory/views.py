"""The public directory: the list, one enterprise's page, the request form, the removal link."""

import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from partnerships.directory import selectors, services
from partnerships.directory.forms import DirectoryFilterForm, DirectoryRequestForm
from partnerships.models import DirectoryEntry
from portal import intake, ratelimit
from portal.intake import RATE_LIMITED

logger = logging.getLogger(__name__)

PER_PAGE = 24
SCOPE = "directory-request"

# A removal token: 32 random bytes as URL-safe base64 (partnerships.models.directory.new_token).
REMOVAL_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")

# Wrong removal links count against the same budget as wrong case status links (/sag/<token>/).
limit_removal_guessing = ratelimit.limit_not_found(
    "case-token",
    limit_setting="CASE_TOKEN_MISS_LIMIT",
    window_setting="CASE_TOKEN_MISS_WINDOW",
    secret_shape=REMOVAL_TOKEN_SHAPE,
)


@require_safe
def entry_list(request: HttpRequest) -> HttpResponse:
    """?q=, ?formaal=, ?branche= and ?side=; two queries (the count and the page)."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    entries = selectors.directory_entries(**filters)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "partnerships/directory/entry_list.html",
        {
            "form": form,
            "filtered": bool(filters),
            "page": page,
            "entries": page.object_list,
            "page_query": query.urlencode(),
        },
    )


@require_safe
def entry_detail(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_object_or_404(selectors.public_entries(), slug=slug)
    return render(
        request,
        "partnerships/directory/entry_detail.html",
        {"entry": entry, "company": entry.company, "listings": selectors.open_listings(entry)},
    )


# Never cached: going back to the form after sending it fetches a fresh one-time token.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    """The request to be listed, through the public forms' one order (portal.intake
    .take_submission); this form opens no case, so its repeat is the entry it made."""
    if request.method != "POST":
        return _request_page(request, DirectoryRequestForm())
    form = DirectoryRequestForm(request.POST)
    submission = intake.take_submission(
        request,
        form,
        scope=SCOPE,
        limit=settings.ENQUIRY_RATE_LIMIT,
        window=settings.ENQUIRY_RATE_WINDOW,
        submit=lambda: services.request_listing(**form.service_kwargs()),
        made_before=lambda key: DirectoryEntry.objects.filter(submission_key=key).first(),
    )
    if submission.caught:
        return render(request, "partnerships/directory/request_sent.html")
    if submission.made is None:
        response = _request_page(request, form, status=submission.status)
        if submission.retry_after:
            response["Retry-After"] = str(submission.retry_after)
        return response
    # The same page whether or not the company was already listed or waiting: it must not tell
    # whoever types a CVR number that a company has a request (the entry's contact is mailed).
    return redirect("directory:request-sent")
    window = settings.ENQUIRY_RATE_WINDOW
    if not ratelimit.allow_new_submission(
        request,
        scope=SCOPE,
        submission_key=form.submission_key,
        limit=settings.ENQUIRY_RATE_LIMIT,
        window=window,
    ):
        form.add_error(None, RATE_LIMITED)
        response = _request_page(request, form, status=429)
        response["Retry-After"] = str(window)
        return response
    try:
        services.request_listing(**form.service_kwargs())
    except ValidationError as error:
        form.add_error(None, error)
        return _request_page(request, form)
    # The same page whether or not the company was already listed or waiting: it must not tell
    # whoever types a CVR number that a company has a request (the entry's contact is mailed).
    return redirect("directory:request-sent")


def _request_page(request: HttpRequest, form: DirectoryRequestForm, status: int = 200):
    return render(
        request, "partnerships/directory/request_form.html", {"form": form}, status=status
    )


@require_safe
def request_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerships/directory/request_sent.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit_removal_guessing
def remove(request: HttpRequest, token: str) -> HttpResponse:
    """What removal does and a button (GET); the removal, at once (POST). Twice is harmless."""
    entry = get_object_or_404(DirectoryEntry.objects.select_related("company"), removal_token=token)
    if request.method == "POST":
        services.remove_from_directory(entry=entry)
        return redirect("directory:remove", token=token)
    response = render(
        request,
        "partnerships/directory/remove.html",
        {"entry": entry, "company": entry.company},
    )
    # The link is the only key to the page: keep it out of search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
