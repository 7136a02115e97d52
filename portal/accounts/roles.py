"""The staff roles: which admin permissions each group gets, as data.

A role is a Django group. The groups are created by a migration; their permissions are set by
`sync_roles()`, which runs after every `migrate` (permissions only exist once Django has created
them after the migrations), so a model added later is picked up by the next `migrate`.

The table is the truth: `sync_roles()` sets each group's permissions to exactly what its role
grants, so a permission added to a group by hand in the admin is removed again. To change a
role, change the table, or, from an app's `AppConfig.ready()`, call `grant()`:

    grant(MANAGER, permissions=["privacy.view_report"])

Permissions that do not exist (an app that is not installed yet) are skipped.
"""

from dataclasses import dataclass, field

from django.apps import AppConfig
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CASEWORKER = "Sagsbehandler"
MANAGER = "Leder"


@dataclass
class Role:
    # Every permission of every model in these apps (by app label).
    apps: set[str] = field(default_factory=set)
    # Every permission of these models, as "app_label.modelname".
    models: set[str] = field(default_factory=set)
    # Single permissions, as "app_label.codename" (custom ones such as reports).
    permissions: set[str] = field(default_factory=set)
    # Roles whose permissions this role has too.
    includes: set[str] = field(default_factory=set)


# Cases, companies and contacts, the outbox, articles and outreach, and the three other
# principles' apps. Not users and groups, not the site settings, not reports or privacy.
CASEWORKER_APPS = {
    "cases",
    "registry",
    "notifications",
    "guidance",
    "partnerships",
    "entrepreneurs",
    "network",
}

ROLES: dict[str, Role] = {
    CASEWORKER: Role(apps=set(CASEWORKER_APPS)),
    MANAGER: Role(
        includes={CASEWORKER},
        # Users and groups; reports, the dashboard and privacy work (whatever those apps
        # define); lockouts (to unlock a colleague) and two-factor devices (to reset a lost one).
        apps={"auth", "dashboard", "privacy", "axes", "otp_totp", "otp_static"},
        models={"pages.sitesettings"},
    ),
}


def grant(
    role: str,
    *,
    apps: list[str] | tuple[str, ...] = (),
    models: list[str] | tuple[str, ...] = (),
    permissions: list[str] | tuple[str, ...] = (),
) -> None:
    """Add to a role; for apps that bring their own permissions (call it in ready())."""
    entry = ROLES[role]
    entry.apps.update(apps)
    entry.models.update(model.lower() for model in models)
    entry.permissions.update(permissions)


def role_permissions(role: str, *, using: str = "default") -> set[int]:
    """The ids of every existing permission the role grants, its included roles' too."""
    entry = ROLES[role]
    query = Q(content_type__app_label__in=entry.apps)
    for label in entry.models:
        app_label, model = label.split(".")
        query |= Q(content_type__app_label=app_label, content_type__model=model)
    for label in entry.permissions:
        app_label, codename = label.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    ids = set(Permission.objects.using(using).filter(query).values_list("id", flat=True))
    for included in entry.includes:
        ids |= role_permissions(included, using=using)
    return ids


def sync_roles(*, using: str = "default") -> None:
    """Create the role groups if missing and set their permissions to the table's. Idempotent."""
    for name in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(role_permissions(name, using=using))


def sync_roles_after_migrate(sender: AppConfig, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: runs once, after the last app's permissions were created."""
    last = [config for config in django_apps.get_app_configs() if config.models_module][-1]
    if sender.label == last.label:
        sync_roles(using=using)
