"""The inbox as a caseworker reads it: six Danish columns, "Mine sager", deadlines in words, and
a search that also finds words in what the enquirer wrote."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from guidance.models import Enquiry
from portal.cases import services
from portal.cases.admin import CURRENT_DEADLINE
from portal.cases.models import Case
from tests.factories import ContactFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("admin:cases_case_changelist")


def references(response) -> list[str]:
    return [case.reference for case in response.context["cl"].result_list]


def headings(html: str) -> list[str]:
    start = html.index('<table id="result_list">')
    head = html[start : html.index("</thead>", start)]
    texts = re.findall(r'<div class="text">(?:<a [^>]*>|<span>)([^<]*)', head)
    return [text.strip() for text in texts if text.strip()]


def cell(html: str, case: Case, column: str) -> str:
    row = html[html.index(case.reference) :]
    match = re.search(rf'<td class="field-{column}">(.*?)</td>', row, re.DOTALL)
    assert match, f"no {column} for {case.reference}"
    return match.group(1)


def test_the_inbox_has_six_danish_columns(caseworker_client, caseworker):
    case = CaseFactory(contact=ContactFactory(name="Mette Hansen"))
    services.assign(case=case, to=caseworker, by=caseworker)

    html = caseworker_client.get(INBOX).content.decode()

    assert headings(html) == [
        "Sagsnummer",
        "Emne",
        "Henvender",
        "Status",
        "Frist",
        "Sagsbehandler",
    ]
    assert cell(html, case, "enquirer") == "Mette Hansen"
    assert cell(html, case, "assignee_display") == "Sara Sagsbehandler"
    assert "Henvendelse om rådgivning" not in cell(html, case, "status_display")


def test_mine_sager_shows_only_my_cases(caseworker_client, caseworker, manager):
    mine = CaseFactory()
    services.assign(case=mine, to=caseworker, by=caseworker)
    theirs = CaseFactory()
    services.assign(case=theirs, to=manager, by=manager)
    CaseFactory()

    response = caseworker_client.get(INBOX, {"mine": "ja"})

    assert references(response) == [mine.reference]
    assert "Mine sager" in response.content.decode()


def test_the_assignee_filter_names_colleagues_by_name(caseworker_client, caseworker):
    html = caseworker_client.get(INBOX).content.decode()
    assert f'<a href="?assignee__id__exact={caseworker.pk}">Sara Sagsbehandler</a>' in html


def test_an_answered_case_says_besvaret_and_is_not_overdue(caseworker_client, caseworker):
    today = timezone.localdate()
    answered = CaseFactory(deadline=today - timedelta(days=5))
    services.reply(case=answered, text="Vi ringer dig op i morgen.", by=caseworker)

    html = caseworker_client.get(INBOX).content.decode()

    assert cell(html, answered, "deadline_display") == "Besvaret"
    assert references(caseworker_client.get(INBOX, {"overskredet": "ja"})) == []
    assert answered.reference in references(caseworker_client.get(INBOX, {"overskredet": "nej"}))


def test_an_answered_case_is_late_by_its_next_step(caseworker_client, caseworker):
    today = timezone.localdate()
    later = CaseFactory()
    late = CaseFactory()
    for case, next_deadline in ((later, today + timedelta(days=7)), (late, today - timedelta(1))):
        services.record_phone_call(case=case, text="Svarede i telefonen.", by=caseworker)
        Case.objects.filter(pk=case.pk).update(next_deadline=next_deadline)

    html = caseworker_client.get(INBOX).content.decode()

    assert "Besvaret, næste skridt" in cell(html, later, "deadline_display")
    assert "Overskredet" in cell(html, late, "deadline_display")
    assert references(caseworker_client.get(INBOX, {"overskredet": "ja"})) == [late.reference]


def test_a_new_answer_from_the_enquirer_is_said_in_words(caseworker_client):
    replied = CaseFactory(enquirer_replied_at=timezone.now())
    CaseFactory()

    response = caseworker_client.get(INBOX, {"nyt_svar": "ja"})

    assert references(response) == [replied.reference]
    assert "Nyt svar" in cell(response.content.decode(), replied, "status_display")


def test_search_finds_words_in_the_enquirers_message(caseworker_client):
    wanted = CaseFactory()
    Enquiry.objects.create(
        case=wanted,
        role=Enquiry.Role.ENTREPRENEUR,
        topic=Enquiry.Topic.START,
        message="Vi vil åbne et cykelværksted med praktikpladser.",
    )
    other = CaseFactory()
    Enquiry.objects.create(
        case=other, role=Enquiry.Role.PRIVATE, topic=Enquiry.Topic.OTHER, message="Om netværk."
    )

    found = references(caseworker_client.get(INBOX, {"q": "cykelværksted"}))

    assert found == [wanted.reference]


def test_the_reference_shortcut_still_finds_one_case(caseworker_client):
    case = CaseFactory()
    CaseFactory()

    assert references(caseworker_client.get(INBOX, {"q": case.reference.lower()})) == [
        case.reference
    ]


def test_the_inbox_with_30_cases_costs_a_bounded_number_of_queries(
    caseworker_client, caseworker, django_assert_max_num_queries
):
    today = timezone.localdate()
    for n in range(30):
        case = CaseFactory(deadline=today + timedelta(days=n - 10))
        services.assign(case=case, to=caseworker, by=caseworker)
        if n % 3 == 0:
            services.record_phone_call(case=case, text="Svarede.", by=caseworker)
    caseworker_client.get(INBOX)  # fills the per-process caches: site settings, content types

    with django_assert_max_num_queries(12):
        response = caseworker_client.get(INBOX, {"q": "café"})

    assert len(response.context["cl"].result_list) == 30


def test_the_inbox_shows_open_cases_unless_asked_for_all(caseworker_client):
    open_case = CaseFactory()
    closed = CaseFactory(status=Case.Status.CLOSED)

    default = caseworker_client.get(INBOX)
    every = caseworker_client.get(INBOX, {"aaben": "alle"})
    only_closed = caseworker_client.get(INBOX, {"aaben": "nej"})

    assert references(default) == [open_case.reference]
    assert sorted(references(every)) == sorted([open_case.reference, closed.reference])
    assert references(only_closed) == [closed.reference]
    # The filter says what is shown: "Åbne sager" is chosen when nothing is.
    assert re.search(
        r'class="selected">\s*<a href="\?aaben=ja"[^>]*>Åbne sager', default.content.decode()
    )


def test_a_search_looks_through_closed_cases_too(caseworker_client):
    closed = CaseFactory(status=Case.Status.CLOSED, subject="Lukket sag om genbrugsbutik")

    by_word = caseworker_client.get(INBOX, {"q": "genbrugsbutik"})
    by_reference = caseworker_client.get(INBOX, {"q": closed.reference})

    assert references(by_word) == [closed.reference]
    assert references(by_reference) == [closed.reference]


def test_the_inbox_is_sorted_by_the_current_deadline_then_the_reference(
    caseworker_client, caseworker
):
    today = timezone.localdate()
    tomorrow_unanswered = CaseFactory(deadline=today + timedelta(days=1))
    # Answered long after its first deadline: now measured by the next step, tomorrow too.
    tomorrow_next_step = CaseFactory(deadline=today - timedelta(days=20))
    in_a_week = CaseFactory(deadline=today + timedelta(days=7))
    # Answered, no next step: nothing to be late with, so last.
    done_for_now = CaseFactory(deadline=today - timedelta(days=30))
    for case in (tomorrow_next_step, done_for_now):
        services.record_phone_call(case=case, text="Svarede i telefonen.", by=caseworker)
    Case.objects.filter(pk=tomorrow_next_step.pk).update(next_deadline=today + timedelta(days=1))

    response = caseworker_client.get(INBOX)

    assert references(response) == [
        tomorrow_unanswered.reference,
        tomorrow_next_step.reference,
        in_a_week.reference,
        done_for_now.reference,
    ]
    # And the list says so: the Frist column is marked as the one sorted by.
    assert re.search(
        r'<th scope="col" class="[^"]*column-deadline_display sorted ascending',
        response.content.decode(),
    )


def test_the_frist_column_sorts_by_the_same_deadline_as_the_index():
    """PostgreSQL uses the inbox's index only for the very expression the list sorts by."""
    index = next(i for i in Case._meta.indexes if i.name == "cases_case_current_dl_idx")
    assert index.expressions[0] == CURRENT_DEADLINE
