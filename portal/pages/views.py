from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from portal.pages.home import key_figures, render_sections
from portal.pages.links import HOME, links_for
from portal.pages.models import SiteSettings


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/home.html",
        {"links": links_for(HOME), "sections": render_sections(request)},
    )


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    # Counted each night and stored: the public page reads them in one query.
    return render(request, "pages/about.html", {"key_figures": key_figures()})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


@require_safe
@cache_control(max_age=3600, public=True)
def logo(request: HttpRequest) -> FileResponse:
    """The municipality's logo, uploaded in admin; uploads have no public media URL."""
    site = SiteSettings.load()
    if not site.logo:
        raise Http404
    return FileResponse(site.logo.open("rb"))


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not: for the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


# The staff's admin, and pages reached only through a private link in an e-mail (in every
# language): not for search engines. The status page also answers noindex itself.
ROBOTS_DISALLOWED = ["/admin/"]
ROBOTS_DISALLOWED_IN_EACH_LANGUAGE = ["/sag/", "/tilmelding/"]


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """The public pages may be indexed in every language; the private ones may not."""
    prefixes = [""] + [
        f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    disallowed = ROBOTS_DISALLOWED + [
        prefix + path for path in ROBOTS_DISALLOWED_IN_EACH_LANGUAGE for prefix in prefixes
    ]
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in disallowed)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers and feed readers ask for whatever the page links to."""
    # From the source folder, where the file always is; else wherever collectstatic put it.
    source = finders.find("img/favicon.ico")
    file = open(source, "rb") if source else staticfiles_storage.open("img/favicon.ico")
    return FileResponse(file, content_type="image/x-icon")
