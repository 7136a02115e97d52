"""Demo data's extension point: each app registers a loader, `manage.py load_demo` runs them.

`portal` never imports an app, so an app adds its demo data in its extensions.py:

    demo_loaders.register(DemoLoader(name="guidance.articles", load=load_demo_articles))

A loader must be idempotent (update_or_create by a natural key): `make run` calls it every time.
Loaders run by `order`, then name; the core's own (site settings, the company registry) come
first, with orders below 10.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from portal.accounts.roles import CASEWORKER, MANAGER
from portal.extensions import Registry

DEMO_PASSWORD = "socialokonomi-demo"  # noqa: S105 - demo accounts, refused outside DEBUG
# The demo's staff: a caseworker and a manager, each with their role (portal/accounts/roles.py).
DEMO_STAFF = [
    ("sagsbehandler", "Demo", "Sagsbehandler", CASEWORKER),
    ("leder", "Demo", "Leder", MANAGER),
]
DEMO_CASEWORKER = DEMO_STAFF[0][0]


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[], object]
    order: int = 100


demo_loaders: Registry[DemoLoader] = Registry("demo loaders")


def demo_staff_user(username: str = DEMO_CASEWORKER):
    """A demo staff member, made with the demo password if missing; `load_demo` gives them
    their role after the loaders have run. For loaders whose rows name a caseworker."""
    username, first_name, last_name, _role = next(
        staff for staff in DEMO_STAFF if staff[0] == username
    )
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "is_staff": True},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
