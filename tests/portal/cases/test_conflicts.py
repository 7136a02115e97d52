"""Two caseworkers on one case: what the stale page changed, compared with what it showed."""

import pytest

from portal.cases import services
from portal.cases.conflicts import Edits, changes_since, edits_since
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def as_shown(case) -> dict:
    """The values a case page sends back when the caseworker changes nothing."""
    return {
        "kind": case.kind,
        "subject": case.subject,
        "contact": case.contact,
        "company": case.company,
        "deadline": case.deadline,
        "next_deadline": case.next_deadline,
        "led_to_arrival": case.led_to_arrival,
        "assign_to": case.assignee,
    }


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_user(
        username="kollega", first_name="Karl", last_name="Kollega", is_staff=True
    )


def test_a_fresh_page_reports_only_what_this_caseworker_changed(caseworker):
    case = CaseFactory()

    edits = edits_since(
        case=case, version=case.version, submitted=as_shown(case) | {"assign_to": caseworker}
    )

    assert edits == Edits(fields=frozenset({"assign_to"}), stale=False)
    assert not edits.conflict(acts=True)


def test_a_stale_page_does_not_count_the_colleagues_change_as_its_own(colleague):
    case = CaseFactory()
    shown, version = as_shown(case), case.version
    services.update_case(case=case, changes={"subject": "Karls emne"}, by=colleague)
    services.assign(case=case, to=colleague, by=colleague)

    edits = edits_since(case=case, version=version, submitted=shown)

    # The page still shows the old subject and nobody as caseworker: that is no edit.
    assert edits == Edits(fields=frozenset(), stale=True)
    assert not edits.conflict()  # a note or a reply adds, and overwrites nothing


def test_editing_on_a_stale_page_is_a_conflict(colleague):
    case = CaseFactory()
    shown, version = as_shown(case), case.version
    services.update_case(case=case, changes={"subject": "Karls emne"}, by=colleague)

    edits = edits_since(case=case, version=version, submitted=shown | {"subject": "Saras emne"})

    assert edits.fields == {"subject"}
    assert edits.conflict()


def test_moving_a_stale_case_on_is_a_conflict_even_without_edits(colleague):
    case = CaseFactory()
    shown, version = as_shown(case), case.version
    services.assign(case=case, to=colleague, by=colleague)

    edits = edits_since(case=case, version=version, submitted=shown)

    assert edits.conflict(acts=True)  # a new status or a linked company on a changed case


def test_a_page_without_a_version_counts_as_stale():
    case = CaseFactory()

    edits = edits_since(case=case, version=None, submitted=as_shown(case))

    assert edits == Edits(fields=frozenset(), stale=True)
    assert edits.conflict(acts=True)


def test_a_field_both_changed_stays_contested_on_a_fresh_retry(colleague):
    case = CaseFactory()
    shown, version = as_shown(case), case.version
    services.update_case(case=case, changes={"subject": "Karls emne"}, by=colleague)

    first = edits_since(case=case, version=version, submitted=shown | {"subject": "Saras emne"})
    case.refresh_from_db()
    retry = edits_since(
        case=case,
        version=case.version,
        submitted=shown | {"subject": "Saras emne"},
        contested=first.contested,
    )

    assert first.contested == {"subject"}
    assert retry == Edits(fields=frozenset({"subject"}), stale=False, contested=first.contested)
    assert retry.conflict()
    assert not retry.conflict(override=True)  # chosen knowingly
    # Taking the colleague's value ends the conflict.
    taken = edits_since(
        case=case,
        version=case.version,
        submitted=shown | {"subject": "Karls emne"},
        contested=first.contested,
    )
    assert not taken.conflict()


def test_changes_since_names_the_field_the_values_and_who(colleague):
    case = CaseFactory(subject="Mit emne")
    version = case.version
    services.update_case(case=case, changes={"subject": "Karls emne"}, by=colleague)
    services.assign(case=case, to=colleague, by=colleague)

    changes = {change.field: change for change in changes_since(case, version)}

    assert set(changes) == {"subject", "assign_to"}
    subject = changes["subject"]
    assert (subject.label, subject.before, subject.now, subject.who) == (
        "Emne",
        "Mit emne",
        "Karls emne",
        "Karl Kollega",
    )
    assert (changes["assign_to"].before, changes["assign_to"].now) == ("–", "Karl Kollega")
    assert changes_since(case, case.version) == []
