import datetime

import pytest
from django.utils import timezone

from partnerships.models import Partnership
from partnerships.register.privacy import (
    ACTIVITY_NOTES,
    clear_activity_notes,
    due_activity_notes,
    find_partnership_activities,
)
from portal.privacy.registry import Subject, personal_data
from tests.factories import CompanyFactory, ContactFactory
from tests.partnerships.factories import ActivityFactory, MemberFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    cafe = CompanyFactory(cvr="96100159", name="Café Kernen")
    ContactFactory(company=cafe, name="Mette Lauridsen", email="mette@cafekernen.example")
    partnership = PartnershipFactory(title="Frokost i kantinen")
    MemberFactory(partnership=partnership, company=cafe)
    return ActivityFactory(
        partnership=partnership,
        participants="Mette Lauridsen og erhvervskonsulenten",
        note="Mette foreslår en prøveperiode.",
    )


def test_the_report_for_a_company_has_its_partnerships_activities(activity):
    rows = find_partnership_activities(Subject(cvr="96100159"))
    assert [row["Deltagere"] for row in rows] == ["Mette Lauridsen og erhvervskonsulenten"]
    assert rows[0]["Partnerskab"] == "Frokost i kantinen"


def test_the_report_for_a_person_finds_the_activities_that_name_them(activity):
    ActivityFactory(participants="Henrik Schmidt")

    rows = find_partnership_activities(Subject(email="METTE@cafekernen.example"))

    assert [row["Notat"] for row in rows] == ["Mette foreslår en prøveperiode."]
    assert find_partnership_activities(Subject(email="ukendt@example.dk")) == []


def test_the_activities_are_declared_as_personal_data():
    assert "partnership_activities" in {entry.name for entry in personal_data.entries()}


def test_participants_and_notes_go_five_years_after_the_partnership_ended(activity):
    partnership = activity.partnership
    ended_at = timezone.now() - datetime.timedelta(days=5 * 365 + 10)
    Partnership.objects.filter(pk=partnership.pk).update(status="ended", status_changed_at=ended_at)
    recent = ActivityFactory(partnership=PartnershipFactory(status="ended"))
    now = timezone.now()
    cutoff = ACTIVITY_NOTES.keep_for.before(now)

    due = list(due_activity_notes(cutoff, now).values_list("pk", flat=True))
    assert due == [activity.pk]
    assert clear_activity_notes(due, cutoff, now) == 1

    activity.refresh_from_db()
    assert (activity.participants, activity.note) == ("Anonymiseret", "")
    assert not activity.history.exclude(participants="Anonymiseret").exists()
    recent.refresh_from_db()
    assert recent.participants != "Anonymiseret"
    assert not due_activity_notes(cutoff, now).exists()  # done once
