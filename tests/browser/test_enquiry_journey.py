"""A citizen takes the self-check, sends an enquiry with one mistake, and follows the case."""

import re

import pytest

from portal.cases.models import Case
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_self_check_to_enquiry_to_receipt_to_status(page):
    page.goto("/raadgivning/")
    page.get_by_role("link", name="Tag selvtjekket").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Er det en socialøkonomisk virksomhed?"
    )
    assert_no_axe_violations(page)

    answers = {
        "Har virksomheden eller idéen et socialt": "Ja",
        "Sælger virksomheden ydelser eller produkter?": "Ja",
        "Bliver et eventuelt overskud brugt": "Ja",
        "Træffer virksomheden selv sine beslutninger": "Ved ikke",
        "Har virksomheden et CVR-nummer?": "Nej",
    }
    for question, answer in answers.items():
        group = page.get_by_role("group", name=re.compile(re.escape(question)))
        group.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Se resultatet").click()

    assert page.url.endswith(
        "/tjek/resultat/?formaal=ja&salg=ja&overskud=ja&uafhaengig=ved-ikke&cvr=nej"
    )
    assert page.get_by_text("Du opfylder 3 af de fem kendetegn").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Send en henvendelse med dine svar").click()

    # The form starts from the answers.
    assert page.get_by_label("At starte en socialøkonomisk virksomhed").is_checked()
    message = page.get_by_label("Hvad vil du gerne have hjælp til?")
    assert "Har virksomheden et CVR-nummer? Nej" in message.input_value()

    page.get_by_label("Iværksætter").check()
    page.get_by_label("Dit navn").fill("Mette Hansen")
    page.get_by_role("textbox", name="E-mail").fill("mette@example")  # the mistake
    message.fill(message.input_value() + "\nKan I hjælpe med at vælge virksomhedsform?")
    page.get_by_role("button", name="Send henvendelsen").click()

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Skriv en gyldig e-mail-adresse" in summary.inner_text()
    assert page.title().startswith("Fejl:")
    assert page.get_by_label("Dit navn").input_value() == "Mette Hansen"
    assert_no_axe_violations(page)
    assert not Case.objects.exists()

    summary.get_by_role("link").first.click()
    page.get_by_role("textbox", name="E-mail").fill("mette@example.dk")
    page.get_by_role("button", name="Send henvendelsen").click()

    case = Case.objects.get()
    assert page.get_by_role("heading", level=1).inner_text() == "Tak for din henvendelse"
    assert page.get_by_text(case.reference).first.is_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Se din sag").click()
    assert page.url.endswith(f"/sag/{case.public_token}/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Din sag {case.reference}"
    status_row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Status"))
    assert status_row.get_by_role("cell").inner_text() == "Modtaget"
    assert_no_axe_violations(page)
