"""Two-factor sign-in for staff: who needs it, enrolment, codes and backup codes.

A staff user signs in with a password, then proves a second factor: a TOTP code from an
authenticator app, or one of ten single-use backup codes. Until then the session is
authenticated but not verified, and the admin site (see sites.py) lets nobody in.

Wrong codes count as failed sign-ins for django-axes, so passwords and codes share one budget
(portal/accounts/lockouts.py) before sign-in is locked, and a whole sign-in ends the count from
its address; a code refused because django-otp makes the user wait is not checked and counts for
nothing.
Besides, after STAFF_2FA_MAX_FAILURES wrong codes in one session the user is signed out, and
django-otp's own throttling makes each wrong code wait longer before the next is tried.

An app is enrolled only in a session that came through the set-password link e-mailed to the
user (allow_enrolment, may_enrol), never from a password alone.
"""

from base64 import b32encode

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import logout, user_login_failed
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import lockouts

BACKUP_CODE_COUNT = 10
DEVICE_NAME = _("Godkendelsesapp")
BACKUP_DEVICE_NAME = _("Reservekoder")
_FAILURES_SESSION_KEY = "accounts_2fa_failures"
# Set by the page the invitation links to: this session may enrol an app for this user.
_ENROL_SESSION_KEY = "accounts_may_enrol"


def two_factor_required(user: AbstractBaseUser) -> bool:
    """Whether this staff user must give a second factor (the demo user may not, with DEBUG)."""
    if not settings.STAFF_REQUIRE_2FA:
        return False
    exempt = settings.DEBUG and user.get_username() in settings.DEMO_2FA_EXEMPT_USERNAMES
    return not exempt


def is_verified(user: AbstractBaseUser) -> bool:
    # OTPMiddleware adds is_verified(); a user just signed in by LoginView does not have it
    # yet, and is not verified either.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def needs_second_factor(request: HttpRequest) -> bool:
    """Signed in as active staff with a password, but the second factor is still missing."""
    user = request.user
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and two_factor_required(user)
        and not is_verified(user)
    )


def allow_enrolment(request: HttpRequest) -> None:
    """This session came through the set-password link: it may enrol the user's first app."""
    request.session[_ENROL_SESSION_KEY] = request.user.pk


def may_enrol(request: HttpRequest) -> bool:
    """Whether this session may enrol an app: only one that came through the link e-mailed to
    the user, never one that only gave the password (whoever used it first would own the
    account)."""
    return request.session.get(_ENROL_SESSION_KEY) == request.user.pk


def signed_in(request: HttpRequest, device) -> None:
    """The second factor is given: the session is verified and the failure count ends."""
    otp_login(request, device)
    request.session.pop(_FAILURES_SESSION_KEY, None)
    request.session.pop(_ENROL_SESSION_KEY, None)
    lockouts.end_failure_count(request, request.user)


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed device being enrolled; the same key on every reload until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(DEVICE_NAME), confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, as authenticator apps accept it typed in."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def confirm_enrolment(*, request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with its current code: verify the session and return new backup codes.

    Returns None, and changes nothing, if the code is wrong.
    """
    if not device.verify_token(normalise_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Only one app per user: an older, abandoned enrolment must not stay valid.
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    codes = replace_backup_codes(device.user)
    signed_in(request, device)
    return codes


@transaction.atomic
def replace_backup_codes(user: AbstractBaseUser) -> list[str]:
    """Ten new single-use backup codes; any earlier ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": str(BACKUP_DEVICE_NAME), "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(*, request: HttpRequest, code: str) -> bool:
    """Verify the session with a code from the app or a backup code (which is then used up)."""
    user = request.user
    code = normalise_code(code)
    if code.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        if device.verify_token(code):
            signed_in(request, device)
            return True
    return False


def is_throttled(user: AbstractBaseUser) -> bool:
    """Whether django-otp makes the user wait after recent wrong codes."""
    devices = [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]
    return any(not device.verify_is_allowed()[0] for device in devices)


def is_locked_out(request: HttpRequest) -> bool:
    """Whether django-axes has locked the signed-in user's account (wrong passwords or codes)."""
    if not settings.AXES_ENABLED:
        return False
    credentials = {"username": request.user.get_username()}
    return AxesProxyHandler.is_locked(request, credentials)


def note_wrong_code(request: HttpRequest) -> bool:
    """Count a wrong code; sign the user out (and return True) when that was one too many."""
    # A wrong code is a failed sign-in to django-axes, which may lock the account now.
    user_login_failed.send(
        sender=__name__, credentials={"username": request.user.get_username()}, request=request
    )
    failures = request.session.get(_FAILURES_SESSION_KEY, 0) + 1
    if failures >= settings.STAFF_2FA_MAX_FAILURES or getattr(request, "axes_locked_out", False):
        logout(request)
        return True
    request.session[_FAILURES_SESSION_KEY] = failures
    return False
