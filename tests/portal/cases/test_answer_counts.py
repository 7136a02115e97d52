"""An answer counts: the summary says when the case was answered and whether in time, it is
late only by the next step's deadline, a phone call can be the answer, and a status change
e-mails the enquirer only when the caseworker chooses to."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from portal.cases import selectors, services
from portal.cases.models import Case, CaseEvent
from portal.dashboard.periods import COPENHAGEN
from portal.notifications.models import OutboxMessage
from tests.portal.cases.factories import CaseFactory
from tests.portal.cases.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db


def at(*args) -> datetime:
    return datetime(*args, tzinfo=COPENHAGEN)


def test_an_answer_in_time_is_said_so_and_the_case_is_not_overdue():
    # Thursday 3 December 2026, due Monday 7 December; seen on 10 December.
    case = CaseFactory(deadline=date(2026, 12, 7))
    services.record_first_answer(case, at(2026, 12, 3, 10))

    summary = selectors.case_summary(case, date(2026, 12, 10))

    assert summary.deadline_text == "Besvaret 3. december 2026, inden for fristen"
    assert not summary.overdue
    assert "Overskredet" not in summary.deadline_text


def test_a_late_answer_says_by_how_many_working_days():
    # Due Tuesday 1 December, answered Thursday 3 December: 2 working days late.
    case = CaseFactory(deadline=date(2026, 12, 1))
    services.record_first_answer(case, at(2026, 12, 3, 10))

    summary = selectors.case_summary(case, date(2026, 12, 10))

    assert summary.deadline_text == "Besvaret 3. december 2026, 2 arbejdsdage efter fristen"
    assert not summary.overdue


def test_after_the_answer_only_the_next_steps_deadline_counts():
    case = CaseFactory(deadline=date(2026, 12, 1))
    services.record_first_answer(case, at(2026, 12, 3, 10))
    Case.objects.filter(pk=case.pk).update(next_deadline=date(2026, 12, 8))
    case.refresh_from_db()

    before = selectors.case_summary(case, date(2026, 12, 4))
    after = selectors.case_summary(case, date(2026, 12, 10))

    assert (before.next_deadline_text, before.next_deadline_overdue) == (
        "2 arbejdsdage tilbage",
        False,
    )
    assert after.next_deadline_text == "Overskredet med 2 arbejdsdage"
    assert after.next_deadline_overdue
    assert case.is_overdue(date(2026, 12, 10))


def test_the_case_page_shows_the_answer_and_never_overskredet(caseworker_client, caseworker):
    case = CaseFactory(deadline=timezone.localdate() - timedelta(days=10))
    services.reply(case=case, text="Her er svaret.", by=caseworker)

    page = caseworker_client.get(change_url(case)).content.decode()
    summary = page[page.index('class="module case-summary"') : page.index("case-others")]

    assert "Besvaret " in summary and "efter fristen" in summary
    assert "Overskredet" not in summary
    assert "Ingen frist sat" in summary


def test_the_caseworker_sets_the_next_steps_deadline_on_the_page(caseworker_client):
    case = CaseFactory()
    due = timezone.localdate() + timedelta(days=14)

    response = caseworker_client.post(
        change_url(case), form_data(case, next_deadline=due.isoformat())
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.next_deadline == due
    page = caseworker_client.get(change_url(case)).content.decode()
    assert "Frist for næste skridt" in page


def test_a_phone_call_that_answered_is_the_first_answer(caseworker_client, caseworker):
    case = CaseFactory(deadline=timezone.localdate() - timedelta(days=3))

    response = caseworker_client.post(
        change_url(case),
        form_data(case, phone_call="Talte med Mette om vedtægterne.", phone_answered="on"),
    )

    assert response.status_code == 302
    case.refresh_from_db()
    call = case.events.get(kind=CaseEvent.Kind.PHONE)
    assert (call.text, call.author) == ("Talte med Mette om vedtægterne.", caseworker)
    assert case.first_answer_at == call.created_at
    assert not Case.objects.overdue(timezone.localdate()).filter(pk=case.pk).exists()


def test_a_phone_call_that_did_not_answer_is_only_journalled(caseworker_client):
    case = CaseFactory(deadline=timezone.localdate() - timedelta(days=3))

    caseworker_client.post(change_url(case), form_data(case, phone_call="Ingen svar, lagt besked."))

    case.refresh_from_db()
    assert case.events.filter(kind=CaseEvent.Kind.PHONE).exists()
    assert case.first_answer_at is None


def test_the_phone_answer_box_is_ticked_by_default(caseworker_client):
    page = caseworker_client.get(change_url(CaseFactory())).content.decode()
    assert "Henvenderen fik svar i samtalen" in page
    assert re.search(r'<input type="checkbox" name="phone_answered"[^>]* checked>', page)


# --- a status change e-mails only when chosen -----------------------------------------------


def test_a_bare_status_change_sends_no_email_unless_chosen(caseworker_client):
    quiet, told = CaseFactory(), CaseFactory()
    before = OutboxMessage.objects.count()

    caseworker_client.post(change_url(quiet), form_data(quiet, new_status="closed"))
    assert OutboxMessage.objects.count() == before
    quiet.refresh_from_db()
    assert quiet.status == Case.Status.CLOSED
    assert not quiet.events.get(new_status="closed").shared_with_enquirer

    caseworker_client.post(
        change_url(told), form_data(told, new_status="closed", notify_enquirer="on")
    )
    assert told.messages.filter(subject__isnull=False).count() == 2  # receipt, then the notice
    assert told.events.get(new_status="closed").shared_with_enquirer


def test_a_status_change_with_a_message_always_sends_it(caseworker_client):
    case = CaseFactory()

    caseworker_client.post(
        change_url(case), form_data(case, new_status="in_progress", message="Vi er i gang.")
    )

    assert "Vi er i gang." in case.messages.latest("pk").body


def test_waiting_for_the_enquirer_without_telling_them_is_refused(caseworker_client):
    case = CaseFactory()

    response = caseworker_client.post(
        change_url(case), form_data(case, new_status="waiting", note="Venter.")
    )

    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors["new_status"])
    assert "Sagen venter på henvenderen, så henvenderen skal have besked" in errors
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED
    assert not case.events.filter(text="Venter.").exists()


@pytest.mark.parametrize(
    "told",
    [
        {"notify_enquirer": "on"},
        {"message": "Send os jeres budget."},
        {"phone_call": "Bad Mette sende budgettet.", "phone_answered": "on"},
    ],
)
def test_waiting_is_accepted_when_the_enquirer_is_told(caseworker_client, told):
    case = CaseFactory()

    response = caseworker_client.post(
        change_url(case), form_data(case, new_status="waiting", **told)
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.WAITING
