"""A caseworker opens a case by hand for a phone call or a visit at the counter."""

import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.cases import services
from portal.cases.by_hand import by_hand_details, enquiry_by_hand
from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage
from portal.registry.models import Company, Contact
from tests.factories import ContactFactory, valid_cvr

pytestmark = pytest.mark.django_db

INBOX = reverse("admin:cases_case_changelist")
OPEN = reverse("admin:cases_case_add")

PHONE_CALL = {
    "channel": "phone",
    "kind": "advice",
    "name": "Jens Jensen",
    "email": "",
    "phone": "20 30 40 50",
    "cvr": "",
    "subject": "Opstart af et vaskeri med job til udsatte ledige",
    "asked": "Ringede og spurgte, om kommunen kan hjælpe med at finde lokaler.",
    "take": "on",
}


def test_the_inbox_offers_opret_sag(caseworker_client):
    html = caseworker_client.get(INBOX).content.decode()
    assert f'<a href="{OPEN}" class="addlink">Opret sag</a>' in html
    assert "Tilføj sag" not in html


def test_a_phone_call_becomes_a_case_with_reference_deadline_and_channel(
    caseworker_client, caseworker
):
    response = caseworker_client.post(OPEN, PHONE_CALL)

    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:cases_case_change", args=[case.pk])
    assert case.reference == f"SØ-{timezone.localdate().year}-0001"
    assert case.deadline == services.first_answer_deadline(timezone.localdate())
    assert case.channel == Case.Channel.PHONE
    assert case.kind == Case.Kind.ADVICE
    assert case.assignee == caseworker
    assert (case.contact.name, case.contact.email, case.contact.phone) == (
        "Jens Jensen",
        "",
        "20 30 40 50",
    )
    assert not OutboxMessage.objects.exists()


def test_the_contacts_history_says_it_was_made_on_a_case_opened_manually(caseworker_client):
    caseworker_client.post(OPEN, PHONE_CALL)

    record = Case.objects.get().contact.history.get()
    assert record.history_change_reason == (
        "Oprettet af en sagsbehandler på en sag oprettet manuelt"
    )


def test_what_was_asked_is_the_first_note_and_what_the_case_page_shows(
    caseworker_client, caseworker
):
    caseworker_client.post(OPEN, PHONE_CALL)
    case = Case.objects.get()

    note = enquiry_by_hand(case)

    assert note.kind == CaseEvent.Kind.NOTE and not note.shared_with_enquirer
    assert note.text == PHONE_CALL["asked"] and note.author == caseworker
    first_entries = list(case.events.values_list("kind", flat=True)[:2])
    assert first_entries == [CaseEvent.Kind.STATUS_CHANGE, CaseEvent.Kind.NOTE]
    details = by_hand_details(case)
    assert details.title == "Henvendelsen"
    assert [(row.label, row.value) for row in details.rows] == [
        ("Kom via", "Telefon"),
        ("Henvenderen spurgte om", PHONE_CALL["asked"]),
    ]


def test_a_case_from_a_public_form_has_no_enquiry_by_hand(caseworker):
    from tests.portal.cases.factories import CaseFactory

    case = CaseFactory()
    services.add_note(case=case, text="Et notat.", by=caseworker)

    assert enquiry_by_hand(case) is None


def test_the_receipt_is_sent_only_when_chosen(caseworker_client):
    caseworker_client.post(OPEN, {**PHONE_CALL, "email": "jens@example.dk"})
    assert not OutboxMessage.objects.exists()

    caseworker_client.post(
        OPEN, {**PHONE_CALL, "email": "jens@example.dk", "send_receipt": "on", "channel": "counter"}
    )

    second = Case.objects.get(channel=Case.Channel.COUNTER)
    message = OutboxMessage.objects.get()
    assert message.to == "jens@example.dk"
    assert second.reference in message.body
    assert message.about == second


def test_a_receipt_needs_an_e_mail_address(caseworker_client):
    response = caseworker_client.post(OPEN, {**PHONE_CALL, "send_receipt": "on"})

    assert response.status_code == 200
    assert "Kvitteringen sendes på e-mail: skriv henvenderens e-mailadresse." in (
        response.content.decode()
    )
    assert not Case.objects.exists()


def test_an_invalid_cvr_is_refused_in_danish_and_nothing_is_stored(caseworker_client):
    contacts = Contact.objects.count()

    response = caseworker_client.post(OPEN, {**PHONE_CALL, "cvr": "12345678"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ugyldigt CVR-nummer" in page
    assert PHONE_CALL["asked"] in page  # what was typed stays
    assert not Case.objects.exists()
    assert Contact.objects.count() == contacts
    assert not Company.objects.exists()


def test_an_unknown_cvr_makes_a_draft_company(caseworker_client):
    cvr = valid_cvr(77)

    caseworker_client.post(OPEN, {**PHONE_CALL, "cvr": cvr})

    case = Case.objects.get()
    assert case.company.cvr == cvr and case.company.needs_review


def test_a_known_e_mail_address_reuses_the_contact(caseworker_client):
    known = ContactFactory(name="Mette Hansen", email="mette@example.dk", phone="")

    caseworker_client.post(
        OPEN, {**PHONE_CALL, "name": "Mette Hansen", "email": "Mette@Example.dk"}
    )

    case = Case.objects.get()
    assert case.contact == known
    known.refresh_from_db()
    assert known.phone == "20 30 40 50"  # a number it lacked is added
    assert Contact.objects.filter(email__iexact="mette@example.dk").count() == 1


def test_a_failure_after_the_contact_leaves_nothing_half_written(caseworker_client):
    contacts = Contact.objects.count()

    with (
        mock.patch("portal.cases.by_hand.services.assign", side_effect=RuntimeError("nede")),
        pytest.raises(RuntimeError),
    ):
        caseworker_client.post(OPEN, PHONE_CALL)

    assert not Case.objects.exists()
    assert not CaseEvent.objects.exists()
    assert Contact.objects.count() == contacts


def test_an_enquirer_with_neither_e_mail_nor_phone_cannot_be_answered(caseworker_client):
    response = caseworker_client.post(OPEN, {**PHONE_CALL, "phone": ""})

    assert "Skriv en e-mailadresse eller et telefonnummer" in response.content.decode()
    assert not Case.objects.exists()


def test_the_form_is_danish_and_has_no_receipt_ticked(caseworker_client):
    page = caseworker_client.get(OPEN).content.decode()

    for label in ("Henvendelsen kom via", "Hvad spurgte henvenderen om?", "CVR-nummer"):
        assert label in page
    assert "Send kvittering til henvender" in page
    receipt_box = re.search(r'<input type="checkbox" name="send_receipt"[^>]*>', page).group(0)
    assert "checked" not in receipt_box
    assert 'value="web"' not in page  # the public form's channel is not a choice here


def test_only_staff_with_the_cases_role_may_open_a_case(outsider_client):
    assert outsider_client.get(OPEN).status_code == 403
    assert outsider_client.post(OPEN, PHONE_CALL).status_code == 403
    assert not Case.objects.exists()
