"""The legal hold from the case page: the manager's alone, with a reason, in the journal."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.cases.models import CaseEvent
from portal.cases.tools import may_set_legal_hold
from portal.privacy import services as privacy
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def hold_url(case) -> str:
    return reverse("admin:cases_case_legal_hold", args=[case.pk])


def notes(case) -> list[str]:
    return list(case.events.filter(kind=CaseEvent.Kind.NOTE).values_list("text", flat=True))


def test_only_a_manager_or_a_superuser_may_set_a_legal_hold(
    caseworker, manager, outsider, django_user_model
):
    boss = django_user_model.objects.create_superuser("root", "root@haderslev.dk", "x")

    assert may_set_legal_hold(manager) and may_set_legal_hold(boss)
    assert not may_set_legal_hold(caseworker) and not may_set_legal_hold(outsider)


def test_the_manager_sets_a_legal_hold_with_a_reason_journalled_and_logged(manager_client, manager):
    case = CaseFactory()

    page = manager_client.get(hold_url(case)).content.decode()
    assert "Sagen er ikke i retslig tilbageholdelse." in page
    assert "Sæt retslig tilbageholdelse" in page
    response = manager_client.post(hold_url(case), {"on": "1", "reason": "Klage til Ankestyrelsen"})

    assert response.url == reverse("admin:cases_case_change", args=[case.pk])
    case.refresh_from_db()
    assert case.legal_hold and case.legal_hold_reason == "Klage til Ankestyrelsen"
    note = case.events.latest("pk")
    assert (note.kind, note.author, note.text) == (
        CaseEvent.Kind.NOTE,
        manager,
        "Retslig tilbageholdelse sat: Klage til Ankestyrelsen",
    )
    entry = LogEntry.objects.get(object_id=str(case.pk))
    assert (entry.user, entry.action_flag) == (manager, 2)
    assert "Klage til Ankestyrelsen" in entry.get_change_message()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"{case.reference} er sat i retslig tilbageholdelse og anonymiseres ikke."
    ]


def test_a_hold_without_a_reason_is_refused_in_danish_and_nothing_is_stored(manager_client):
    case = CaseFactory()
    before = notes(case)

    response = manager_client.post(hold_url(case), {"on": "1", "reason": "  "})

    assert response.status_code == 200
    assert "Skriv, hvorfor sagen ikke må anonymiseres." in response.content.decode()
    case.refresh_from_db()
    assert not case.legal_hold
    assert notes(case) == before and not LogEntry.objects.exists()


def test_the_manager_lifts_a_hold_with_a_reason(manager_client, manager):
    case = CaseFactory()
    privacy.set_legal_hold(case=case, on=True, reason="Retssag om tilskud", by=manager)

    page = manager_client.get(hold_url(case)).content.decode()
    assert "Retssag om tilskud" in page and "Ophæv tilbageholdelsen" in page
    refused = manager_client.post(hold_url(case), {"on": "0", "reason": ""})
    assert "Skriv, hvorfor tilbageholdelsen ophæves." in refused.content.decode()
    manager_client.post(hold_url(case), {"on": "0", "reason": "Retssagen er afsluttet"})

    case.refresh_from_db()
    assert not case.legal_hold and case.legal_hold_reason == ""
    assert notes(case)[-1] == "Retslig tilbageholdelse ophævet: Retssagen er afsluttet"


def test_a_form_sent_twice_or_after_a_colleagues_change_writes_nothing(manager_client, manager):
    case = CaseFactory()
    manager_client.post(hold_url(case), {"on": "1", "reason": "Aktindsigt"})

    again = manager_client.post(hold_url(case), {"on": "1", "reason": "Aktindsigt"})

    assert "Sagen er allerede i retslig tilbageholdelse." in again.content.decode()
    assert notes(case).count("Retslig tilbageholdelse sat: Aktindsigt") == 1


def test_an_anonymised_case_has_nothing_to_hold(manager_client):
    case = CaseFactory(anonymised_at=timezone.now())

    assert "allerede anonymiseret" in manager_client.get(hold_url(case)).content.decode()
    response = manager_client.post(hold_url(case), {"on": "1", "reason": "For sent"})
    assert "Sagen er allerede anonymiseret." in response.content.decode()
    case.refresh_from_db()
    assert not case.legal_hold


def test_a_caseworker_is_refused_by_url_and_nothing_changes(caseworker_client):
    case = CaseFactory()

    assert caseworker_client.get(hold_url(case)).status_code == 403
    response = caseworker_client.post(hold_url(case), {"on": "1", "reason": "Jeg vil beholde den"})

    assert response.status_code == 403
    case.refresh_from_db()
    assert not case.legal_hold and not LogEntry.objects.exists()


def test_the_hold_page_takes_the_same_queries_however_long_the_journal(manager_client, manager):
    def queries_for(notes: int) -> int:
        case = CaseFactory()
        for number in range(notes):
            privacy.set_legal_hold(case=case, on=True, reason=f"Grund {number}", by=manager)
            privacy.set_legal_hold(case=case, on=False, by=manager)
        manager_client.get(hold_url(case))
        with CaptureQueriesContext(connection) as queries:
            manager_client.get(hold_url(case))
        return len(queries)

    assert queries_for(10) == queries_for(1)
