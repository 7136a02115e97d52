"""The caseworker's pages (per persona), the applicant's status page and letter, the company
page, the admin-home tiles and the query counts."""

import datetime
import re
from html import unescape

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from entrepreneurs.decisions import services
from entrepreneurs.decisions.case_details import decision_details
from entrepreneurs.decisions.company import company_grants_section
from entrepreneurs.decisions.tiles import decision_tiles
from entrepreneurs.models import Assessment, Decision, Payment
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from tests.entrepreneurs.decisions.helpers import REASONS, approve, reject, submitted
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _pages(application, decision=None):
    pages = {
        "assess": reverse("admin:entrepreneurs_assessment_assess", args=[application.pk]),
        "decide": reverse("admin:entrepreneurs_assessment_decide", args=[application.pk]),
        "payment": reverse("admin:entrepreneurs_assessment_payment", args=[application.pk]),
        "pool": reverse("admin:entrepreneurs_decision_pool"),
        "assessments": reverse("admin:entrepreneurs_assessment_changelist"),
        "payments": reverse("admin:entrepreneurs_payment_changelist"),
        "list": reverse("admin:entrepreneurs_decision_changelist"),
    }
    if decision is not None:
        pages["correct"] = reverse("admin:entrepreneurs_decision_correct", args=[decision.pk])
        pages["letter"] = reverse("admin:entrepreneurs_decision_letter", args=[decision.pk])
        pages["letter_pdf"] = reverse("admin:entrepreneurs_decision_letter_pdf", args=[decision.pk])
    return pages


def test_every_page_is_closed_to_an_outsider_and_to_anonymous(client, outsider, caseworker):
    decision = approve(submitted(), caseworker)
    pages = _pages(decision.application, decision)

    for url in pages.values():
        assert client.get(url).status_code == 302  # to the login
    client.force_login(outsider)
    for name, url in pages.items():
        assert client.get(url).status_code == 403, name


def test_the_case_page_shows_the_section_and_its_actions(caseworker_client, caseworker):
    application = submitted()

    response = caseworker_client.get(reverse("admin:cases_case_change", args=[application.pk]))

    text = _text(response)
    assert "Vurdering, afgørelse og udbetaling" in text
    assert "Ansøgningen er ikke vurderet endnu." in text
    assert "Vurder ansøgningen" in text and "Træf afgørelse" in text
    assert "Registrér udbetaling" not in text  # nothing granted yet


def test_assessing_saves_with_history_and_notes_the_case(caseworker_client, caseworker):
    application = submitted()
    url = reverse("admin:entrepreneurs_assessment_assess", args=[application.pk])
    answers = {
        "purpose": "met",
        "sales": "met",
        "surplus": "unclear",
        "independence": "not_met",
        "cvr": "met",
        "budget_reasonable": "met",
        "notes": "Vedtægterne mangler.",
    }
    assert "Vurder ansøgningen" in _text(caseworker_client.get(url))

    response = caseworker_client.post(url, answers)

    assert response.status_code == 302
    assessment = Assessment.objects.get(application=application)
    assert (assessment.independence, assessment.notes) == ("not_met", "Vedtægterne mangler.")
    assert assessment.history.count() == 1
    assert application.case.events.filter(text__contains="Ansøgningen er vurderet.").exists()
    caseworker_client.post(url, {**answers, "independence": "met"})
    assert assessment.history.count() == 2
    page = _text(caseworker_client.get(reverse("admin:cases_case_change", args=[application.pk])))
    assert "Uafhængighed af den offentlige sektor: Opfyldt" in page


