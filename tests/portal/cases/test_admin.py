"""The caseworker's inbox: the case changelist, its filters, actions and the case page."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.cases import services
from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage
from tests.factories import CompanyFactory, ContactFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("admin:cases_case_changelist")
# Every case, closed ones too (the inbox shows open cases unless asked).
ALL_CASES = f"{INBOX}?aaben=alle"


def change_url(case: Case) -> str:
    return reverse("admin:cases_case_change", args=[case.pk])


def references(response) -> list[str]:
    return [case.reference for case in response.context["cl"].result_list]


def test_inbox_lists_cases_by_deadline_and_marks_overdue(caseworker_client):
    today = timezone.localdate()
    later = CaseFactory(deadline=today + timedelta(days=3))
    late = CaseFactory(deadline=today - timedelta(days=2))

    response = caseworker_client.get(INBOX)

    assert references(response) == [late.reference, later.reference]
    page = response.content.decode()
    assert "Overskredet" in page
    assert late.contact.name in page


def test_overdue_filter(caseworker_client):
    today = timezone.localdate()
    late = CaseFactory(deadline=today - timedelta(days=1))
    on_time = CaseFactory(deadline=today + timedelta(days=1))
    CaseFactory(deadline=today - timedelta(days=1), status=Case.Status.WAITING)

    assert references(caseworker_client.get(INBOX, {"overskredet": "ja"})) == [late.reference]
    assert late.reference not in references(caseworker_client.get(INBOX, {"overskredet": "nej"}))
    assert on_time.reference in references(caseworker_client.get(INBOX, {"overskredet": "nej"}))


def test_status_and_kind_filters(caseworker_client):
    advice = CaseFactory()
    grant = CaseFactory(kind=Case.Kind.GRANT, status=Case.Status.IN_PROGRESS)

    assert references(caseworker_client.get(INBOX, {"status__exact": "in_progress"})) == [
        grant.reference
    ]
    assert references(caseworker_client.get(INBOX, {"kind__exact": "advice"})) == [advice.reference]


@pytest.mark.parametrize("query", ["SØ-", "lars@cykel.dk", "29189692", "Cykelværkstedet", "Lars"])
def test_search_by_reference_contact_and_company(caseworker_client, query):
    company = CompanyFactory(name="Cykelværkstedet ApS", cvr="29189692")
    wanted = CaseFactory(
        contact=ContactFactory(name="Lars Jensen", email="lars@cykel.dk", company=company),
        company=company,
    )
    other = CaseFactory()
    if query == "SØ-":
        query = wanted.reference

    found = references(caseworker_client.get(INBOX, {"q": query}))

    assert wanted.reference in found
    assert other.reference not in found


def test_inbox_query_count_does_not_grow_with_cases(caseworker_client, caseworker):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert caseworker_client.get(INBOX).status_code == 200
        return len(queries)

    for _ in range(5):
        services.assign(case=CaseFactory(company=CompanyFactory()), to=caseworker, by=caseworker)
    count_queries()  # fills the per-process caches: site settings, content types
    with_five = count_queries()
    for _ in range(45):
        services.assign(case=CaseFactory(company=CompanyFactory()), to=caseworker, by=caseworker)

    assert count_queries() == with_five


def test_take_the_case_assigns_it_to_me(caseworker_client, caseworker):
    case = CaseFactory()

    caseworker_client.post(INBOX, {"action": "take", "_selected_action": [case.pk]})

    case.refresh_from_db()
    assert case.assignee == caseworker
    assert case.events.filter(kind=CaseEvent.Kind.NOTE, author=caseworker).exists()


def test_take_leaves_a_colleagues_case_and_says_whose_it_is(caseworker_client, caseworker, manager):
    free = CaseFactory()
    theirs = CaseFactory()
    services.assign(case=theirs, to=manager, by=manager)
    notes = theirs.events.count()

    response = caseworker_client.post(
        INBOX, {"action": "take", "_selected_action": [free.pk, theirs.pk]}, follow=True
    )

    free.refresh_from_db()
    theirs.refresh_from_db()
    assert free.assignee == caseworker
    assert theirs.assignee == manager
    assert theirs.events.count() == notes
    page = response.content.decode()
    assert "Du har taget 1 sag." in page
    assert (
        f"1 sag er ikke taget, fordi den allerede har en sagsbehandler: {theirs.reference} "
        "(Lene Leder)." in page
    )


def test_take_names_every_case_a_colleague_has(caseworker_client, manager):
    first, second = CaseFactory(), CaseFactory()
    for case in (first, second):
        services.assign(case=case, to=manager, by=manager)

    response = caseworker_client.post(
        INBOX, {"action": "take", "_selected_action": [first.pk, second.pk]}, follow=True
    )

    page = response.content.decode()
    assert (
        "2 sager er ikke taget, fordi de allerede har en sagsbehandler: "
        f"{first.reference} (Lene Leder), {second.reference} (Lene Leder)." in page
    )
    assert "Du har taget" not in page
    assert set(Case.objects.values_list("assignee", flat=True)) == {manager.pk}


def test_taking_my_own_case_again_changes_nothing(caseworker_client, caseworker):
    mine = CaseFactory()
    services.assign(case=mine, to=caseworker, by=caseworker)
    notes = mine.events.count()

    response = caseworker_client.post(
        INBOX, {"action": "take", "_selected_action": [mine.pk]}, follow=True
    )

    assert mine.events.count() == notes
    assert "ikke taget" not in response.content.decode()


def test_status_action_changes_allowed_and_reports_refused_in_danish(caseworker_client):
    received = CaseFactory()
    closed = CaseFactory(status=Case.Status.CLOSED)
    chosen = {"action": "mark_waiting", "_selected_action": [received.pk, closed.pk]}

    confirmation = caseworker_client.post(ALL_CASES, chosen)
    assert "kan ikke få status »Afventer henvender«" in confirmation.content.decode()
    response = caseworker_client.post(ALL_CASES, {**chosen, "post": "yes"}, follow=True)

    received.refresh_from_db()
    closed.refresh_from_db()
    assert received.status == Case.Status.WAITING
    assert closed.status == Case.Status.CLOSED
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    shown = shown or [str(message) for message in response.context["messages"]]
    assert (
        f"{closed.reference}: En sag med status »Afsluttet« kan ikke ændres til "
        "»Afventer henvender«." in shown
    )
    # Waiting for the enquirer always tells them (as the case page insists).
    assert "1 sag har fået status »Afventer henvender«. 1 henvender får en e-mail." in shown


def test_case_page_shows_journal_and_delivery_status(caseworker_client, caseworker):
    case = CaseFactory()
    services.add_note(case=case, text="Ringede til Mette.", by=caseworker)

    page = caseworker_client.get(change_url(case)).content.decode()

    assert "Sagen er modtaget" in page
    assert "Ringede til Mette." in page
    assert "Vi har modtaget din henvendelse" in page
    assert "I kø" in page


def test_case_page_shows_failed_delivery(caseworker_client):
    case = CaseFactory()
    case.messages.update(
        status=OutboxMessage.Status.FAILED, attempts=8, last_error="SMTPException: nede"
    )

    page = caseworker_client.get(change_url(case)).content.decode()

    assert "Fejlet — 8 forsøg: SMTPException: nede" in page


def form_data(case: Case, **changes) -> dict:
    data = {
        "kind": case.kind,
        "subject": case.subject,
        "contact": case.contact_id,
        "company": case.company_id or "",
        "deadline": case.deadline.isoformat(),
        "assign_to": case.assignee_id or "",
        "loaded_version": case.version,
        "new_status": "",
        "reply_template": "",
        "message": "",
        "note": "",
        "link_cvr": "",
    }
    for prefix in ("events", "messages"):
        total = getattr(case, prefix).count()
        data |= {
            f"{prefix}-TOTAL_FORMS": total,
            f"{prefix}-INITIAL_FORMS": total,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
        data |= {
            f"{prefix}-{n}-id": pk
            for n, pk in enumerate(getattr(case, prefix).values_list("pk", flat=True))
        }
        data |= {f"{prefix}-{n}-case": case.pk for n in range(total)}
    return data | changes


def test_caseworker_replies_and_changes_status_from_the_case_page(caseworker_client, caseworker):
    case = CaseFactory()

    response = caseworker_client.post(
        change_url(case),
        form_data(
            case,
            new_status="waiting",
            message="Vi mangler jeres vedtægter.",
            note="Tjek vedtægterne for overskudsdeling.",
            assign_to=caseworker.pk,
        ),
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.WAITING
    assert case.assignee == caseworker
    assert case.events.filter(kind=CaseEvent.Kind.NOTE, shared_with_enquirer=False).count() == 2
    status_event = case.events.get(new_status="waiting")
    assert status_event.text == "Vi mangler jeres vedtægter."
    assert "Vi mangler jeres vedtægter." in case.messages.latest("pk").body


def test_case_page_refuses_a_transition_next_to_the_field(caseworker_client):
    case = CaseFactory(status=Case.Status.CLOSED)

    response = caseworker_client.post(change_url(case), form_data(case, new_status="waiting"))

    assert response.status_code == 200
    assert "En sag med status »Afsluttet« kan ikke ændres til »Afventer henvender«." in (
        response.content.decode()
    )
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED


def test_the_form_cannot_set_status_directly(caseworker_client):
    case = CaseFactory()
    caseworker_client.post(change_url(case), form_data(case, status="closed"))
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED


def test_outsider_cannot_see_the_inbox(outsider_client):
    assert outsider_client.get(INBOX).status_code == 403


def test_case_page_offers_only_the_allowed_status_changes(caseworker_client):
    case = CaseFactory(status=Case.Status.CLOSED)

    html = caseworker_client.get(change_url(case)).content.decode()

    assert '<option value="in_progress">' in html
    assert '<option value="waiting">' not in html
    assert '<option value="received">' not in html


@pytest.mark.parametrize("typed", ["{ref}", "{ref_lower}", " {short} ", "SOE-{year}-{number}"])
def test_inbox_finds_a_case_by_its_reference_however_it_is_typed(caseworker_client, typed):
    case = CaseFactory()
    other = CaseFactory()
    _prefix, year, number = case.reference.split("-")
    query = typed.format(
        ref=case.reference,
        ref_lower=case.reference.lower(),
        short=f"sø-{year}-{int(number)}",
        year=year,
        number=number,
    )

    response = caseworker_client.get(INBOX, {"q": query})

    assert [c.pk for c in response.context["cl"].result_list] == [case.pk]
    assert other.reference not in response.content.decode()


def test_inbox_search_by_name_still_searches_the_text(caseworker_client):
    case = CaseFactory(contact=ContactFactory(name="Søren Østergaard"))
    CaseFactory()

    response = caseworker_client.get(INBOX, {"q": "søren"})

    assert [c.pk for c in response.context["cl"].result_list] == [case.pk]


@pytest.mark.parametrize("persona", ["caseworker", "manager"])
def test_nobody_deletes_a_case_in_the_admin(client, request, persona):
    # Cases are removed only by retention (anonymised), never deleted; opening one by hand is
    # tests/portal/cases/test_open_by_hand.py.
    client.force_login(request.getfixturevalue(persona))
    case = CaseFactory()

    delete = reverse("admin:cases_case_delete", args=[case.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    inbox = client.get(INBOX)
    assert "delete_selected" not in inbox.content.decode()
    client.post(INBOX, {"action": "delete_selected", "_selected_action": [case.pk], "post": "yes"})

    assert Case.objects.filter(pk=case.pk).exists()
    assert Case.objects.count() == 1


def test_the_inbox_shows_deadlines_as_danish_dates_and_says_which_are_overdue(
    caseworker_client,
):
    CaseFactory(deadline=date(2030, 12, 1))
    CaseFactory(deadline=date(2026, 3, 2))

    page = caseworker_client.get(INBOX).content.decode()

    assert '<td class="field-deadline_display">1. december 2030</td>' in page
    assert (
        '<strong class="overdue">Overskredet</strong> <span class="inbox-date">2. marts 2026</span>'
        in page
    )
    assert "style=" not in page[page.index('id="result_list"') :]
