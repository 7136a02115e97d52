"""The portal's own error pages: 400, 403 (and a refused CSRF check), 404 and 500.

Each is a page of the site, with its header and footer, in the visitor's language, with a way
back and the municipality's contact details. The 500 page is rendered without the database and
without context processors, because the database may be what failed.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from portal.pages.models import SiteSettings

logger = logging.getLogger(__name__)

# Private links sent by e-mail, by their first path segment: a case's status page and (to come)
# a registration's page. A wrong one is nearly always a link cut short by the mail program, so
# its 404 says how to check it.
TOKEN_LINK_KINDS = {"sag": "case", "tilmelding": "registration"}


def token_link_kind(path: str) -> str:
    """ "case" or "registration" when the path is a private link from an e-mail, else ""."""
    segments = path.lstrip("/").split("/")
    if segments[0] in {code for code, _name in settings.LANGUAGES}:
        segments = segments[1:]
    return TOKEN_LINK_KINDS.get(segments[0], "") if len(segments) > 1 else ""


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(
        request,
        "404.html",
        {"token_link": token_link_kind(request.path)},
        status=HttpResponseNotFound.status_code,
    )


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=HttpResponseForbidden.status_code)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=HttpResponseBadRequest.status_code)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused because its CSRF token was missing or stale (CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", status=HttpResponseForbidden.status_code)


def _site_without_database() -> SiteSettings:
    """The cached settings row if the cache has it, else the defaults: never a query."""
    try:
        site = cache.get(SiteSettings.CACHE_KEY)
    except Exception:  # the cache server may be down too
        site = None
    if isinstance(site, SiteSettings):
        return site
    return SiteSettings(municipality_name=settings.MUNICIPALITY_DEFAULTS["name"])


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page: no database, no context processors (they query), and a bare fallback."""
    status = HttpResponseServerError.status_code
    try:
        template = loader.get_template("500.html")
        # No request passed to render(): that would run the context processors.
        html = template.render({"request": request, "site": _site_without_database()})
    except Exception:
        logger.exception("The 500 page could not be rendered")
        return HttpResponseServerError(
            "<!DOCTYPE html><html lang=da><title>Fejl</title>"
            "<h1>Der skete en fejl hos os (500)</h1>",
        )
    return HttpResponse(html, status=status)