def test_the_decision_form_refuses_bad_input_and_keeps_it(caseworker_client):
    application = submitted()
    url = reverse("admin:entrepreneurs_assessment_decide", args=[application.pk])
    page = _text(caseworker_client.get(url))
    assert "Lov om erhvervsfremme § 14" in page  # the scheme's legal basis, prefilled
    assert "Puljen er 300.000 kr." in page

    response = caseworker_client.post(
        url,
        {"outcome": "approved", "amount": "45.000", "reasons": "Fin idé.", "legal_basis": "§ 14"},
    )

    assert response.status_code == 200
    text = _text(response)
    assert "større end det ansøgte, 40.000 kr." in text
    assert "Fin idé." in text
    assert not Decision.objects.exists()
    response = caseworker_client.post(
        url, {"outcome": "approved", "amount": "12,5", "reasons": "x", "legal_basis": "x"}
    )
    assert "Skriv beløbet i hele kroner, fx 12.500." in _text(response)
    assert 'value="12,5"' in response.content.decode()


def test_the_caseworker_approves_from_the_form(caseworker_client):
    application = submitted()
    url = reverse("admin:entrepreneurs_assessment_decide", args=[application.pk])

    response = caseworker_client.post(
        url,
        {
            "outcome": "approved",
            "amount": "40.000",
            "conditions": "Til udstyr.",
            "payment_plan": "To rater.",
            "reasons": REASONS,
            "legal_basis": application.scheme.legal_basis,
        },
    )

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.amount == 40_000
    page = _text(caseworker_client.get(reverse("admin:cases_case_change", args=[application.pk])))
    assert "Bevilget 40.000 kr." in page
    assert "Afgørelsesbrev af" in page and "Ret afgørelsen" in page
    assert "Registrér udbetaling" in page
    # A second go at the form leads to the correction instead.
    again = caseworker_client.get(url)
    assert "Der er allerede truffet afgørelse i sagen" in _text(again)
    correct = reverse("admin:entrepreneurs_decision_correct", args=[decision.pk])
    assert correct in again.content.decode()
    assert caseworker_client.post(url, {"outcome": "rejected"}).status_code == 200
    assert Decision.objects.count() == 1


def test_the_caseworker_is_not_offered_the_over_pool_confirmation(caseworker_client, manager):
    application = submitted()
    url = reverse("admin:entrepreneurs_assessment_decide", args=[application.pk])
    assert "puljens rest" not in _text(caseworker_client.get(url))
    caseworker_client.force_login(manager)
    assert "Jeg godkender en bevilling, der er større end puljens rest" in _text(
        caseworker_client.get(url)
    )


def test_the_manager_confirms_a_grant_beyond_the_pool(manager_client, manager):
    application = submitted()
    application.scheme.yearly_pool = 10_000
    application.scheme.save()
    url = reverse("admin:entrepreneurs_assessment_decide", args=[application.pk])
    data = {
        "outcome": "approved",
        "amount": "40.000",
        "reasons": REASONS,
        "legal_basis": application.scheme.legal_basis,
    }

    refused = manager_client.post(url, data)
    assert "Bekræft, at du godkender bevillingen ud over puljen." in _text(refused)

    assert manager_client.post(url, {**data, "over_pool_confirmed": "on"}).status_code == 302
    assert Decision.objects.get().over_pool_confirmed_by == manager


def test_correcting_from_the_form(caseworker_client, caseworker):
    decision = approve(submitted(), caseworker)
    url = reverse("admin:entrepreneurs_decision_correct", args=[decision.pk])
    assert "Den afgørelse, du retter" in _text(caseworker_client.get(url))

    response = caseworker_client.post(
        url,
        {
            "correction_reason": "Regnefejl i budgettet.",
            "outcome": "approved",
            "amount": "35 000",
            "reasons": REASONS,
            "legal_basis": decision.legal_basis,
        },
    )

    assert response.status_code == 302
    new = Decision.objects.get(corrects=decision)
    assert new.amount == 35_000
    page = _text(
        caseworker_client.get(reverse("admin:cases_case_change", args=[decision.application.pk]))
    )
    assert "Erstattet af afgørelsen af" in page
    assert caseworker_client.get(url).status_code == 404  # the old one can't be corrected again


