"""What the dashboard adds to portal's extension points: the roles' access to it."""

from portal.accounts.roles import CASEWORKER, MANAGER, Grant, role_grants


def register() -> None:
    # The caseworker sees the measures and reads the reports; the manager also writes the
    # reports, makes them final and chooses the public key figures.
    role_grants.register(
        Grant(
            name="dashboard.caseworker",
            role=CASEWORKER,
            permissions=frozenset({"dashboard.view_dashboard", "dashboard.view_committeereport"}),
        )
    )
    role_grants.register(
        Grant(name="dashboard.manager", role=MANAGER, apps=frozenset({"dashboard"}))
    )
