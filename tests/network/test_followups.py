"""Aftercare: follow-ups planned and closed in the admin, the next one in the same step."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from network.demo_followups import load_demo_follow_ups
from network.followups import complete_follow_up, plan_follow_up
from network.models import FollowUp
from portal.admin_display import danish_date
from portal.registry.demo import load_demo_companies
from portal.registry.dialogue import end_of_week
from tests.factories import CompanyFactory
from tests.network.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:network_followup_add")
CHANGELIST = reverse("admin:network_followup_changelist")
TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def _change_url(follow_up: FollowUp) -> str:
    return reverse("admin:network_followup_change", args=[follow_up.pk])


def _change_form(follow_up: FollowUp, **changes) -> dict:
    return {
        "company": follow_up.company_id,
        "topics": follow_up.topics,
        "due_on": follow_up.due_on.isoformat(),
        "assignee": follow_up.assignee_id,
        "agenda": follow_up.agenda,
        "outcome": "",
        "done_on": "",
        "next_due_on": "",
        "next_topics": [],
        **changes,
    }


@pytest.fixture
def company():
    return CompanyFactory(name="Café Kernen", cvr="96100159", kind="social_economy")


def test_planning_a_follow_up_stores_the_checked_topics_and_who_planned_it(
    caseworker_client, caseworker, company
):
    response = caseworker_client.post(
        ADD,
        {
            "company": company.pk,
            "topics": ["partnerships", "recruitment"],
            "due_on": days(10).isoformat(),
            "assignee": caseworker.pk,
            "agenda": "Rekruttering til køkkenet og et partnerskab om frokoster.",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    follow_up = FollowUp.objects.get()
    assert follow_up.topics == ["recruitment", "partnerships"]
    assert follow_up.company == company
    assert follow_up.assignee == caseworker
    assert follow_up.history.get().history_user == caseworker


def test_the_add_form_shows_the_four_topics_as_checkboxes_and_you_as_assignee(
    caseworker_client, caseworker, company
):
    response = caseworker_client.get(f"{ADD}?company={company.pk}")

    html = response.content.decode()
    assert html.count('type="checkbox" name="topics"') == 4
    for label in ("Udviklingsmuligheder", "Rekruttering", "Fastholdelse af medarbejdere"):
        assert label in html
    assert response.context["adminform"].form.initial["assignee"] == caseworker.pk


def test_a_follow_up_without_a_topic_is_refused_with_a_danish_message(
    caseworker_client, caseworker, company
):
    response = caseworker_client.post(
        ADD,
        {"company": company.pk, "due_on": days(10).isoformat(), "assignee": caseworker.pk},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["topics"] == ["Vælg mindst ét emne."]
    assert not FollowUp.objects.exists()


def test_a_follow_up_planned_from_the_company_page_returns_to_it(
    caseworker_client, caseworker, company
):
    response = caseworker_client.post(
        f"{ADD}?company={company.pk}",
        {
            "company": company.pk,
            "topics": ["retention"],
            "due_on": days(3).isoformat(),
            "assignee": caseworker.pk,
        },
    )

    assert response.url == reverse("admin:registry_company_change", args=[company.pk])


def test_closing_a_follow_up_schedules_the_next_in_one_step(caseworker_client, caseworker):
    follow_up = FollowUpFactory(topics=["recruitment"], due_on=days(-2))

    response = caseworker_client.post(
        _change_url(follow_up),
        _change_form(
            follow_up,
            outcome="To nye medarbejdere i fleksjob. Vil gerne have en partner til frokoster.",
            done_on=days(-1).isoformat(),
            next_due_on=days(30).isoformat(),
            next_topics=["partnerships", "retention"],
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    follow_up.refresh_from_db()
    assert follow_up.done_on == days(-1)
    assert follow_up.outcome.startswith("To nye medarbejdere")
    following = follow_up.next_follow_up
    assert following.due_on == days(30)
    assert following.topics == ["retention", "partnerships"]
    assert following.company == follow_up.company
    assert following.assignee == follow_up.assignee
    assert following.done_on is None
    assert follow_up.history.first().history_user == caseworker
    assert following.history.get().history_user == caseworker


def test_closing_without_a_next_one_plans_nothing(caseworker_client):
    follow_up = FollowUpFactory(due_on=days(-2))

    caseworker_client.post(
        _change_url(follow_up), _change_form(follow_up, outcome="Ok", done_on=TODAY().isoformat())
    )

    follow_up.refresh_from_db()
    assert follow_up.is_done
    assert follow_up.next_follow_up is None
    assert FollowUp.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"done_on": days(1).isoformat()},
            "done_on",
            "Datoen for gennemførelsen kan ikke ligge i fremtiden.",
        ),
        (
            {
                "done_on": days(-1).isoformat(),
                "next_due_on": days(-3).isoformat(),
                "next_topics": ["retention"],
            },
            "next_due_on",
            "Den næste opfølgning kan ikke ligge før den dag, denne blev gennemført.",
        ),
        (
            {"done_on": days(-1).isoformat(), "next_due_on": days(20).isoformat()},
            "next_topics",
            "Vælg mindst ét emne for den næste opfølgning.",
        ),
        (
            {"next_due_on": days(20).isoformat(), "next_topics": ["retention"]},
            "next_due_on",
            "Den næste opfølgning planlægges, når denne er gennemført: skriv datoen.",
        ),
        ({"topics": []}, "topics", "Vælg mindst ét emne."),
    ],
)
def test_bad_input_when_closing_is_refused_on_the_field_and_nothing_is_written(
    caseworker_client, changes, field, message
):
    follow_up = FollowUpFactory(due_on=days(-2))

    response = caseworker_client.post(
        _change_url(follow_up), _change_form(follow_up, outcome="Godt møde", **changes)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert message in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.done_on is None
    assert follow_up.outcome == ""
    assert FollowUp.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"done_on": days(1)}, "done_on"),
        (
            {"done_on": days(-1), "next_due_on": days(-2), "next_topics": ["retention"]},
            "next_due_on",
        ),
        ({"done_on": days(-1), "next_due_on": days(5), "next_topics": []}, "next_topics"),
        ({"done_on": days(-1), "next_due_on": days(5), "next_topics": ["hobby"]}, "next_topics"),
    ],
)
def test_complete_follow_up_refuses_bad_input_and_writes_nothing(caseworker, kwargs, field):
    follow_up = FollowUpFactory(due_on=days(-2))

    with pytest.raises(ValidationError) as refused:
        complete_follow_up(follow_up=follow_up, outcome="Godt møde", by=caseworker, **kwargs)

    assert field in refused.value.message_dict
    stored = FollowUp.objects.get()
    assert (stored.done_on, stored.outcome, stored.next_follow_up) == (None, "", None)


def test_a_follow_up_cannot_be_closed_twice(caseworker):
    follow_up = FollowUpFactory(due_on=days(-2))
    complete_follow_up(
        follow_up=follow_up,
        outcome="Første gang",
        done_on=TODAY(),
        next_due_on=days(10),
        next_topics=["retention"],
        by=caseworker,
    )
    stale = FollowUp.objects.get(pk=follow_up.pk)
    stale.done_on = None  # as a form loaded before the first close would have it

    with pytest.raises(ValidationError, match="allerede gennemført"):
        complete_follow_up(
            follow_up=stale,
            outcome="Anden gang",
            done_on=TODAY(),
            next_due_on=days(12),
            next_topics=["retention"],
            by=caseworker,
        )

    assert FollowUp.objects.count() == 2
    assert FollowUp.objects.get(pk=follow_up.pk).outcome == "Første gang"


def test_plan_follow_up_refuses_an_unknown_topic(caseworker, company):
    with pytest.raises(ValidationError) as refused:
        plan_follow_up(
            company=company, topics=["hobby"], due_on=days(3), assignee=caseworker, by=caseworker
        )

    assert refused.value.message_dict["topics"] == ["Vælg mindst ét emne."]
    assert not FollowUp.objects.exists()


def test_a_closed_follow_up_links_to_the_next_and_the_next_back(caseworker_client, caseworker):
    follow_up = FollowUpFactory(due_on=days(-2))
    complete_follow_up(
        follow_up=follow_up,
        outcome="Godt møde",
        done_on=TODAY(),
        next_due_on=days(14),
        next_topics=["partnerships"],
        by=caseworker,
    )

    closed = caseworker_client.get(_change_url(follow_up)).content.decode()
    following = caseworker_client.get(_change_url(follow_up.next_follow_up)).content.decode()

    assert _change_url(follow_up.next_follow_up) in closed
    assert _change_url(follow_up) in following


# The list


@pytest.fixture
def listed(caseworker):
    mine_overdue = FollowUpFactory(
        company=CompanyFactory(name="Åens Cykelværksted", cvr="96100310"),
        topics=["retention"],
        due_on=days(-5),
        assignee=caseworker,
    )
    theirs_this_week = FollowUpFactory(
        company=CompanyFactory(name="Østergades Genbrug"),
        topics=["recruitment", "partnerships"],
        due_on=end_of_week(),
    )
    later = FollowUpFactory(topics=["development"], due_on=end_of_week() + datetime.timedelta(1))
    done = FollowUpFactory(topics=["partnerships"], due_on=days(-20), done_on=days(-19))
    return {"mine": mine_overdue, "week": theirs_this_week, "later": later, "done": done}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=aaben", {"mine", "week", "later"}),
        ("status=gennemfoert", {"done"}),
        ("frist=forfalden", {"mine"}),
        ("frist=uge", {"mine", "week"}),
        ("ansvarlig=mine", {"mine"}),
        ("emne=partnerships", {"week", "done"}),
        ("emne=development", {"later"}),
        ("q=96100310", {"mine"}),
        ("q=Østergades", {"week"}),
    ],
)
def test_the_list_filters_and_searches(caseworker_client, listed, query, expected):
    response = caseworker_client.get(f"{CHANGELIST}?{query}")

    shown = {obj.pk for obj in response.context["cl"].result_list}
    assert shown == {listed[name].pk for name in expected}


def test_the_list_shows_topics_and_flags_the_overdue_in_words(caseworker_client, listed):
    html = caseworker_client.get(CHANGELIST).content.decode()

    assert "Rekruttering, Partnerskaber" in html
    overdue = danish_date(listed["mine"].due_on)
    assert f'<strong class="overdue">{overdue} (forfalden)</strong>' in html
    assert html.count("(forfalden)</strong>") == 1


def test_the_list_costs_the_same_queries_for_5_and_50_follow_ups(
    caseworker_client, django_assert_max_num_queries
):
    FollowUpFactory.create_batch(5)
    with django_assert_max_num_queries(16) as few:
        caseworker_client.get(CHANGELIST)
    FollowUpFactory.create_batch(45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        caseworker_client.get(CHANGELIST)


def test_staff_without_a_role_may_not_see_follow_ups(outsider_client, listed):
    assert outsider_client.get(CHANGELIST).status_code == 403
    assert outsider_client.get(_change_url(listed["mine"])).status_code == 403


# The company page


def test_the_company_page_shows_held_follow_ups_and_open_ones_once(
    caseworker_client, caseworker, company
):
    held = FollowUpFactory(
        company=company, topics=["development"], due_on=days(-30), done_on=days(-29)
    )
    held.outcome = "Vil udvide med en frokostordning."
    held.save()
    planned = FollowUpFactory(company=company, topics=["partnerships"], due_on=days(7))

    html = caseworker_client.get(
        reverse("admin:registry_company_change", args=[company.pk])
    ).content.decode()

    assert "Gennemførte opfølgninger" in html
    assert "Vil udvide med en frokostordning." in html
    assert "Planlagt opfølgning" in html
    assert html.count(f'href="{_change_url(planned)}"') == 1
    assert html.count(f'href="{_change_url(held)}"') == 1
    assert f"{ADD}?company={company.pk}" in html


# Demo data


def test_demo_follow_ups_load_twice_without_duplicates():
    load_demo_companies()
    load_demo_follow_ups()
    first = list(FollowUp.objects.values_list("pk", "company__name", "due_on", "done_on"))
    load_demo_follow_ups()

    assert list(FollowUp.objects.values_list("pk", "company__name", "due_on", "done_on")) == first
    today = TODAY()
    assert FollowUp.objects.open().filter(due_on__lt=today).count() >= 2
    assert FollowUp.objects.open().filter(due_on__gte=today, due_on__lte=end_of_week()).exists()
    held = FollowUp.objects.get(done_on__isnull=False)
    assert held.next_follow_up.due_on > today
    assert all(f.company.kind == "social_economy" for f in FollowUp.objects.all())