def test_recording_a_payment_and_refusing_one_over_the_grant(caseworker_client, caseworker):
    application = approve(submitted(), caseworker).application
    url = reverse("admin:entrepreneurs_assessment_payment", args=[application.pk])
    today = timezone.localdate().isoformat()

    assert caseworker_client.post(url, {"paid_on": today, "amount": "20.000"}).status_code == 302
    refused = caseworker_client.post(url, {"paid_on": today, "amount": "20.001"})

    assert "Der kan højst udbetales 20.000 kr. mere" in _text(refused)
    assert list(Payment.objects.values_list("amount", flat=True)) == [20_000]
    page = _text(caseworker_client.get(reverse("admin:cases_case_change", args=[application.pk])))
    assert "20.000 kr. af 40.000 kr." in page


def test_the_admin_letter_pages(caseworker_client, caseworker):
    decision = approve(submitted(), caseworker)

    html = caseworker_client.get(reverse("admin:entrepreneurs_decision_letter", args=[decision.pk]))
    pdf = caseworker_client.get(
        reverse("admin:entrepreneurs_decision_letter_pdf", args=[decision.pk])
    )

    assert "Du får 40.000 kr. i tilskud" in _text(html)
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert pdf["Content-Type"] == "application/pdf"


def test_the_pool_page(caseworker_client, caseworker, django_assert_max_num_queries):
    first = approve(submitted(), caseworker)
    for _ in range(3):
        approve(submitted(scheme=first.application.scheme), caseworker, amount=10_000)
    scheme = first.application.scheme
    url = reverse("admin:entrepreneurs_decision_pool")
    year = timezone.localdate().year

    with django_assert_max_num_queries(12):
        overview = _text(caseworker_client.get(url))
    with django_assert_max_num_queries(12):
        grants = _text(caseworker_client.get(f"{url}?ordning={scheme.pk}&aar={year}"))

    assert f"{scheme.name} År Pulje Bevilget Udbetalt Tilbage" in overview
    assert f"{year} 300.000 kr. 70.000 kr. 0 kr. 230.000 kr." in overview
    assert grants.count("Café Kanten") == 4
    assert caseworker_client.get(f"{url}?ordning={scheme.pk}&aar=1999").status_code == 404
    assert caseworker_client.get(f"{url}?ordning=x").status_code == 404


def test_the_decision_list_links_to_the_pools(caseworker_client, caseworker):
    decision = approve(submitted(), caseworker)

    text = _text(caseworker_client.get(reverse("admin:entrepreneurs_decision_changelist")))

    assert "Puljer: bevilget, udbetalt og tilbage" in text
    assert decision.application.case.reference in text


# --- the applicant -----------------------------------------------------------------------------


def test_the_status_page_shows_the_decision_and_the_letter(client, caseworker):
    decision = approve(submitted(), caseworker)
    token = decision.application.case.public_token

    response = client.get(reverse("cases:status", args=[token]))

    text = _text(response)
    assert "Du får 40.000 kr. i tilskud." in text
    deadline = decision.complaint_deadline
    assert f"senest den {deadline.day}. " in text
    letter = reverse("entrepreneurs:decision-letter", args=[token, decision.pk])
    pdf = reverse("entrepreneurs:decision-letter-pdf", args=[token, decision.pk])
    assert letter in response.content.decode() and pdf in response.content.decode()

    page = client.get(letter)
    assert "Klagevejledning" in _text(page)
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"]
    download = client.get(pdf)
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["X-Robots-Tag"] == "noindex, nofollow"


def test_the_status_page_shows_a_replaced_decision_as_replaced(client, caseworker):
    first = reject(submitted(), caseworker)
    services.correct_decision(
        decision=first,
        outcome=Decision.Outcome.APPROVED,
        amount=20_000,
        reasons=REASONS,
        legal_basis=first.legal_basis,
        reason="Vi havde overset vedtægterne.",
        by=caseworker,
    )

    text = _text(client.get(reverse("cases:status", args=[first.application.case.public_token])))

    assert "Du får 20.000 kr. i tilskud." in text
    assert "er erstattet" in text
    assert text.index("Du får 20.000 kr.") < text.index("er erstattet")


