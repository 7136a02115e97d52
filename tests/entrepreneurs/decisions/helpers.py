"""Shared steps for the decision tests: an application with an assessment, a decision made."""

import io

from pypdf import PdfReader

from entrepreneurs.decisions import services
from entrepreneurs.models import Decision, GrantApplication
from tests.entrepreneurs.factories import GrantApplicationFactory

REASONS = "Virksomheden opfylder de fem kendetegn, og budgettet er rimeligt."


def approve(application: GrantApplication, by, amount: int = 40_000, **kwargs) -> Decision:
    return services.decide(
        application=application,
        outcome=Decision.Outcome.APPROVED,
        amount=amount,
        conditions=kwargs.pop("conditions", "Tilskuddet bruges til udstyr og rådgivning."),
        payment_plan=kwargs.pop("payment_plan", "Halvdelen nu, resten når caféen åbner."),
        reasons=kwargs.pop("reasons", REASONS),
        legal_basis=kwargs.pop("legal_basis", application.scheme.legal_basis),
        by=by,
        **kwargs,
    )


def reject(application: GrantApplication, by, **kwargs) -> Decision:
    return services.decide(
        application=application,
        outcome=Decision.Outcome.REJECTED,
        reasons=kwargs.pop("reasons", "Virksomheden er ikke uafhængig af den offentlige sektor."),
        legal_basis=kwargs.pop("legal_basis", application.scheme.legal_basis),
        by=by,
        **kwargs,
    )


def pdf_text(decision: Decision) -> str:
    with decision.letter_pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    # Join the lines: a phrase may wrap across two lines of the letter.
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def submitted(**kwargs) -> GrantApplication:
    return GrantApplicationFactory(**kwargs)
