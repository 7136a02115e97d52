"""The dashboard in the admin: the strategy's measures for a period, with charts and tables."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.dashboard import charts, compute
from portal.dashboard.forms import choose_period, quick_periods
from portal.dashboard.periods import Period


def _page_for(period: Period) -> str:
    return reverse("admin:dashboard") + "?" + urlencode({"periode": period.slug})


def _reports_url(request: HttpRequest) -> str:
    if not request.user.has_perm("dashboard.view_committeereport"):
        return ""
    try:
        return reverse("admin:dashboard_committeereport_changelist")
    except NoReverseMatch:  # the reports' admin is not there
        return ""


def dashboard_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("dashboard.view_dashboard"):
        raise PermissionDenied
    today = timezone.localdate()
    choice = choose_period(request.GET, today)
    if choice.redirect_to is not None:
        return HttpResponseRedirect(_page_for(choice.redirect_to))
    # A period still running is compared with the same days a year before, not the whole year.
    period = choice.period.up_to(today)
    sections = [
        section
        for section in charts.present(compute.dashboard(period, user=request.user), period)
        if section.figures
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Strategiens mål"),
        "period": period,
        "before": period.year_before(),
        "choice": choice,
        "quick": [
            (label, _page_for(quick), quick.slug == period.slug)
            for label, quick in quick_periods(today)
        ],
        "sections": sections,
        "reports_url": _reports_url(request),
    }
    return TemplateResponse(request, "dashboard/dashboard.html", context)