def test_a_wrong_token_or_another_cases_decision_is_404(client, caseworker):
    mine = approve(submitted(), caseworker)
    other = approve(submitted(), caseworker)
    token = mine.application.case.public_token

    assert (
        client.get(reverse("entrepreneurs:decision-letter", args=["x" * 30, mine.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("entrepreneurs:decision-letter", args=[token, other.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("entrepreneurs:decision-letter-pdf", args=[token, other.pk])).status_code
        == 404
    )


def test_an_application_without_a_decision_has_no_decision_section(client):
    application = submitted()

    text = _text(client.get(reverse("cases:status", args=[application.case.public_token])))

    assert "afgørelsesbrevet" not in text


# --- company page, tiles, queries ----------------------------------------------------------------


def test_the_company_page_shows_grants(caseworker_client, caseworker):
    company = CompanyFactory(name="Café Kanten ApS")
    granted = approve(submitted(), caseworker).application
    waiting = submitted()
    Case.objects.filter(pk__in=[granted.pk, waiting.pk]).update(company=company)
    services.record_payment(
        application=granted, paid_on=timezone.localdate(), amount=10_000, by=caseworker
    )

    text = _text(caseworker_client.get(reverse("admin:registry_company_change", args=[company.pk])))

    assert "Støtte til iværksættere" in text
    assert "Bevilget 40.000 kr., udbetalt 10.000 kr." in text
    assert "Afventer afgørelse" in text


def test_the_company_section_is_two_queries_however_many_grants(
    caseworker, django_assert_num_queries
):
    company = CompanyFactory()
    for _ in range(12):
        application = submitted()
        Case.objects.filter(pk=application.pk).update(company=company)
    approve(application, caseworker)

    with django_assert_num_queries(2):
        section = company_grants_section(company)

    assert len(section.rows) == 10 and section.total == 12


def test_the_admin_home_counts_applications_waiting_and_overdue(
    caseworker_client, caseworker, outsider
):
    submitted()
    submitted(expected_decision_on=timezone.localdate() - datetime.timedelta(days=1))
    approve(submitted(), caseworker)

    text = _text(caseworker_client.get(reverse("admin:index")))

    assert "2 Ansøgninger om støtte, der venter på afgørelse" in text
    assert "1 Ansøgninger om støtte over den lovede dato for afgørelse" in text
    [waiting, _overdue] = decision_tiles(RequestFactory().get("/admin/"))
    listed = _text(caseworker_client.get(waiting.url))
    assert listed.count("Ansøgning om støtte: Café Kanten") == 2  # the decided one is closed
    caseworker_client.force_login(outsider)
    assert "venter på afgørelse" not in _text(caseworker_client.get(reverse("admin:index")))


def test_the_case_details_are_bounded_in_queries(caseworker, django_assert_max_num_queries):
    decision = approve(submitted(), caseworker)
    for _ in range(5):
        services.record_payment(
            application=decision.application,
            paid_on=timezone.localdate(),
            amount=1_000,
            by=caseworker,
        )
    for n in range(3):
        decision = services.correct_decision(
            decision=decision,
            outcome="approved",
            amount=30_000 - n,
            reasons=REASONS,
            legal_basis="§ 14",
            reason="Rettelse",
            by=caseworker,
        )

    with django_assert_max_num_queries(3):
        details = decision_details(decision.application.case)

    assert sum(row.label == "Afgørelse" for row in details.rows) == 4


def test_no_letter_email_is_lost_when_the_decision_is_refused(caseworker_client):
    application = submitted()
    caseworker_client.post(
        reverse("admin:entrepreneurs_assessment_decide", args=[application.pk]),
        {"outcome": "rejected", "reasons": "", "legal_basis": ""},
    )
    assert not OutboxMessage.objects.exists()
