"""Signing in to the admin: choose a password from the invitation, enrol an authenticator app
or give a code, backup codes; and the manager's page of locked accounts."""

import time
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.accounts import lockouts, twofactor
from portal.accounts.forms import ChoosePasswordForm, CodeForm, EnrolmentForm
from portal.pages.models import SiteSettings

_BACKUP_CODES_SESSION_KEY = "accounts_new_backup_codes"
_SHOWN_CODES_SESSION_KEY = "accounts_shown_backup_codes"
# How long after the backup codes were shown they can still be downloaded.
SHOWN_CODES_SECONDS = 15 * 60


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """Where to go after signing in: the requested admin page, never another site."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def second_factor_url(request: HttpRequest, next_url: str | None) -> str:
    name = "admin:two-factor-verify"
    if twofactor.confirmed_device(request.user) is None:
        name = "admin:two-factor-enrol"
    return f"{reverse(name)}?{urlencode({'next': safe_next(request, next_url)})}"


def refuse_nul_bytes(view: Callable) -> Callable:
    """An admin address whose search or filters hold a NUL byte gets a plain 400 page.

    PostgreSQL cannot store or compare text with a NUL byte, so such a query would end in a 500.
    Nobody types one: it is a probe, or a mangled link.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            back = request.path if request.path.endswith("/") else reverse("admin:index")
            return _page(
                request,
                "accounts/bad_address.html",
                {"title": _("Adressen kan ikke bruges"), "back": back},
                status=400,
            )
        return view(request, *args, **kwargs)

    return wrapper


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render(request, template, {**admin.site.each_context(request), **context}, status=status)


def signed_in_with_password(view: Callable) -> Callable:
    """Only for active staff who gave their password and still need the second factor."""

    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect("admin:login")
        if not twofactor.needs_second_factor(request):
            return HttpResponseRedirect(safe_next(request, request.GET.get("next")))
        return view(request)

    return wrapper


def _qr_code_svg(data: str) -> SafeString:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathFillImage, border=2)
    svg = image.to_string(encoding="unicode")
    # The SVG is generated here from the device's URL, never from user input.
    label = format_html(
        '<svg role="img" aria-label="{}" class="two-factor-qr" ',
        _("QR-kode til godkendelsesappen"),
    )
    return mark_safe(svg.replace("<svg ", label, 1))  # noqa: S308


def _wrong_code(request: HttpRequest, form: CodeForm) -> HttpResponse | None:
    """Count a wrong code; a response when the user is signed out because of it."""
    if twofactor.note_wrong_code(request):
        if getattr(request, "axes_locked_out", False):
            return lockout(request)
        messages.error(request, _("Du har skrevet en forkert kode for mange gange. Log ind igen."))
        return redirect("admin:login")
    form.add_error("code", _("Koden er forkert. Prøv igen."))
    return None


