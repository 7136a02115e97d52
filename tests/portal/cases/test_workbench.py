"""The admin home shows the caseworker's day: counts that link into the filtered inbox."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.cases.models import Case
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def tile(html: str, label: str) -> tuple[int, str]:
    """The count and link of the tile with this label."""
    match = re.search(
        r'<a href="([^"]+)">\s*<span class="workbench-count">(\d+)</span>\s*'
        rf'<span class="workbench-label">{label}</span>',
        html,
    )
    assert match, f"no tile {label!r}"
    return int(match.group(2)), match.group(1).replace("&amp;", "&")


def test_admin_home_counts_the_caseworkers_day(caseworker_client, caseworker):
    today = timezone.localdate()
    CaseFactory(assignee=caseworker)
    CaseFactory(assignee=caseworker, status=Case.Status.CLOSED)
    CaseFactory(deadline=today - timedelta(days=1))
    CaseFactory(status=Case.Status.WAITING, assignee=caseworker)

    html = caseworker_client.get("/admin/").content.decode()

    assert tile(html, "Mine åbne sager")[0] == 2
    assert tile(html, "Sager uden sagsbehandler")[0] == 1
    assert tile(html, "Sager med overskredet frist")[0] == 1
    assert tile(html, "Sager der afventer henvender")[0] == 1


def test_new_answers_from_enquirers_have_a_tile_that_links_to_them(caseworker_client):
    replied = CaseFactory(enquirer_replied_at=timezone.now())
    quiet = CaseFactory()

    html = caseworker_client.get("/admin/").content.decode()
    count, url = tile(html, "Nye svar fra henvendere")
    listed = caseworker_client.get(url).content.decode()

    assert count == 1
    assert replied.reference in listed and quiet.reference not in listed


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Mine åbne sager", {"mine"}),
        ("Sager uden sagsbehandler", {"unassigned"}),
        ("Sager med overskredet frist", {"overdue"}),
        ("Sager der afventer henvender", {"waiting"}),
        ("Nye svar fra henvendere", {"replied"}),
    ],
)
def test_each_tile_links_to_exactly_its_cases(caseworker_client, caseworker, label, expected):
    today = timezone.localdate()
    cases = {
        "mine": CaseFactory(assignee=caseworker, subject="mine"),
        "unassigned": CaseFactory(subject="unassigned"),
        "overdue": CaseFactory(
            assignee=caseworker, subject="overdue", deadline=today - timedelta(days=3)
        ),
        "waiting": CaseFactory(status=Case.Status.WAITING, subject="waiting"),
        "closed": CaseFactory(status=Case.Status.CLOSED, subject="closed"),
        "replied": CaseFactory(
            status=Case.Status.IN_PROGRESS, subject="replied", enquirer_replied_at=timezone.now()
        ),
    }
    # The overdue case is also one of mine; the waiting one is unassigned.
    also = {
        "Mine åbne sager": {"overdue"},
        "Sager uden sagsbehandler": {"waiting", "replied"},
    }

    html = caseworker_client.get("/admin/").content.decode()
    _count, url = tile(html, label)
    listed = caseworker_client.get(url).content.decode()

    shown = {name for name, case in cases.items() if case.reference in listed}
    assert shown == expected | also.get(label, set())


def test_admin_home_costs_the_same_queries_with_10_and_100_cases(caseworker_client):
    CaseFactory.create_batch(10)
    caseworker_client.get("/admin/")  # fills the per-process caches: site settings, content types
    with CaptureQueriesContext(connection) as small:
        caseworker_client.get("/admin/")
    CaseFactory.create_batch(90)
    with CaptureQueriesContext(connection) as large:
        caseworker_client.get("/admin/")
    assert len(large) == len(small)


def test_staff_without_case_permissions_see_no_case_tiles(outsider_client):
    CaseFactory()
    assert "workbench-count" not in outsider_client.get("/admin/").content.decode()
