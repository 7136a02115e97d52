"""What the dashboard adds to portal's extension points: its admin page, the roles' access to
it, the nightly count of the public key figures and its demo data."""

from datetime import timedelta

from portal.accounts.roles import CASEWORKER, MANAGER, Grant, role_grants
from portal.accounts.sites import AdminPage, admin_pages
from portal.dashboard.demo import load_demo_dashboard
from portal.dashboard.public import key_figures, refresh_public_figures
from portal.demo import DemoLoader, demo_loaders
from portal.notifications.jobs import Job, worker_jobs
from portal.pages.home import KeyFigures, about_key_figures


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
    about_key_figures.register(KeyFigures(name="dashboard.public", figures=key_figures))
    worker_jobs.register(
        Job(name="dashboard.public_figures", run=refresh_public_figures, every=timedelta(days=1))
    )
    # After every app's loader (their history is what the report and the figures count).
    demo_loaders.register(DemoLoader(name="dashboard.demo", load=load_demo_dashboard, order=95))
