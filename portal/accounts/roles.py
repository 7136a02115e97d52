"""The staff roles: which admin permissions each group gets, as data.

A role is a Django group. The groups are created by a migration; their permissions are set by
`sync_roles()`, which runs after every `migrate` (permissions only exist once Django has created
them after the migrations), so a model added later is picked up by the next `migrate`.

What a role grants is the sum of its Grants in `role_grants`: portal's own (core_grants(),
registered by portal/accounts/extensions.py) and any an app adds from its extensions.py:

    role_grants.register(
        Grant(name="network.reports", role=MANAGER, permissions=frozenset({"network.view_report"}))
    )

A grant may also withhold permissions that the role's other grants would give (`withheld`);
a role that includes it (the manager includes the caseworker) may grant them again.

The grants are the truth: `sync_roles()` sets each group's permissions to exactly what its
grants give, so a permission added to a group by hand in the admin is removed again.
Permissions that do not exist (an app that is not installed yet) are skipped.
"""

from dataclasses import dataclass

from django.apps import AppConfig
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from portal.extensions import Registry, feature_apps

CASEWORKER = "Sagsbehandler"
MANAGER = "Leder"

# The roles, and the roles whose permissions each one has too.
ROLES: dict[str, frozenset[str]] = {
    CASEWORKER: frozenset(),
    MANAGER: frozenset({CASEWORKER}),
}


@dataclass(frozen=True)
class Grant:
    name: str
    role: str
    # Every permission of every model in these apps (by app label).
    apps: frozenset[str] = frozenset()
    # Every permission of these models, as "app_label.modelname".
    models: frozenset[str] = frozenset()
    # Single permissions, as "app_label.codename" (custom ones such as reports).
    permissions: frozenset[str] = frozenset()
    # Permissions, as "app_label.codename", this role does not get from any of its own grants
    # (the caseworker works every feature app, but does not edit a support scheme). A role
    # that includes this one may grant them again.
    withheld: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"no role {self.role!r}")


role_grants: Registry[Grant] = Registry("roles")


def core_grants() -> list[Grant]:
    """What portal itself grants.

    A caseworker works cases, companies and contacts, the outbox, and every feature app
    (settings.FEATURE_APPS); not staff, not the site settings, not privacy work. A manager also
    adds and edits staff on the staff page (view, add and change users; not delete them, and
    never groups or raw permissions: the staff page gives a role and nothing else), privacy work
    (reports, retention), lockouts (to unlock a colleague), and the site settings. Not the
    two-factor devices: the staff page's reset action needs only auth.change_user, and the raw
    device tables would show (and let a manager add) a colleague's authenticator key.
    """
    return [
        Grant(
            name="portal.caseworker",
            role=CASEWORKER,
            apps=frozenset(
                {
                    "cases",
                    "registry",
                    "notifications",
                    "registrations",
                    *(app.label for app in feature_apps()),
                }
            ),
        ),
        Grant(
            name="portal.manager",
            role=MANAGER,
            apps=frozenset({"privacy", "axes"}),
            models=frozenset({"pages.sitesettings"}),
            permissions=frozenset({"auth.view_user", "auth.add_user", "auth.change_user"}),
        ),
    ]


def role_permissions(role: str, *, using: str = "default") -> set[int]:
    """The ids of every existing permission the role grants, its included roles' too."""
    query = Q(pk__in=[])
    withheld = Q(pk__in=[])
    for grant in role_grants.entries():
        if grant.role != role:
            continue
        for label in grant.withheld:
            app_label, codename = label.split(".")
            withheld |= Q(content_type__app_label=app_label, codename=codename)
        query |= Q(content_type__app_label__in=grant.apps)
        for label in grant.models:
            app_label, model = label.lower().split(".")
            query |= Q(content_type__app_label=app_label, content_type__model=model)
        for label in grant.permissions:
            app_label, codename = label.split(".")
            query |= Q(content_type__app_label=app_label, codename=codename)
    ids = set(
        Permission.objects.using(using).filter(query).exclude(withheld).values_list("id", flat=True)
    )
    for included in ROLES[role]:
        ids |= role_permissions(included, using=using)
    return ids


def sync_roles(*, using: str = "default") -> None:
    """Create the role groups if missing and set their permissions to the grants'. Idempotent."""
    for name in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(role_permissions(name, using=using))


def sync_roles_after_migrate(sender: AppConfig, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: runs once, after the last app's permissions were created."""
    last = [config for config in django_apps.get_app_configs() if config.models_module][-1]
    if sender.label == last.label:
        sync_roles(using=using)
