"""The dashboard in the admin: the strategy's measures for a period, with charts and tables."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def dashboard_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("dashboard.view_dashboard"):
        raise PermissionDenied
    return HttpResponse("Strategiens mål")
