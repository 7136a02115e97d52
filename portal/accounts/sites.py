"""The admin site for staff: a password is not enough, the session must have a second factor.

AccountsConfig.ready() makes Django's default admin site (where every app registers its
ModelAdmins) an instance of this class.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts import lockouts, twofactor, views
from portal.accounts.forms import StaffAuthenticationForm
from portal.extensions import Registry
from portal.pages.models import SiteSettings


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
    login_form = StaffAuthenticationForm
    logout_template = "admin/logged_out.html"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not twofactor.needs_second_factor(request)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # Signed in with a password but not yet verified: on to the code (or enrolment) page,
        # instead of Django's "you are not authorised" login form.
        if request.method == "GET" and twofactor.needs_second_factor(request):
            return HttpResponseRedirect(views.second_factor_url(request, request.GET.get("next")))
        response = super().login(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            if twofactor.needs_second_factor(request):
                return HttpResponseRedirect(views.second_factor_url(request, response.url))
            # Signed in without a second factor (the demo, or STAFF_REQUIRE_2FA off): whole.
            lockouts.end_failure_count(request, request.user)
        return response

    def each_context(self, request: HttpRequest) -> dict:
        # Under its own name: Django's sign-in and sign-out views put their own `site` (the
        # host) over the site settings' context processor.
        return {**super().each_context(request), "site_settings": SiteSettings.load()}

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict]:
        """Staff and locked accounts under one Danish heading, instead of Django's "users"."""
        app_list = super().get_app_list(request, app_label)
        if app_label not in (None, "auth"):
            return app_list
        # The manager's section: whoever may edit staff (auth) is the one who unlocks them.
        auth = next((app for app in app_list if app["app_label"] == "auth"), None)
        if auth is None:
            return app_list
        auth["name"] = _("Medarbejdere og log ind")
        for model in auth["models"]:
            if model["object_name"] == "User":
                model["name"] = _("Medarbejdere")
        if request.user.has_perm(views.UNLOCK_PERMISSION):
            auth["models"].append(
                {
                    "name": _("Låste konti"),
                    "object_name": "Lockout",
                    "perms": {"view": True},
                    "admin_url": reverse("admin:accounts-locked"),
                    "add_url": None,
                    "view_only": True,
                }
            )
        return app_list

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
            path(
                "to-faktor/reservekoder/reservekoder.txt",
                views.backup_codes_download,
                name="two-factor-backup-codes-download",
            ),
            path(
                "to-faktor/nye-reservekoder/",
                self.admin_view(views.new_backup_codes),
                name="two-factor-new-backup-codes",
            ),
            path(
                "adgangskode/<uidb64>/<token>/",
                views.set_password,
                name="accounts-set-password",
            ),
            path("to-faktor/afbryd/", views.cancel, name="two-factor-cancel"),
            *super().get_urls(),
        ]
