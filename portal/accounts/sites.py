"""The admin site for staff: a password is not enough, the session must have a second factor.

AccountsConfig.ready() makes Django's default admin site (where every app registers its
ModelAdmins) an instance of this class.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from portal.accounts import twofactor, views
from portal.extensions import Registry


@dataclass(frozen=True)
class AdminPage:
    """A page of the admin that belongs to no model (the dashboard), at /admin/<route>, named
    "admin:<name>", behind the same sign-in and second factor as the rest of the admin."""

    name: str
    route: str
    view: Callable[[HttpRequest], HttpResponse]


admin_pages: Registry[AdminPage] = Registry("admin pages")


class StaffAdminSite(AdminSite):
    site_header = _("Socialøkonomi-portalen")
    site_title = _("Socialøkonomi-portalen")
    index_title = _("Sagsbehandling")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not twofactor.needs_second_factor(request)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # Signed in with a password but not yet verified: on to the code (or enrolment) page,
        # instead of Django's "you are not authorised" login form.
        if request.method == "GET" and twofactor.needs_second_factor(request):
            return HttpResponseRedirect(views.second_factor_url(request, request.GET.get("next")))
        response = super().login(request, extra_context)
        if (
            request.method == "POST"
            and response.status_code == 302
            and twofactor.needs_second_factor(request)
        ):
            return HttpResponseRedirect(views.second_factor_url(request, response.url))
        return response

    def admin_view(self, view, cacheable=False):
        # Inside the sign-in check: a visitor who is not signed in still meets the login page.
        return super().admin_view(views.refuse_nul_bytes(view), cacheable)

    def get_urls(self):
        return [
            *(
                path(page.route, self.admin_view(page.view), name=page.name)
                for page in admin_pages.entries()
            ),
            path("to-faktor/", views.verify, name="two-factor-verify"),
            path("to-faktor/opsaet/", views.enrol, name="two-factor-enrol"),
            path("to-faktor/reservekoder/", views.backup_codes, name="two-factor-backup-codes"),
            path("to-faktor/afbryd/", views.cancel, name="two-factor-cancel"),
            *super().get_urls(),
        ]
