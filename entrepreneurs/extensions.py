"""What entrepreneurs adds to portal's extension points; EntrepreneursConfig.ready() calls
register()."""

from entrepreneurs.applications import extensions as applications
from entrepreneurs.courses import extensions as courses
from entrepreneurs.decisions import extensions as decisions
from entrepreneurs.demo_history import load_demo_entrepreneurs_history
from entrepreneurs.load import GENERATOR as LOAD_GENERATOR
from entrepreneurs.measures import ENTREPRENEURS_MEASURES
from portal.accounts.roles import CASEWORKER, MANAGER, Grant, role_grants
from portal.dashboard.measures import measures
from portal.demo import DemoLoader, demo_loaders
from portal.loadgen import load_generators

# Support schemes are the manager's to set up; a grant beyond the pool is the manager's to allow.
SCHEME_PERMISSIONS = frozenset(
    f"entrepreneurs.{action}_{model}"
    for action in ("add", "change", "delete")
    for model in ("supportscheme", "schemeperiod")
)
MANAGER_ONLY = SCHEME_PERMISSIONS | {"entrepreneurs.exceed_pool"}


def register() -> None:
    courses.register()
    load_generators.register(LOAD_GENERATOR)
    applications.register()
    decisions.register()
    role_grants.register(
        Grant(name="entrepreneurs.caseworker", role=CASEWORKER, withheld=MANAGER_ONLY)
    )
    role_grants.register(
        Grant(name="entrepreneurs.manager", role=MANAGER, permissions=MANAGER_ONLY)
    )
    # Success criterion 3: courses, applications, grants and pools (entrepreneurs/measures.py).
    for measure in ENTREPRENEURS_MEASURES:
        measures.register(measure)
    # Two years of held sessions and decided applications, after the courses' and decisions'.
    demo_loaders.register(
        DemoLoader(name="entrepreneurs.history", load=load_demo_entrepreneurs_history, order=85)
    )
