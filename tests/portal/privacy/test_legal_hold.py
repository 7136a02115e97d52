"""set_legal_hold: what the journal says, and a second request for the same thing refused."""

import pytest
from django.core.exceptions import ValidationError

from portal.cases.models import CaseEvent
from portal.privacy.services import set_legal_hold
from tests.portal.privacy.factories import closed_case

pytestmark = pytest.mark.django_db


def test_the_journal_says_the_hold_was_set_and_why_and_history_names_the_manager(manager):
    case = closed_case(years_ago=6)

    event = set_legal_hold(case=case, on=True, reason="Klage til Ankestyrelsen", by=manager)

    assert (event.kind, event.author, event.text) == (
        CaseEvent.Kind.NOTE,
        manager,
        "Retslig tilbageholdelse sat: Klage til Ankestyrelsen",
    )
    assert case.history.latest("history_date").history_user == manager


def test_a_hold_set_twice_is_refused_and_journalled_once(manager):
    case = closed_case(years_ago=6)
    set_legal_hold(case=case, on=True, reason="Klage", by=manager)

    with pytest.raises(ValidationError, match="allerede i retslig tilbageholdelse"):
        set_legal_hold(case=case, on=True, reason="Klage", by=manager)

    assert case.events.filter(text="Retslig tilbageholdelse sat: Klage").count() == 1


def test_lifting_says_why_when_a_reason_is_given(manager):
    case = closed_case(years_ago=6)
    set_legal_hold(case=case, on=True, reason="Klage", by=manager)

    event = set_legal_hold(case=case, on=False, reason="Klagen er afgjort", by=manager)

    assert event.text == "Retslig tilbageholdelse ophævet: Klagen er afgjort"
