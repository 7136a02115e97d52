"""The manager's team view on the admin home: open and overdue cases per caseworker, and the
unassigned ones, each count a link to exactly those cases."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.accounts import roles
from portal.cases import services
from portal.cases.models import Case
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def team_row(html: str, name: str) -> list[tuple[int, str]]:
    """The (count, link) cells of the team view's row for `name`."""
    match = re.search(rf'<th scope="row">{re.escape(name)}</th>(.*?)</tr>', html, re.DOTALL)
    assert match, f"no row for {name!r}"
    cells = re.findall(r'<a href="([^"]+)">(\d+)<span', match.group(1))
    return [(int(count), url.replace("&amp;", "&")) for url, count in cells]


@pytest.fixture
def colleague(django_user_model):
    user = django_user_model.objects.create_user(
        username="ole", first_name="Ole", last_name="Olsen", is_staff=True
    )
    user.groups.set([Group.objects.get(name=roles.CASEWORKER)])
    return user


def test_the_manager_sees_open_and_overdue_per_caseworker(manager_client, caseworker, colleague):
    today = timezone.localdate()
    for deadline in (today - timedelta(days=2), today + timedelta(days=3)):
        services.assign(case=CaseFactory(deadline=deadline), to=caseworker, by=caseworker)
    closed = CaseFactory(status=Case.Status.CLOSED)
    services.assign(case=closed, to=caseworker, by=caseworker)
    CaseFactory(deadline=today - timedelta(days=1))

    html = manager_client.get("/admin/").content.decode()

    assert "Teamets sager" in html
    assert [count for count, _url in team_row(html, "Sara Sagsbehandler")] == [2, 1]
    assert [count for count, _url in team_row(html, "Ole Olsen")] == [0, 0]
    assert [count for count, _url in team_row(html, "Uden sagsbehandler")] == [1, 1]


def test_each_team_count_links_to_exactly_its_cases(manager_client, caseworker):
    today = timezone.localdate()
    late = CaseFactory(deadline=today - timedelta(days=2), subject="sen")
    on_time = CaseFactory(subject="til tiden")
    for case in (late, on_time):
        services.assign(case=case, to=caseworker, by=caseworker)
    nobodys = CaseFactory(subject="ingens")

    html = manager_client.get("/admin/").content.decode()
    (_n, open_url), (_m, overdue_url) = team_row(html, "Sara Sagsbehandler")
    (_o, unassigned_url), _overdue = team_row(html, "Uden sagsbehandler")

    def listed(url: str) -> set[str]:
        page = manager_client.get(url).content.decode()
        return {case.reference for case in (late, on_time, nobodys) if case.reference in page}

    assert listed(open_url) == {late.reference, on_time.reference}
    assert listed(overdue_url) == {late.reference}
    assert listed(unassigned_url) == {nobodys.reference}


def test_a_caseworker_sees_no_team_view(caseworker_client):
    CaseFactory()
    assert "Teamets sager" not in caseworker_client.get("/admin/").content.decode()


def test_the_team_view_costs_the_same_queries_with_more_cases_and_caseworkers(
    manager_client, caseworker, colleague
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            manager_client.get("/admin/")
        return len(queries)

    for person in (caseworker, colleague):
        services.assign(case=CaseFactory(), to=person, by=person)
    manager_client.get("/admin/")  # fills the per-process caches
    few = count()
    for person in (caseworker, colleague):
        for _ in range(10):
            services.assign(case=CaseFactory(), to=person, by=person)

    assert count() == few
