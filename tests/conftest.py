"""Test-only settings and the people in the stories, built from the real roles.

- `citizen`: anyone on the public site, not signed in (a plain client).
- `caseworker`: staff in the "Sagsbehandler" group.
- `manager`: staff in the "Leder" group.
- `outsider`: staff without a role: may sign in, may see nothing.

The groups are the ones the migration creates and `roles.sync_roles()` fills after `migrate`,
so a permission a role lacks fails here first. Every persona has the password PASSWORD, for the
tests that sign in through the sign-in page.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from portal.accounts import roles

PASSWORD = "en-god-lang-adgangskode"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _danish_again():
    """A request to /en/ or /de/ leaves its language active on the thread; the next test starts
    in Danish, as a new visitor does."""
    yield
    translation.activate("da")


def _staff(django_user_model, username: str, first_name: str, last_name: str, *role_names: str):
    user = django_user_model.objects.create_user(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@haderslev.dk",
        password=PASSWORD,
        is_staff=True,
    )
    # get(), not filter(): a role group the migration did not create fails loudly here.
    user.groups.set([Group.objects.get(name=name) for name in role_names])
    return user


@pytest.fixture
def citizen(client):
    """Anyone on the public site: not signed in."""
    return client


@pytest.fixture
def caseworker(django_user_model):
    return _staff(django_user_model, "sara", "Sara", "Sagsbehandler", roles.CASEWORKER)


@pytest.fixture
def manager(django_user_model):
    return _staff(django_user_model, "lene", "Lene", "Leder", roles.MANAGER)


@pytest.fixture
def outsider(django_user_model):
    """Staff without a role: may sign in, may see nothing."""
    return _staff(django_user_model, "per", "Per", "Praktikant")


@pytest.fixture
def caseworker_client(client, caseworker):
    client.force_login(caseworker)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


NEEDS_POSTGRESQL = "needs PostgreSQL (row locks, races): `make test-pg` runs it"


def pytest_configure(config):
    config.addinivalue_line("markers", f"postgresql: {NEEDS_POSTGRESQL}; skipped on SQLite")


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    for item in items:
        if item.get_closest_marker("postgresql"):
            item.add_marker(pytest.mark.skip(reason=NEEDS_POSTGRESQL))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say plainly, on SQLite, that the tests that need PostgreSQL did not run."""
    if connection.vendor == "postgresql":
        return
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "PostgreSQL" in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_sep(
            "=",
            f"{len(skipped)} tests need PostgreSQL (row locks, races, Danish full-text search) "
            f"and did not run on {connection.vendor}: `make test-pg` runs them",
            yellow=True,
            bold=True,
        )
