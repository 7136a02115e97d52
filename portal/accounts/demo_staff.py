"""The demo's staff accounts, with the published demo password: `make run` creates them, and
the sign-in refuses that password when DEBUG is off (portal.accounts.forms, checks)."""

from django.contrib.auth import get_user_model

from portal.accounts.roles import CASEWORKER, MANAGER

DEMO_PASSWORD = "socialokonomi-demo"  # noqa: S105 - demo accounts, refused outside DEBUG
# The demo's staff: a caseworker and a manager, each with their role (portal/accounts/roles.py).
DEMO_STAFF = [
    ("sagsbehandler", "Demo", "Sagsbehandler", CASEWORKER),
    ("leder", "Demo", "Leder", MANAGER),
]
DEMO_CASEWORKER = DEMO_STAFF[0][0]


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
