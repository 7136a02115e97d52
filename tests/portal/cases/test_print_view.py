"""The print view of a case: the paper file's copy, recorded in the privacy log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from guidance.models import Enquiry
from portal.cases import services
from portal.cases.enquirer import receive_answer
from portal.cases.models import CaseEvent
from portal.privacy.models import PrivacyLogEntry
from tests.factories import CompanyFactory, ContactFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def print_url(case) -> str:
    return reverse("admin:cases_case_print", args=[case.pk])


@pytest.fixture
def case(caseworker):
    contact = ContactFactory(name="Mette Hansen", email="mette@example.dk", phone="12 34 56 78")
    case = CaseFactory(
        contact=contact,
        company=CompanyFactory(name="Cykelværkstedet ApS", cvr="12345674"),
        subject="Hjælp til at starte et cykelværksted",
    )
    Enquiry.objects.create(
        case=case,
        role=Enquiry.Role.ENTREPRENEUR,
        topic=Enquiry.Topic.START,
        message="Vi vil ansætte folk, der har været ledige længe.",
    )
    services.assign(case=case, to=caseworker, by=caseworker)
    services.reply(case=case, text="Tak, vi ringer dig op i næste uge.", by=caseworker)
    receive_answer(case=case, text="Tirsdag passer fint.")  # from the status page
    services.add_note(case=case, text="Internt: tjek lokaler på havnen.", by=caseworker)
    return case


def test_print_view_has_the_summary_the_enquiry_the_messages_and_the_journal(
    caseworker_client, case
):
    page = caseworker_client.get(print_url(case)).content.decode()

    assert f"Sag {case.reference}" in page
    assert "Henvendelse om rådgivning" in page and "Modtaget" in page
    assert "Mette Hansen" in page and "mette@example.dk" in page
    assert "Cykelværkstedet ApS (CVR-nummer 12345674)" in page
    assert "Sara Sagsbehandler" in page
    assert formats.date_format(case.deadline, "j. F Y") in page
    assert "Vi vil ansætte folk, der har været ledige længe." in page
    messages = page.split("Beskeder mellem kommunen og henvenderen")[1].split("Journal (ældste")[0]
    assert "Tak, vi ringer dig op i næste uge." in messages
    assert "Tirsdag passer fint." in messages and "Fra henvender (Mette Hansen)" in messages
    assert "tjek lokaler" not in messages  # an internal note is in the journal only
    journal = page.split("Journal (ældste først)")[1]
    assert "Internt: tjek lokaler på havnen." in journal
    assert "Sagen er tildelt Sara Sagsbehandler." in journal


def test_print_view_is_a_plain_page_saying_who_printed_it_and_when(caseworker_client, case):
    page = caseworker_client.get(print_url(case)).content.decode()

    today = formats.date_format(timezone.localdate(), "j. F Y")
    assert f"Udskrevet {today} af Sara Sagsbehandler" in page
    assert "/static/css/case-print.css" in page
    assert "/static/admin/css/base.css" not in page  # no admin chrome on paper
    assert 'id="header"' not in page
    assert "style=" not in page and "<script" not in page


def test_a_print_is_recorded_in_the_privacy_log(caseworker_client, caseworker, case):
    caseworker_client.get(print_url(case))

    entry = PrivacyLogEntry.objects.get()
    assert (entry.kind, entry.user, entry.total) == (PrivacyLogEntry.Kind.EXPORT, caseworker, 1)
    assert entry.parameters["filtre"] == {"sagsnummer": case.reference}


def test_print_view_escapes_what_the_public_typed(caseworker_client):
    case = CaseFactory(subject="<script>alert(1)</script>")

    page = caseworker_client.get(print_url(case)).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_staff_without_the_case_permission_are_refused_and_nothing_is_logged(
    outsider_client, citizen, case
):
    assert outsider_client.get(print_url(case)).status_code == 403
    citizen.logout()
    response = citizen.get(print_url(case))
    assert response.status_code == 302 and reverse("admin:login") in response.url
    assert not PrivacyLogEntry.objects.exists()


def test_print_view_queries_do_not_grow_with_the_journal(caseworker_client, caseworker):
    def queries_for(notes: int) -> int:
        case = CaseFactory()
        for number in range(notes):
            services.add_note(case=case, text=f"Notat {number}", by=caseworker)
            CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ENQUIRER_REPLY, text="Svar")
        caseworker_client.get(print_url(case))  # warm the session and the site settings
        with CaptureQueriesContext(connection) as queries:
            assert caseworker_client.get(print_url(case)).status_code == 200
        return len(queries)

    assert queries_for(20) == queries_for(2)
