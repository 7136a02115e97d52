from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in: roles (groups), two-factor sign-in to the admin, lockout after failures."""

    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Brugere og log ind")

    def ready(self) -> None:
        from django.contrib import admin

        from portal.accounts import checks, extensions  # noqa: F401 - checks register themselves
        from portal.accounts.roles import sync_roles_after_migrate
        from portal.accounts.sites import StaffAdminSite

        # Every app registers with the default site, so change that site's class rather than
        # replace the object (the same way django-otp's own OTPAdminSite is installed).
        admin.site.__class__ = StaffAdminSite
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
        extensions.register()
