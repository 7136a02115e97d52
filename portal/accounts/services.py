"""Staff accounts: a manager adds and edits staff, and invites them to choose a password.

A new member of staff has no password. The invitation e-mail links to a page where they choose
one (Django's password-reset token: valid PASSWORD_RESET_TIMEOUT, and used once, since it dies
when the password changes); that page signs them in and lets this session, and no other, enrol
an authenticator app (twofactor.allow_enrolment).

The e-mail is the user name (the staff page says so), also after a manager changes it: the
user name follows the new e-mail, so what the staff page shows is what the user signs in with,
for every account, including those once made with another user name (manage.py, the demo).
A changed e-mail is how an account is taken over (a new link goes to the new address), so the
old address is told, by whom, and the change is in the user's admin history.
"""

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.notifications.services import queue_email
from portal.pages.models import SiteSettings


def set_password_url(user: AbstractBaseUser) -> str:
    """The absolute link to choose a password, for the e-mail."""
    path = reverse(
        "admin:accounts-set-password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def link_valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def queue_invitation(*, user: AbstractBaseUser, by: AbstractBaseUser) -> None:
    """E-mail `user` a link to choose a password and enrol two-factor sign-in."""
    queue_email(
        to=user.email,
        template="accounts/email/invitation",
        context={
            "user": user,
            "by": by,
            "link": set_password_url(user),
            "days": link_valid_days(),
            "site": SiteSettings.load(),
            "has_password": user.has_usable_password(),
            "caseworker_name": by.get_full_name() or by.get_username(),
        },
        about=user,
    )


@transaction.atomic
def reset_second_factor(*, user: AbstractBaseUser, by: AbstractBaseUser) -> None:
    """A lost phone: the authenticator app and the backup codes stop working, and the user
    gets a new link, through which alone they can enrol a new app (twofactor.may_enrol)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    queue_invitation(user=user, by=by)


@transaction.atomic
def add_staff_member(*, user: AbstractBaseUser, role: str, by: AbstractBaseUser) -> None:
    """Save a new member of staff (the staff form's unsaved user), give the role, invite."""
    user.username = user.email
    user.is_staff = True
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    set_role(user=user, role=role)
    queue_invitation(user=user, by=by)


@transaction.atomic
def save_staff_member(*, user: AbstractBaseUser, role: str, by: AbstractBaseUser) -> None:
    """Save a member of staff changed on the staff page, and their role. A changed e-mail
    becomes the user name too, the old address is told, and the change is logged."""
    old_email = get_user_model().objects.filter(pk=user.pk).values_list("email", flat=True).get()
    changed = old_email.lower() != user.email.lower()
    if changed:
        user.username = user.email
    user.save()
    set_role(user=user, role=role)
    if not changed:
        return
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message=_(
            "Ændrede e-mail fra %(old)s til %(new)s (også brugernavnet, der logges ind med)."
        )
        % {"old": old_email, "new": user.email},
        single_object=True,
    )
    if old_email:
        queue_email(
            to=old_email,
            template="accounts/email/email_changed",
            context={
                "user": user,
                "old_email": old_email,
                "site": SiteSettings.load(),
                "caseworker_name": by.get_full_name() or by.get_username(),
            },
            about=user,
        )


def set_role(*, user: AbstractBaseUser, role: str) -> None:
    """The user's one role group; any other group (or a raw permission) is taken away."""
    user.groups.set([Group.objects.get(name=role)])
    user.user_permissions.clear()


def staff_members():
    """Staff a manager works with: never superusers, who are made with `manage.py`."""
    return get_user_model().objects.filter(is_staff=True, is_superuser=False)
