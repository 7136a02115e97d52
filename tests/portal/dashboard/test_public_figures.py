"""The public key figures: chosen by the manager among the public measures, counted on save
and each night, shown on /om/ with the day they were counted, in one query."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from portal.dashboard import public
from portal.dashboard.demo import load_demo_dashboard
from portal.dashboard.measures import measures
from portal.dashboard.models import CommitteeReport, PublicFigure
from portal.notifications.jobs import worker_jobs
from tests.portal.dashboard.reportdata import (
    ALL,
    CPH,
    GRANTED,
    NEW_COMPANIES,
    NOT_PUBLIC,
    SOCIAL_ECONOMY,
    company,
    third_quarters,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _measures():
    with measures.only(*ALL):
        yield


def _add(client, **data):
    return client.post(
        reverse("admin:dashboard_publicfigure_add"),
        {"scope": "this_year", "label": "", "position": "1", **data},
    )


def test_the_manager_may_choose_only_a_public_measure(manager_client):
    page = manager_client.get(reverse("admin:dashboard_publicfigure_add")).content.decode()
    assert "Nye virksomheder i registret" in page
    assert "Ikke offentligt" not in page

    for name in [NOT_PUBLIC.name, GRANTED.name, "tests.unknown"]:
        response = _add(manager_client, measure=name)
        assert response.status_code == 200
        assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not PublicFigure.objects.exists()


def test_caseworker_and_outsider_do_not_choose_the_figures(client, caseworker, outsider):
    for user in (caseworker, outsider):
        client.force_login(user)
        assert client.get(reverse("admin:dashboard_publicfigure_add")).status_code == 403
        assert _add(client, measure=NEW_COMPANIES.name).status_code == 403
    assert not PublicFigure.objects.exists()


def test_saving_counts_the_figure_and_a_stock_is_always_today(manager_client):
    # This year up to today: 3 in Q3 2026 and 1 in Q4 (1 October). Social-economy ones today:
    # 1 from 2024, 1 from 2025, 2 from 2026 = 4.
    third_quarters()

    _add(manager_client, measure=NEW_COMPANIES.name)
    _add(manager_client, measure=SOCIAL_ECONOMY.name, scope="last_year", position="2")

    flow, stock = PublicFigure.objects.all()
    assert (flow.value, flow.counted_on) == (Decimal(4), timezone.localdate())
    assert (stock.scope, stock.value) == ("now", Decimal(4))


def test_the_nightly_job_counts_every_figure_for_its_scope():
    third_quarters()
    this_year = PublicFigure.objects.create(measure=NEW_COMPANIES.name, scope="this_year")
    last_year = PublicFigure.objects.create(measure=NEW_COMPANIES.name, scope="last_year")
    ever = PublicFigure.objects.create(measure=NEW_COMPANIES.name, scope="now")
    gone = PublicFigure.objects.create(measure="tests.removed", scope="now")

    assert public.refresh_public_figures(TODAY) == 3

    # 2026 up to 1 December: 4; all of 2025: 2; since 2001: 1 + 2 + 4 = 7.
    values = {row.pk: row.value for row in PublicFigure.objects.all()}
    assert values == {
        this_year.pk: Decimal(4),
        last_year.pk: Decimal(2),
        ever.pk: Decimal(7),
        gone.pk: None,
    }
    assert worker_jobs.get("dashboard.public_figures").run == public.refresh_public_figures


def test_the_about_page_shows_the_figures_with_the_day_they_were_counted(client):
    third_quarters()
    PublicFigure.objects.create(measure=SOCIAL_ECONOMY.name, scope="now", position=2)
    PublicFigure.objects.create(
        measure=NEW_COMPANIES.name, scope="this_year", label="Nye i år", position=1
    )
    public.refresh_public_figures(TODAY)
    company(datetime(2026, 3, 1, 12, tzinfo=CPH))  # two more this year, counted only tonight
    company(datetime(2026, 3, 2, 12, tzinfo=CPH))

    page = client.get(reverse("pages:about")).content.decode()

    assert "Nøgletal" in page
    assert page.index("Nye i år") < page.index("Socialøkonomiske virksomheder")
    assert '<span lang="da">Nye i år</span>' in page
    assert "Opgjort den 1. december 2026" in page
    # The stored numbers, not today's: 4 this year then, 6 now.
    assert [figure.number for figure in public.key_figures()] == ["4", "4"]
    assert ">6<" not in page

    with translation.override("en"):
        english = client.get(reverse("pages:about")).content.decode()
    assert '<span lang="da">Nye i år</span>' in english


def test_the_about_page_has_no_key_figures_section_without_figures(client):
    PublicFigure.objects.create(measure=NEW_COMPANIES.name)  # not counted yet

    assert "Nøgletal" not in client.get(reverse("pages:about")).content.decode()


def test_a_large_number_is_written_the_danish_way():
    row = PublicFigure.objects.create(measure=NEW_COMPANIES.name)
    PublicFigure.objects.filter(pk=row.pk).update(value=Decimal(1234), counted_on=TODAY)

    [figure] = public.key_figures()

    assert figure.number == "1.234"
    assert figure.label == "Nye virksomheder i registret"
    assert not figure.label_is_danish


def test_the_figures_cost_one_query_however_many(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("pages:about")).status_code == 200
        return len(captured)

    PublicFigure.objects.create(measure=NEW_COMPANIES.name, value=1, counted_on=TODAY)
    queries()  # the site settings and the rest, cached from here on
    one = queries()
    PublicFigure.objects.create(measure=SOCIAL_ECONOMY.name, scope="now", value=2, counted_on=TODAY)
    PublicFigure.objects.create(
        measure=NEW_COMPANIES.name, scope="last_year", value=3, counted_on=TODAY
    )

    assert queries() == one


def test_the_demo_makes_a_draft_report_and_the_figures_once():
    third_quarters()

    load_demo_dashboard()
    load_demo_dashboard()

    report = CommitteeReport.objects.get()
    assert report.status == "draft"
    assert report.title.startswith("Socialøkonomi i ")
    # Two public measures here (the test registry's), both chosen, both counted today.
    assert sorted(PublicFigure.objects.values_list("measure", "scope")) == [
        (NEW_COMPANIES.name, "this_year"),
        (SOCIAL_ECONOMY.name, "now"),
    ]
    assert all(row.counted_on == timezone.localdate() for row in PublicFigure.objects.all())
