import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from entrepreneurs.decisions import services
from entrepreneurs.decisions.privacy import anonymise_decisions, find_decisions
from entrepreneurs.models import Assessment, Decision, Payment
from portal.privacy.registry import Subject
from tests.entrepreneurs.decisions.helpers import approve, submitted

pytestmark = pytest.mark.django_db


def test_the_report_lists_the_persons_decisions(caseworker):
    approve(submitted(), caseworker)
    approve(submitted(), caseworker)

    [row, _other] = find_decisions(Subject(email="METTE@example.dk"))

    assert row["Afgørelse"] == "Bevilget"
    assert row["Bevilget beløb i kr."] == 40_000
    assert find_decisions(Subject(email="nogen@andre.dk")) == []


def test_anonymising_the_case_removes_the_letters_and_free_text_and_keeps_the_numbers(caseworker):
    application = submitted()
    services.assess_application(
        application=application, answers={"notes": "Mette har gæld."}, by=caseworker
    )
    decision = approve(application, caseworker)
    services.record_payment(
        application=application,
        paid_on=timezone.localdate(),
        amount=10_000,
        by=caseworker,
        note="Til Mette Jensen",
    )
    pdf = decision.letter_pdf.name

    assert anonymise_decisions(application.case) == 1
    assert anonymise_decisions(application.case) == 1  # idempotent

    decision = Decision.objects.get()
    assert (decision.letter_html, decision.letter_pdf.name) == ("", "")
    assert not default_storage.exists(pdf)
    assert decision.reasons == "Anonymiseret"
    assert (decision.outcome, decision.amount) == ("approved", 40_000)
    assert not Decision.history.filter(letter_html__contains="Mette").exists()
    assert Assessment.objects.get().notes == ""
    assert not Assessment.history.exclude(notes="").exists()
    assert Payment.objects.get().note == "" and Payment.objects.get().amount == 10_000


def test_an_anonymised_letter_is_gone_from_every_page(client, caseworker):
    decision = approve(submitted(), caseworker)
    case = decision.application.case
    anonymise_decisions(case)

    status = client.get(reverse("cases:status", args=[case.public_token]))
    assert "Du får 40.000 kr. i tilskud." in status.content.decode()
    assert "afgørelsesbrevet" not in status.content.decode()
    for name in ("entrepreneurs:decision-letter", "entrepreneurs:decision-letter-pdf"):
        assert client.get(reverse(name, args=[case.public_token, decision.pk])).status_code == 404
    client.force_login(caseworker)
    assert client.get(reverse("admin:cases_case_change", args=[case.pk])).status_code == 200
    letter = reverse("admin:entrepreneurs_decision_letter_pdf", args=[decision.pk])
    assert client.get(letter).status_code == 404
