"""The registry's measures for success criterion 3, counted by hand in each test's comments."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.dashboard.compute import dashboard, figure
from portal.dashboard.measures import measures
from portal.dashboard.periods import Period
from portal.registry.measures import ATTRACTED, ESTABLISHED, IN_REGISTRY, RSV_REGISTERED
from portal.registry.models import Company
from portal.registry.services import company_for_cvr_or_draft
from tests.factories import CompanyFactory, valid_cvr
from tests.portal.registry.test_arrival import FORM

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
SOCIAL = Company.Kind.SOCIAL_ECONOMY
ORDINARY = Company.Kind.ORDINARY
IDEA = Company.Kind.STARTUP_IDEA
STARTED, MOVED = Company.Arrival.ESTABLISHED, Company.Arrival.ATTRACTED


def _company(created: datetime | None = None, **fields) -> Company:
    company = CompanyFactory(purpose_social=True, **fields)
    if created:
        Company.objects.filter(pk=company.pk).update(created_at=created)  # auto_now_add
    return company


def test_every_registry_measure_is_registered_for_criterion_3_and_public():
    for measure in (IN_REGISTRY, RSV_REGISTERED, ESTABLISHED, ATTRACTED):
        assert measures.get(measure.name) is measure
        assert measure.criterion == "new_enterprises"
        assert measure.public
        assert str(measure.label) and str(measure.explanation)


def test_social_economy_enterprises_are_counted_at_the_end_of_the_period():
    _company(datetime(2024, 6, 1, 12, tzinfo=CPH), kind=SOCIAL)  # 2024: both years
    _company(datetime(2025, 12, 31, 23, 30, tzinfo=CPH), kind=SOCIAL)  # the last half hour
    _company(datetime(2026, 1, 1, 0, 30, tzinfo=CPH), kind=SOCIAL)  # after 2025 ended
    # RSV-registered, though not classed so: the registry calls it social-economy too.
    _company(
        datetime(2025, 3, 1, 9, tzinfo=CPH),
        rsv_registered=True,
        rsv_registered_on=date(2025, 2, 1),
    )
    _company(datetime(2024, 1, 5, 9, tzinfo=CPH), kind=ORDINARY)  # never counted
    _company(datetime(2024, 1, 5, 9, tzinfo=CPH), kind=IDEA)  # an idea is not yet one

    result = figure(IN_REGISTRY, Period.year(2025))

    # End of 2025: June 2024, 31 December 2025, the RSV one = 3; end of 2024: June 2024 = 1.
    assert (result.value, result.previous) == (3, 1)
    # The trend is the stock at each month's end: 1 until February, 2 from March, 3 in December.
    months = dict(result.months)
    assert (months["2025-01"], months["2025-02"], months["2025-03"]) == (1, 1, 2)
    assert (months["2025-11"], months["2025-12"]) == (2, 3)


def test_the_stock_of_a_past_quarter_leaves_out_what_came_after():
    _company(datetime(2025, 2, 10, 9, tzinfo=CPH), kind=SOCIAL)
    _company(datetime(2025, 4, 1, 0, 10, tzinfo=CPH), kind=SOCIAL)  # the second quarter
    _company(datetime(2024, 3, 31, 23, 50, tzinfo=CPH), kind=SOCIAL)  # Q1 2024

    result = figure(IN_REGISTRY, Period.quarter(2025, 1))

    # End of Q1 2025: 10 February 2025 and 31 March 2024 = 2; end of Q1 2024: 31 March = 1.
    assert (result.value, result.previous) == (2, 1)


def test_rsv_registered_enterprises_count_from_the_day_they_were_registered():
    _company(rsv_registered=True, rsv_registered_on=date(2024, 5, 1))
    _company(rsv_registered=True, rsv_registered_on=date(2025, 12, 31))  # the last day
    _company(rsv_registered=True, rsv_registered_on=date(2026, 1, 1))  # after 2025
    _company(kind=SOCIAL)  # social-economy, but not registered

    result = figure(RSV_REGISTERED, Period.year(2025))

    # End of 2025: May 2024 and 31 December 2025 = 2; end of 2024: May 2024 = 1.
    assert (result.value, result.previous) == (2, 1)


def test_new_enterprises_established_here_count_in_the_year_they_started():
    _company(kind=SOCIAL, arrival=STARTED, arrived_on=date(2025, 1, 1))
    _company(kind=SOCIAL, arrival=STARTED, arrived_on=date(2025, 12, 31))  # 31 Dec: 2025
    _company(kind=SOCIAL, arrival=STARTED, arrived_on=date(2026, 1, 1))  # next year
    _company(kind=SOCIAL, arrival=STARTED, arrived_on=date(2024, 8, 15))  # the year before
    _company(kind=SOCIAL, arrival=MOVED, arrived_on=date(2025, 5, 1))  # moved here: not started
    _company(kind=ORDINARY, arrival=STARTED, arrived_on=date(2025, 6, 1))  # not social-economy
    # An idea the caseworker marked, but still an idea: not counted until it is an enterprise.
    idea = _company(kind=IDEA, arrival=STARTED, arrived_on=date(2025, 9, 1))

    result = figure(ESTABLISHED, Period.year(2025))

    # 2025: 1 January and 31 December = 2; 2024: 15 August = 1.
    assert (result.value, result.previous) == (2, 1)
    assert dict(result.months)["2025-12"] == 1

    # The idea became a social-economy enterprise: it counts in September, when it started.
    Company.objects.filter(pk=idea.pk).update(kind=SOCIAL)
    result = figure(ESTABLISHED, Period.year(2025))
    assert result.value == 3
    assert dict(result.months)["2025-09"] == 1


def test_enterprises_attracted_here_count_by_the_day_they_moved():
    _company(kind=SOCIAL, arrival=MOVED, arrived_on=date(2025, 3, 31))  # Q1 2025
    _company(kind=SOCIAL, arrival=MOVED, arrived_on=date(2025, 4, 1))  # Q2
    _company(kind=SOCIAL, arrival=MOVED, arrived_on=date(2024, 2, 29))  # Q1 2024
    _company(kind=SOCIAL, arrival=STARTED, arrived_on=date(2025, 2, 1))  # started, not moved
    # RSV-registered and moved here: social-economy by the registry's definition.
    _company(
        arrival=MOVED,
        arrived_on=date(2025, 1, 2),
        rsv_registered=True,
        rsv_registered_on=date(2020, 1, 1),
    )

    result = figure(ATTRACTED, Period.quarter(2025, 1))

    # Q1 2025: 31 March and 2 January = 2; Q1 2024: 29 February = 1.
    assert (result.value, result.previous) == (2, 1)


def test_the_registry_measures_for_a_year_take_a_bounded_number_of_queries(
    django_assert_max_num_queries,
):
    names = [IN_REGISTRY.name, RSV_REGISTERED.name, ESTABLISHED.name, ATTRACTED.name]
    for day in range(1, 29):
        _company(
            datetime(2025, 2, day, 9, tzinfo=CPH),
            kind=SOCIAL,
            arrival=STARTED if day % 2 else MOVED,
            arrived_on=date(2025, 2, day),
            rsv_registered=bool(day % 3),
            rsv_registered_on=date(2025, 2, day),
        )

    # In the registry: 2 + 2 for its months; RSV: 2; each flow: 1.
    with django_assert_max_num_queries(8):
        sections = dashboard(Period.year(2025), names=names)

    figures = {f.name: f for section in sections for f in section.figures}
    # Days 1–28: odd days started (14), even days moved (14); RSV unless divisible by 3 (19).
    assert figures[ESTABLISHED.name].value == 14
    assert figures[ATTRACTED.name].value == 14
    assert figures[RSV_REGISTERED.name].value == 19
    assert figures[IN_REGISTRY.name].value == 28


def test_a_company_drafted_from_a_public_form_counts_once_a_caseworker_has_saved_it(
    client, caseworker
):
    # A visitor asks for the directory with a CVR number nobody knows: the company is drafted
    # as social-economy on the visitor's word, and does not count yet.
    draft, created = company_for_cvr_or_draft(
        cvr=valid_cvr(901), name="Kaffebaren ApS", kind=Company.Kind.SOCIAL_ECONOMY, reason="test"
    )
    assert created and draft.needs_review
    this_year = Period.year(timezone.localdate().year)
    assert figure(IN_REGISTRY, this_year).value == 0

    client.force_login(caseworker)
    response = client.post(
        reverse("admin:registry_company_change", args=[draft.pk]),
        {
            **FORM,
            "name": "Kaffebaren ApS",
            "cvr": draft.cvr,
            "kind": Company.Kind.SOCIAL_ECONOMY,
            "purpose_social": "on",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert not draft.needs_review
    assert figure(IN_REGISTRY, this_year).value == 1
