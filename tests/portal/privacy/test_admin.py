import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidance.models import Outreach
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from portal.privacy.models import PrivacyLogEntry
from tests.factories import CompanyFactory, ContactFactory, valid_cvr
from tests.portal.cases.factories import CaseFactory
from tests.portal.privacy.factories import closed_case

pytestmark = pytest.mark.django_db

RETENTION = reverse("admin:privacy_retention")
RUN = reverse("admin:privacy_retention_run")
HOLD = reverse("admin:privacy_legal_hold")
INDSIGT = reverse("admin:privacy_indsigt")


# The dry-run report ------------------------------------------------------------------------


def test_dry_run_page_shows_rules_legal_basis_and_due_cases(manager_client):
    due = closed_case(years_ago=6)
    recent = closed_case(years_ago=2)

    response = manager_client.get(RETENTION)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Afsluttede sager" in page and "5 år" in page and "Arkivloven" in page
    assert due.reference in page and recent.reference not in page
    assert "Anonymisér nu" in page
    assert PrivacyLogEntry.objects.get().kind == PrivacyLogEntry.Kind.DRY_RUN
    due.refresh_from_db()
    assert due.anonymised_at is None


def test_dry_run_page_costs_the_same_queries_for_5_and_50_cases(manager_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert manager_client.get(RETENTION).status_code == 200
        return len(captured)

    for _ in range(5):
        closed_case(years_ago=6)
    five = queries()
    for _ in range(45):
        closed_case(years_ago=6)
    assert queries() == five


def test_anonymise_now_applies_the_plan_and_logs_it(manager_client, manager):
    due = closed_case(years_ago=6)

    response = manager_client.post(RUN)

    assert response.status_code == 302
    due.refresh_from_db()
    assert due.anonymised_at is not None
    entry = PrivacyLogEntry.objects.get(kind=PrivacyLogEntry.Kind.RETENTION_RUN)
    assert (entry.user, entry.counts["closed_cases"]) == (manager, 1)


def test_a_reader_sees_the_report_but_may_not_run_it(client, reader):
    due = closed_case(years_ago=6)
    client.force_login(reader)

    assert "Anonymisér nu" not in client.get(RETENTION).content.decode()
    assert client.post(RUN).status_code == 403
    due.refresh_from_db()
    assert due.anonymised_at is None


def test_the_manager_puts_a_due_case_on_legal_hold(manager_client):
    due = closed_case(years_ago=6)

    manager_client.post(HOLD, {"case": due.pk, "on": "on", "reason": "Klage til Ankestyrelsen"})
    manager_client.post(RUN)

    due.refresh_from_db()
    assert due.legal_hold and due.anonymised_at is None
    assert "Klage til Ankestyrelsen" in manager_client.get(RETENTION).content.decode()


def test_caseworker_without_the_permission_gets_403(client, caseworker):
    client.force_login(caseworker)

    assert client.get(RETENTION).status_code == 403
    assert client.post(RUN).status_code == 403
    assert client.post(INDSIGT, {"email": "mette@example.dk"}).status_code == 403
    assert not PrivacyLogEntry.objects.exists()


def test_log_links_to_the_privacy_pages(manager_client):
    page = manager_client.get(reverse("admin:privacy_privacylogentry_changelist"))
    assert RETENTION in page.content.decode() and INDSIGT in page.content.decode()


# The data-subject report -------------------------------------------------------------------


@pytest.fixture
def mette():
    company = CompanyFactory(name="Mettes Café ApS")
    contact = ContactFactory(name="Mette Hansen", email="mette@example.dk", company=company)
    case = closed_case(years_ago=1, contact=contact, company=company)
    Outreach.objects.create(
        company=company,
        contact=contact,
        channel=Outreach.Channel.MEETING,
        outcome=Outreach.Outcome.INTERESTED,
        notes="Besøg i caféen",
    )
    return case


@pytest.fixture
def someone_else():
    contact = ContactFactory(name="Ole Olsen", email="ole@example.dk")
    return CaseFactory(contact=contact, company=contact.company)


def _download(client, **data) -> dict:
    response = client.post(INDSIGT, {**data, "output": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="indsigt-')
    assert response["Content-Disposition"].endswith('.json"')
    return json.loads(response.content.decode("utf-8"))


def test_report_for_an_email_holds_everything_about_the_person(manager_client, mette, someone_else):
    report = _download(manager_client, email="METTE@example.dk")

    assert [c["Navn"] for c in report["Kontaktpersoner"]] == ["Mette Hansen"]
    assert [c["Sagsnummer"] for c in report["Sager"]] == [mette.reference]
    journal = " ".join(entry["Tekst"] for entry in report["Sager"][0]["Journal"])
    assert "Ringede til Mette Hansen" in journal  # internal notes are included
    assert report["E-mails"] and {m["Til"] for m in report["E-mails"]} == {"mette@example.dk"}
    assert {m["Sag"] for m in report["E-mails"]} == {mette.reference}
    assert "vil starte en café" in report["Henvendelser"][0]["Besked"]
    assert report["Kontakter med virksomheder"][0]["Noter"] == "Besøg i caféen"
    assert "Ole Olsen" not in json.dumps(report, ensure_ascii=False)
    assert someone_else.reference not in json.dumps(report, ensure_ascii=False)


def test_report_for_a_cvr_holds_the_company_its_contacts_and_cases(
    manager_client, mette, someone_else
):
    report = _download(manager_client, cvr=f"DK {mette.company.cvr}")

    assert [c["Navn"] for c in report["Virksomheder"]] == ["Mettes Café ApS"]
    assert [c["Navn"] for c in report["Kontaktpersoner"]] == ["Mette Hansen"]
    assert [c["Sagsnummer"] for c in report["Sager"]] == [mette.reference]
    # The e-mails about the company's cases, found through what they are about.
    assert report["E-mails"] and {m["Sag"] for m in report["E-mails"]} == {mette.reference}
    assert len(report["Kontakter med virksomheder"]) == 1
    assert "Ole Olsen" not in json.dumps(report, ensure_ascii=False)


def test_report_is_utf8_json_with_danish_letters(manager_client, mette):
    response = manager_client.post(INDSIGT, {"email": "mette@example.dk", "output": "json"})
    assert "Mettes Café ApS".encode() in response.content
    assert b"Indsigtsrapport" in response.content


def test_report_summary_and_html_download(manager_client, mette):
    summary = manager_client.post(INDSIGT, {"email": "mette@example.dk"})
    assert summary.status_code == 200
    assert "Hent som JSON" in summary.content.decode()

    document = manager_client.post(INDSIGT, {"email": "mette@example.dk", "output": "html"})
    assert document["Content-Disposition"].endswith('.html"')
    assert "Ringede til Mette Hansen" in document.content.decode()


def test_every_report_is_logged(manager_client, manager, mette):
    manager_client.post(INDSIGT, {"email": "mette@example.dk"})
    manager_client.post(INDSIGT, {"cvr": mette.company.cvr, "output": "json"})

    entries = PrivacyLogEntry.objects.filter(kind=PrivacyLogEntry.Kind.SUBJECT_REPORT)
    assert sorted(entry.parameters.get("output") for entry in entries) == ["json", "oversigt"]
    assert {entry.user for entry in entries} == {manager}
    email_entry = entries.get(parameters__output="oversigt")
    assert email_entry.parameters["email"] == "mette@example.dk"
    assert email_entry.counts["cases"] == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"cvr": "12345678"}, "Ugyldigt CVR-nummer"),
        ({}, "Skriv en e-mailadresse eller et CVR-nummer."),
        ({"email": "a@example.dk", "cvr": valid_cvr(1)}, "ikke begge"),
    ],
)
def test_bad_input_is_refused_in_danish_and_not_logged(manager_client, data, error):
    response = manager_client.post(INDSIGT, {**data, "output": "json"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert error in response.content.decode()
    assert not PrivacyLogEntry.objects.exists()


def test_anonymised_case_has_nothing_left_to_report(manager_client):
    case = closed_case(years_ago=6)
    email = case.contact.email
    manager_client.post(RUN)

    report = _download(manager_client, email=email)

    assert report["Kontaktpersoner"] == [] and report["Sager"] == []
    assert not OutboxMessage.objects.filter(to=email).exists()
    assert Case.objects.filter(pk=case.pk, anonymised_at__isnull=False).exists()
