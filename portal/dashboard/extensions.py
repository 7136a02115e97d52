"""What the dashboard adds to portal's extension points: its admin page, the roles' access."""

from portal.accounts.roles import CASEWORKER, MANAGER, Grant, role_grants
from portal.accounts.sites import AdminPage, admin_pages


def register() -> None:
    from portal.dashboard.views import dashboard_view

    admin_pages.register(AdminPage(name="dashboard", route="maal/", view=dashboard_view))
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
