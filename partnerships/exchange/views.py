"""The public side of the exchange: the list, a listing with its contact form, posting, and
the poster's private link."""

import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from partnerships.exchange import selectors, services
from partnerships.exchange.forms import (
    ContactForm,
    ListingEditForm,
    ListingFilterForm,
    ListingForm,
)
from partnerships.models import Listing, ListingMessage
from portal import intake, ratelimit
from portal.intake import RATE_LIMITED, IntakeForm

logger = logging.getLogger(__name__)

# The poster's private link: 32 random bytes as URL-safe base64 (partnerships.models.new_token).
LISTING_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")

# Wrong listing tokens count against the same limit, and the same counter, as wrong case
# tokens (/sag/<token>/): guessing one kind of link does not buy more guesses at the other.
limit_listing_token_guessing = ratelimit.limit_not_found(
    "case-token",
    limit_setting="CASE_TOKEN_MISS_LIMIT",
    window_setting="CASE_TOKEN_MISS_WINDOW",
    secret_shape=LISTING_TOKEN_SHAPE,
)

POST_SCOPE = "exchange-listing"
CONTACT_SCOPE = "exchange-contact"


def _robots(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _allowed(request: HttpRequest, form: IntakeForm, *, scope: str, repeat) -> bool | None:
    """take_submission's order for forms that open no case, after the honeypot and validation:
    a repeat of this form (its one-time key) is never limited; a new one is counted.

    True: go on to the service; None: the form has made its row before (`repeat`); False:
    refused by the rate limit (the form says so)."""
    if repeat is not None:
        return None
    if ratelimit.allow_new_submission(
        request,
        scope=scope,
        submission_key=form.submission_key,
        limit=settings.ENQUIRY_RATE_LIMIT,
        window=settings.ENQUIRY_RATE_WINDOW,
    ):
        return True
    form.add_error(None, RATE_LIMITED)
    return False


def _rate_limited(response: HttpResponse) -> HttpResponse:
    response.status_code = 429
    response["Retry-After"] = str(settings.ENQUIRY_RATE_WINDOW)
    return response


# The list --------------------------------------------------------------------------------------


@require_safe
def listing_list(request: HttpRequest) -> HttpResponse:
    form = ListingFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(selectors.public_listings(filters), selectors.PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "listings": selectors.with_areas(page.object_list),
        "page_query": query.urlencode(),
        "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2)),
        "ellipsis": Paginator.ELLIPSIS,
    }
    return render(request, "partnerships/exchange/listing_list.html", context)


# One listing and its contact form ---------------------------------------------------------------


def _listing_or_404(pk: int) -> Listing:
    try:
        listing = selectors.listing_for_page(pk)
    except Listing.DoesNotExist:
        raise Http404 from None
    # Not yet approved, or refused: the public never learns it exists.
    if listing.status in (Listing.Status.PENDING, Listing.Status.REJECTED):
        raise Http404
    return listing


def _sent_to_a_listing_under_review(request: HttpRequest, pk: int) -> HttpResponse | None:
    """A message to a listing that went back for approval while it was being written (the
    poster edited it): 409, nothing sent, nothing of the listing shown, the message kept."""
    # Only one that was public before: a never-approved listing stays unknown (404).
    under_review = Listing.objects.filter(
        pk=pk, status=Listing.Status.PENDING, published_at__isnull=False
    ).exists()
    if not under_review:
        return None
    form = ContactForm(request.POST)  # cleaned as the form cleans it, never stored
    message = form.data.get("message", "")
    return render(
        request,
        "partnerships/exchange/listing_not_sent.html",
        {"message": message},
        status=409,
    )


def _listing_page(request, listing: Listing, *, form, status: int = 200, refused: str = ""):
    context = {
        "listing": listing,
        "form": form,
        "closed": services.closed_message(listing),
        "refused": refused,
    }
    return render(request, "partnerships/exchange/listing_detail.html", context, status=status)


# Never cached: the form carries a one-time token (see guidance.views.enquiry_create).
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and (not_sent := _sent_to_a_listing_under_review(request, pk)):
        return not_sent
    listing = _listing_or_404(pk)
    if not listing.is_public:
        # Expired or withdrawn: the page says so, with no form; a post (an old tab) sends
        # nothing. 410: the listing is gone for good (a withdrawn one) or for now (expired).
        if request.method == "POST":
            response = _listing_page(
                request, listing, form=None, status=410, refused=_closed(listing)
            )
        else:
            response = _listing_page(request, listing, form=None, status=410)
        # Gone from the exchange: out of search engines too.
        response["X-Robots-Tag"] = "noindex"
        return response
    if request.method != "POST":
        return _listing_page(request, listing, form=ContactForm())

    form = ContactForm(request.POST)
    if form.caught_in_honeypot():
        logger.info(
            "A listing contact form was caught in the honeypot from %s",
            ratelimit.client_ip(request),
        )
        return redirect("partnerships:listing-contacted", pk=listing.pk)
    if not form.is_valid():
        return _listing_page(request, listing, form=form)
    repeat = ListingMessage.objects.filter(submission_key=form.submission_key).first()
    allowed = _allowed(request, form, scope=CONTACT_SCOPE, repeat=repeat)
    if allowed is False:
        return _rate_limited(_listing_page(request, listing, form=form))
    if allowed:
        try:
            services.contact_poster(listing=listing, **form.service_kwargs())
        except services.ListingClosed as error:
            # Expired or withdrawn while the form was being filled in.
            listing = selectors.listing_for_page(pk)
            return _listing_page(
                request, listing, form=None, status=409, refused=" ".join(error.messages)
            )
        except ValidationError as error:
            form.add_error(None, error)
            return _listing_page(request, listing, form=form)
    return redirect("partnerships:listing-contacted", pk=listing.pk)


def _closed(listing: Listing) -> str:
    return services.closed_message(listing) + " " + _("Din besked er ikke sendt.")


@require_safe
def listing_contacted(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _listing_or_404(pk)
    return render(request, "partnerships/exchange/listing_contacted.html", {"listing": listing})


# Posting -----------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def listing_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _create_page(request, ListingForm())
    form = ListingForm(request.POST)
    submission = intake.take_submission(
        request,
        form,
        scope=POST_SCOPE,
        limit=settings.ENQUIRY_RATE_LIMIT,
        window=settings.ENQUIRY_RATE_WINDOW,
        submit=lambda: services.post_listing(**form.service_kwargs()),
        made_before=lambda key: Listing.objects.filter(submission_key=key).first(),
    )
    if submission.caught or submission.made is not None:
        return redirect("partnerships:listing-created")
    page = _create_page(request, form)
    return _rate_limited(page) if submission.retry_after else page


def _create_page(request: HttpRequest, form: ListingForm) -> HttpResponse:
    return render(
        request,
        "partnerships/exchange/listing_form.html",
        {"form": form, "latest": services.latest_valid_until()},
    )


@require_safe
def listing_created(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerships/exchange/listing_created.html")


# The poster's private link -----------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit_listing_token_guessing
def listing_manage(request: HttpRequest, token: str) -> HttpResponse:
    """The listing's state; edit it (back to approval) or withdraw it (with a confirm step).

    POST with action=edit saves the form; action=withdraw shows the confirm step;
    action=withdraw-confirmed withdraws (again: harmless).
    """
    try:
        listing = selectors.listing_for_token(token)
    except Listing.DoesNotExist:
        raise Http404 from None
    action = request.POST.get("action", "") if request.method == "POST" else ""
    withdrawn = listing.status == Listing.Status.WITHDRAWN
    form = None
    context = {"listing": listing, "latest": services.latest_valid_until()}

    if action == "withdraw" and not withdrawn:
        return _robots(render(request, "partnerships/exchange/listing_withdraw.html", context))
    if action == "withdraw-confirmed":
        services.withdraw_listing(listing=listing)
        return redirect("partnerships:listing-manage", token=token)
    if action == "edit" and not withdrawn:
        form = ListingEditForm(request.POST, listing=listing)
        if form.is_valid():
            try:
                updated = services.update_listing(listing=listing, **form.changes())
            except ValidationError as error:
                intake.refuse(form, error)
            else:
                changed = updated.status != listing.status or any(
                    getattr(updated, name) != getattr(listing, name)
                    for name in services.EDITABLE_FIELDS
                )
                query = "?rettet=1" if changed else "?uaendret=1"
                return redirect(request.path + query)
    if form is None and not withdrawn:
        form = ListingEditForm(listing=listing)
    context.update(
        {
            "form": form,
            "saved": request.GET.get("rettet") == "1",
            "unchanged": request.GET.get("uaendret") == "1",
        }
    )
    status = 409 if action == "edit" and withdrawn else 200
    return _robots(
        render(request, "partnerships/exchange/listing_manage.html", context, status=status)
    )
