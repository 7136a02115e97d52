"""The enquirer answers while a caseworker has the case page open: the answer is never marked
seen, nor closed over, unread."""

import pytest
from django.utils import timezone

from portal.cases import enquirer, services
from portal.cases.conflicts import edits_since
from portal.cases.models import Case, CaseEvent
from tests.portal.cases.factories import CaseFactory
from tests.portal.cases.test_admin import change_url, form_data
from tests.portal.cases.test_conflicts import as_shown

pytestmark = pytest.mark.django_db

CONFLICT = "Sagen er blevet ændret af en anden, mens du arbejdede."
ANSWER = "Vi har fundet et lokale. Kan vi mødes på tirsdag?"


@pytest.fixture
def case(caseworker):
    case = CaseFactory()
    services.change_status(case=case, to=Case.Status.IN_PROGRESS, by=caseworker)
    return case


def answer(case: Case) -> CaseEvent:
    return enquirer.receive_answer(case=case, text=ANSWER)


def conflict_box(response) -> str:
    page = response.content.decode()
    return page[page.index('class="module case-conflict"') : page.index("case-summary")]


def test_an_answer_bumps_the_version(case):
    version = case.version

    answer(case)

    case.refresh_from_db()
    assert case.version == version + 1
    assert case.enquirer_replied_at is not None


def test_an_answer_since_the_page_was_shown_is_a_conflict_for_a_reply_or_a_move(case):
    shown, version = as_shown(case), case.version
    event = answer(case)

    edits = edits_since(case=case, version=version, submitted=shown)

    assert edits.stale and edits.enquirer_answered_at == event.created_at
    assert edits.conflict(answers=True)  # a reply or a phone call
    assert edits.conflict(acts=True)  # a new status
    assert not edits.conflict()  # a note


@pytest.mark.parametrize(
    "action",
    [
        {"message": "Tak, vi vender tilbage."},
        {"new_status": "closed"},
        {"phone_call": "Talte med Mette.", "phone_answered": "on"},
    ],
    ids=["reply", "close", "phone call"],
)
def test_acting_on_a_page_loaded_before_the_answer_is_refused_and_shows_it(
    caseworker_client, case, action
):
    loaded = form_data(case)
    event = answer(case)

    response = caseworker_client.post(change_url(case), loaded | action)

    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    box = conflict_box(response)
    assert "Henvenderen har svaret" in box
    assert f"kl. {timezone.localtime(event.created_at):%H:%M}" in box
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS
    assert case.enquirer_replied_at == event.created_at  # still new
    assert not case.events.filter(kind__in=[CaseEvent.Kind.MESSAGE, CaseEvent.Kind.PHONE])
    assert not case.messages.filter(body__contains="Tak, vi vender tilbage.").exists()


def test_saving_again_from_the_page_that_showed_the_answer_goes_through_and_marks_it_seen(
    caseworker_client, case
):
    loaded = form_data(case)
    answer(case)
    first = caseworker_client.post(change_url(case), loaded | {"new_status": "closed"})
    retry = dict(first.context["adminform"].form.data.items())

    assert caseworker_client.post(change_url(case), retry).status_code == 302

    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert case.enquirer_replied_at is None


def test_a_note_on_a_page_loaded_before_the_answer_is_stored_and_the_answer_stays_new(
    caseworker_client, case, caseworker
):
    loaded = form_data(case)
    event = answer(case)

    response = caseworker_client.post(change_url(case), loaded | {"note": "Ringer i morgen."})

    assert response.status_code == 302
    assert case.events.filter(text="Ringer i morgen.", author=caseworker).exists()
    case.refresh_from_db()
    assert case.enquirer_replied_at == event.created_at


def test_a_save_from_a_page_that_showed_the_answer_marks_it_seen(caseworker_client, case):
    answer(case)
    case.refresh_from_db()

    response = caseworker_client.post(change_url(case), form_data(case, note="Læst."))

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.enquirer_replied_at is None


def test_a_reply_on_a_page_stale_for_another_reason_is_no_conflict(
    caseworker_client, case, django_user_model
):
    colleague = django_user_model.objects.create_user(username="karl", is_staff=True)
    answer(case)
    case.refresh_from_db()
    loaded = form_data(case)  # shows the answer
    services.update_case(case=case, changes={"subject": "Karls emne"}, by=colleague)

    response = caseworker_client.post(change_url(case), loaded | {"message": "Tirsdag passer."})

    assert response.status_code == 302
    assert case.events.filter(kind=CaseEvent.Kind.MESSAGE, text="Tirsdag passer.").exists()
