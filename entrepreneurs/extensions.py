"""What entrepreneurs adds to portal's extension points; EntrepreneursConfig.ready() calls
register()."""

from entrepreneurs.applications import extensions as applications
from entrepreneurs.courses import extensions as courses
from entrepreneurs.decisions import extensions as decisions
from portal.accounts.roles import CASEWORKER, MANAGER, Grant, role_grants

# Support schemes are the manager's to set up; a grant beyond the pool is the manager's to allow.
SCHEME_PERMISSIONS = frozenset(
    f"entrepreneurs.{action}_{model}"
    for action in ("add", "change", "delete")
    for model in ("supportscheme", "schemeperiod")
)
MANAGER_ONLY = SCHEME_PERMISSIONS | {"entrepreneurs.exceed_pool"}


def register() -> None:
    courses.register()
    applications.register()
    decisions.register()
    role_grants.register(
        Grant(name="entrepreneurs.caseworker", role=CASEWORKER, withheld=MANAGER_ONLY)
    )
    role_grants.register(
        Grant(name="entrepreneurs.manager", role=MANAGER, permissions=MANAGER_ONLY)
    )
