"""decide(): the letter, the e-mail with the PDF, the journal, the closed case, the refusals."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from entrepreneurs.decisions import services
from entrepreneurs.decisions.letters import FONTS, fonts_only_fetcher, render_letter_pdf
from entrepreneurs.models import Decision
from portal.admin_display import danish_date
from portal.cases import services as cases
from portal.cases.models import Case, CaseEvent
from portal.notifications.models import OutboxMessage
from portal.notifications.services import send_due_messages
from portal.pages.models import SiteSettings
from tests.entrepreneurs.decisions.helpers import approve, pdf_text, reject, submitted

pytestmark = pytest.mark.django_db


def _deadline(weeks: int = 4) -> str:
    return danish_date(timezone.localdate() + datetime.timedelta(weeks=weeks))


def test_approval_writes_the_letter_sends_it_and_closes_the_case(caseworker):
    application = submitted()

    decision = approve(application, caseworker)

    text = pdf_text(decision)
    assert "Du får 40.000 kr. i tilskud til Café Kanten." in text
    assert "Lov om erhvervsfremme § 14, stk. 1" in text
    assert "Klagevejledning" in text
    assert f"senest den {_deadline()}" in text
    assert application.case.reference in text
    assert "Tilskuddet bruges til udstyr og rådgivning." in text  # the conditions
    assert "Halvdelen nu, resten når caféen åbner." in text  # the payment plan
    assert caseworker.get_full_name() in text
    assert decision.letter_html.startswith("<!DOCTYPE html>")
    assert "40.000 kr." in decision.letter_html
    assert decision.complaint_deadline == timezone.localdate() + datetime.timedelta(weeks=4)
    assert decision.pool_year == timezone.localdate().year

    [message] = OutboxMessage.objects.filter(to="mette@example.dk")
    assert message.subject == f"Afgørelse i din sag {application.case.reference}"
    assert "Du får 40.000 kr. i tilskud til Café Kanten." in message.body
    assert application.case.public_token in message.body
    # One letter: one greeting, signed by the caseworker who decided and by the municipality.
    assert message.body.count("Kære ") == 1 and message.body.count("Venlig hilsen") == 1
    sign_off = message.body.split("Venlig hilsen", 1)[1]
    assert caseworker.get_full_name() in sign_off
    assert SiteSettings.load().municipality_name in sign_off
    [attachment] = message.attachments
    assert attachment["mimetype"] == "application/pdf"
    assert attachment["stored_file"] == decision.letter_pdf.name

    case = Case.objects.get(pk=application.case_id)
    assert case.status == Case.Status.CLOSED
    shared = case.events.filter(shared_with_enquirer=True, kind=CaseEvent.Kind.MESSAGE).get()
    assert "Du får 40.000 kr. i tilskud." in shared.text
    assert _deadline() in shared.text
    assert case.events.filter(kind=CaseEvent.Kind.STATUS_CHANGE, new_status="closed").exists()


def test_rejection_states_it_first_with_reasons_and_no_amount(caseworker):
    application = submitted()

    decision = reject(application, caseworker)

    text = pdf_text(decision)
    assert "Du får afslag på din ansøgning om tilskud til Café Kanten." in text
    assert "ikke uafhængig af den offentlige sektor" in text
    assert "Klagevejledning" in text
    assert "Vilkår for tilskuddet" not in text
    assert decision.amount is None
    [message] = OutboxMessage.objects.filter(to="mette@example.dk")
    assert "Du får afslag" in message.body


def test_the_letter_quotes_the_assessment(caseworker):
    application = submitted()
    services.assess_application(
        application=application,
        answers={"purpose": "met", "independence": "not_met", "notes": "Internt: tjek vedtægter"},
        by=caseworker,
    )

    text = pdf_text(approve(application, caseworker))

    assert "Uafhængighed af den offentlige sektor Ikke opfyldt" in text
    assert "Internt" not in text  # notes stay internal


def test_a_second_decision_is_refused_and_nothing_is_written(caseworker):
    application = submitted()
    approve(application, caseworker)

    with pytest.raises(ValidationError, match="allerede truffet afgørelse"):
        reject(application, caseworker)

    assert Decision.objects.count() == 1
    assert OutboxMessage.objects.filter(to="mette@example.dk").count() == 1


def test_the_database_refuses_a_second_first_decision(caseworker):
    first = approve(submitted(), caseworker)

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            application=first.application,
            outcome=Decision.Outcome.REJECTED,
            reasons="x",
            legal_basis="x",
            complaint_guidance="x",
            complaint_deadline=first.complaint_deadline,
            pool_year=first.pool_year,
            decided_by=caseworker,
        )


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (45_000, "større end det ansøgte, 40.000 kr."),
        (0, "Skriv det beløb"),
        (None, "Skriv det beløb"),
    ],
)
def test_amounts_the_rules_do_not_allow_are_refused(caseworker, amount, message):
    application = submitted()

    with pytest.raises(ValidationError, match=message):
        approve(application, caseworker, amount=amount)

    assert not Decision.objects.exists()
    assert Case.objects.get(pk=application.case_id).status == Case.Status.RECEIVED


def test_an_amount_over_the_schemes_maximum_is_refused(caseworker):
    application = submitted(amount_requested=60_000, budget=[("Lokaler", 200_000)])

    with pytest.raises(ValidationError, match="højeste beløb, 50.000 kr."):
        approve(application, caseworker, amount=55_000)


def test_reasons_and_rules_are_required(caseworker):
    application = submitted()

    with pytest.raises(ValidationError) as refused:
        approve(application, caseworker, reasons=" ", legal_basis="")

    assert set(refused.value.error_dict) == {"reasons", "legal_basis"}
    assert not Decision.objects.exists()


def test_a_grant_beyond_the_pool_is_refused_for_the_caseworker(caseworker):
    first = submitted()
    first.scheme.yearly_pool = 60_000
    first.scheme.save()
    approve(first, caseworker)
    second = submitted(scheme=first.scheme)

    with pytest.raises(ValidationError, match="puljens rest for .*, 20.000 kr.*Kun en leder"):
        approve(second, caseworker, amount=30_000)

    approve(second, caseworker, amount=20_000)  # what is left is allowed


def test_a_manager_must_confirm_a_grant_beyond_the_pool(manager):
    application = submitted()
    application.scheme.yearly_pool = 10_000
    application.scheme.save()

    with pytest.raises(ValidationError) as refused:
        approve(application, manager)
    assert "over_pool_confirmed" in refused.value.error_dict

    decision = approve(application, manager, over_pool_confirmed=True)
    assert decision.over_pool_confirmed_by == manager


def test_a_decision_on_a_closed_case_is_refused(caseworker):
    application = submitted()
    cases.change_status(case=application.case, to=Case.Status.CLOSED, by=caseworker)

    with pytest.raises(ValidationError, match="Sagen er afsluttet"):
        approve(application, caseworker)


def test_the_worker_sends_the_letter_as_a_pdf_attachment(caseworker, mailoutbox):
    decision = approve(submitted(), caseworker)

    assert send_due_messages() == 1
    [email] = mailoutbox
    assert email.to == ["mette@example.dk"]
    [(filename, content, mimetype)] = email.attachments
    assert filename == f"afgoerelse-{decision.application.case.reference}-{decision.pk}.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "url", ["https://example.com/x.png", "http://example.com/x.css", "file:///etc/passwd"]
)
def test_rendering_fetches_nothing_but_the_vendored_fonts(url):
    with pytest.raises(ValueError, match="fetches nothing"):
        fonts_only_fetcher().fetch(url)
    assert fonts_only_fetcher().fetch((FONTS / "woff" / "IBMPlexSans-Regular.woff").as_uri())
    # A letter that names such a file renders all the same, without it.
    assert render_letter_pdf(f'<p>Brev</p><img src="{url}" alt="">').startswith(b"%PDF")


def test_a_decision_that_fails_at_the_end_leaves_no_letter_file(caseworker, monkeypatch, settings):
    application = submitted()

    def fail(**kwargs):
        raise ValidationError("Sagen kan ikke afsluttes.")

    monkeypatch.setattr(cases, "change_status", fail)
    with pytest.raises(ValidationError, match="kan ikke afsluttes"):
        approve(application, caseworker)

    assert not Decision.objects.exists() and not OutboxMessage.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