@signed_in_with_password
def enrol(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, request.GET.get("next") or request.POST.get("next"))
    if twofactor.confirmed_device(request.user) is not None:
        # Someone who only knows the password must not be able to add their own app.
        return HttpResponseRedirect(second_factor_url(request, next_url))
    if twofactor.is_locked_out(request):
        logout(request)
        return lockout(request)
    if not twofactor.may_enrol(request):
        return _page(
            request,
            "accounts/enrol_refused.html",
            {"title": _("Brug linket i din invitation")},
            status=403,
        )
    device = twofactor.pending_device(request.user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.is_throttled(request.user):
            form.add_error("code", _("Vent et øjeblik, og prøv så igen med en ny kode."))
        else:
            codes = twofactor.confirm_enrolment(
                request=request, device=device, code=form.cleaned_data["code"]
            )
            if codes is not None:
                return _show_backup_codes(request, codes, next_url)
            if response := _wrong_code(request, form):
                return response
    return _page(
        request,
        "accounts/enrol.html",
        {
            "title": _("Slå totrinsbekræftelse til"),
            "form": form,
            "next": next_url,
            "qr_code": _qr_code_svg(device.config_url),
            "secret": twofactor.secret_for_display(device),
        },
    )


@signed_in_with_password
def verify(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, request.GET.get("next") or request.POST.get("next"))
    if twofactor.confirmed_device(request.user) is None:
        return HttpResponseRedirect(second_factor_url(request, next_url))
    if twofactor.is_locked_out(request):
        logout(request)
        return lockout(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.is_throttled(request.user):
            form.add_error("code", _("Vent et øjeblik, og prøv så igen med en ny kode."))
        elif twofactor.verify_code(request=request, code=form.cleaned_data["code"]):
            return HttpResponseRedirect(next_url)
        elif response := _wrong_code(request, form):
            return response
    return _page(
        request,
        "accounts/verify.html",
        {"title": _("Bekræft, at det er dig"), "form": form, "next": next_url},
    )


def _show_backup_codes(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    request.session[_BACKUP_CODES_SESSION_KEY] = codes
    return redirect(f"{reverse('admin:two-factor-backup-codes')}?{urlencode({'next': next_url})}")


@never_cache
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, shown once, right after they were made; for a short while after,
    the same codes can be downloaded as a text file (backup_codes_download)."""
    next_url = safe_next(request, request.GET.get("next"))
    codes = request.session.pop(_BACKUP_CODES_SESSION_KEY, None)
    if not codes or not request.user.is_authenticated:
        return HttpResponseRedirect(next_url)
    request.session[_SHOWN_CODES_SESSION_KEY] = {"codes": codes, "at": time.time()}
    return _page(
        request,
        "accounts/backup_codes.html",
        {"title": _("Dine reservekoder"), "codes": codes, "next": next_url},
    )


@never_cache
def backup_codes_download(request: HttpRequest) -> HttpResponse:
    """The codes just shown, as reservekoder.txt, within SHOWN_CODES_SECONDS of showing them."""
    shown = request.session.get(_SHOWN_CODES_SESSION_KEY)
    if (
        not request.user.is_authenticated
        or not shown
        or time.time() - shown["at"] > SHOWN_CODES_SECONDS
    ):
        request.session.pop(_SHOWN_CODES_SESSION_KEY, None)
        messages.error(
            request,
            _(
                "Reservekoderne kan kun hentes lige efter, at de er lavet. "
                "Lav nye, hvis du mangler dem."
            ),
        )
        return redirect("admin:index")
    site = SiteSettings.load()
    lines = [
        _("Reservekoder til Socialøkonomi-portalen (%(municipality)s)")
        % {"municipality": site.municipality_name},
        _("Bruger: %(username)s") % {"username": request.user.get_username()},
        _("Lavet: %(when)s") % {"when": date_format(timezone.localtime(), "j. F Y H:i")},
        _("Hver kode virker én gang. Gem filen et sikkert sted, ikke på en delt computer."),
        "",
        *shown["codes"],
    ]
    response = HttpResponse("\r\n".join(lines) + "\r\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reservekoder.txt"'
    return response


@never_cache
def new_backup_codes(request: HttpRequest) -> HttpResponse:
    """A signed-in, verified user makes ten new backup codes; the old ones stop working."""
    if request.method == "POST":
        codes = twofactor.replace_backup_codes(request.user)
        messages.success(request, _("Du har fået nye reservekoder. De gamle virker ikke længere."))
        return _show_backup_codes(request, codes, reverse("admin:two-factor-new-backup-codes"))
    return _page(
        request,
        "accounts/new_backup_codes.html",
        {
            "title": _("Reservekoder"),
            "remaining": twofactor.backup_codes_left(request.user),
        },
    )


class ChoosePasswordView(PasswordResetConfirmView):
    """The page the invitation links to: choose a password, then enrol two-factor sign-in.

    Django's reset view checks the token (valid PASSWORD_RESET_TIMEOUT, dead once the password
    changes) and moves it out of the address before the form is shown.
    """

    form_class = ChoosePasswordForm
    template_name = "accounts/set_password.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("admin:index")
    title = gettext_lazy("Vælg din adgangskode")

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}

    def form_valid(self, form):
        super().form_valid(form)
        if not (self.user.is_active and self.user.is_staff):
            logout(self.request)
            return redirect("admin:login")
        twofactor.allow_enrolment(self.request)
        messages.success(self.request, _("Din adgangskode er gemt."))
        if twofactor.needs_second_factor(self.request):
            return HttpResponseRedirect(second_factor_url(self.request, reverse("admin:index")))
        return redirect("admin:index")


set_password = ChoosePasswordView.as_view()


@require_POST
def cancel(request: HttpRequest) -> HttpResponse:
    """Sign out from the code or enrolment page (the admin's own logout needs a full sign-in)."""
    logout(request)
    return redirect("admin:login")


def lockout(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page django-axes shows (AXES_LOCKOUT_CALLABLE) when an account is locked."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _page(
        request,
        "accounts/lockout.html",
        {"title": _("Kontoen er låst"), "minutes": minutes},
        status=429,
    )


# Unlocking forgets failed sign-ins: the same permission axes' own admin asked to delete them.
UNLOCK_PERMISSION = "axes.delete_accessattempt"


@never_cache
def locked_accounts(request: HttpRequest) -> HttpResponse:
    """The manager's list of locked user names, each with a "Lås op" button."""
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied
    return _page(
        request,
        "accounts/locked_accounts.html",
        {
            "title": _("Låste konti"),
            "lockouts": lockouts.locked_accounts(),
            "per_address": settings.STAFF_LOCKOUT_PER_ADDRESS,
            "per_username": settings.STAFF_LOCKOUT_PER_USERNAME,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied
    username = request.POST.get("username", "")
    if lockouts.unlock(username=username, by=request.user):
        messages.success(
            request, _("Brugernavnet »%(username)s« kan logge ind igen.") % {"username": username}
        )
    else:
        messages.info(
            request, _("Brugernavnet »%(username)s« var ikke låst.") % {"username": username}
        )
    return redirect("admin:accounts-locked")
