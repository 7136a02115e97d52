"""An entrepreneur applies for start-up support in Chromium: one mistake, one refused upload, a
draft saved and resumed from the link in the e-mail in a fresh browser, then sent.

`fill_and_submit_application()` is the journey as a function, so that a longer journey can go
on from the case it returns (the caseworker's assessment and decision).
"""

import re
from urllib.parse import urlsplit

import pytest

from entrepreneurs.models import GrantApplication, SupportScheme
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from tests.browser.conftest import assert_no_axe_violations
from tests.entrepreneurs.factories import SupportSchemeFactory

pytestmark = pytest.mark.django_db(transaction=True)

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer << >>\n%%EOF\n"

PURPOSE = {
    "Virksomhedens sociale formål": "En café, der giver unge uden job deres første arbejde.",
    "Den har et socialt, sundheds- eller miljømæssigt formål": "Job og træning for unge.",
    "Den har salg af ydelser og/eller produkter": "Kaffe, frokost og catering.",
    "Den geninvesterer et eventuelt overskud i virksomheden og formålet": "Ja, i vedtægterne.",
    "Den er organisatorisk uafhængig af den offentlige sektor": "Egen bestyrelse.",
    "Den har et CVR-nummer": "Når foreningen er stiftet.",
}


def _continue(page) -> None:
    page.get_by_role("button", name="Gem og fortsæt").click()


def fill_and_submit_application(
    page, live_server_url: str, *, browser, scheme: SupportScheme, email: str = "mette@example.dk"
) -> Case:
    """Apply to `scheme` from its public page; returns the case the application opened."""
    page.goto(f"{live_server_url}/ivaerksaettere/stoette/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=scheme.name).click()
    assert page.get_by_role("heading", level=1).inner_text() == scheme.name
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Start ansøgningen").click()

    assert "Trin 1 af 7: Om dig" in page.get_by_role("heading", level=1).inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Dit navn", exact=True).fill("Mette Jensen")
    page.get_by_role("textbox", name="E-mail").fill(email)
    page.get_by_label("Adresse", exact=True).fill("Storegade 12")
    page.get_by_label("Postnummer", exact=True).fill("6100")
    page.get_by_label("By", exact=True).fill("Haderslev")
    _continue(page)

    assert "Virksomheden" in page.get_by_role("heading", level=1).inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Virksomhedens navn", exact=True).fill("Café Kanten")
    page.get_by_label("Forening", exact=True).check()
    page.get_by_label("Startdato").fill("1.3.2027")
    _continue(page)

    assert_no_axe_violations(page)
    for label, text in PURPOSE.items():
        page.get_by_label(label, exact=True).fill(text)
    _continue(page)

    assert_no_axe_violations(page)
    page.get_by_label("Forretningsmodel: hvad sælger virksomheden, og til hvem?").fill(
        "Salg til gæster og frokostordninger til virksomheder."
    )
    page.get_by_label("Målgruppe", exact=True).fill("Unge 18–30 år uden uddannelse eller job.")
    page.get_by_label("Hvor mange fra kanten af arbejdsmarkedet").fill("4")
    _continue(page)

    # The budget, with one mistake: more than half of it applied for.
    assert_no_axe_violations(page)
    page.get_by_label(re.compile(r"^Post 1\b")).fill("Kaffemaskine og inventar")
    page.get_by_label(re.compile(r"^Beløb for post 1\b")).fill("60.000")
    page.get_by_label(re.compile(r"^Post 2\b")).fill("Rådgivning")
    page.get_by_label(re.compile(r"^Beløb for post 2\b")).fill("20 000")
    page.get_by_label("Hvor meget søger du?").fill("45.000")
    page.get_by_label("Anden de minimis-støtte de seneste tre år").fill("0")
    _continue(page)
    summary = page.locator(".error-summary")
    assert "Du kan højst søge 50 % af budgettet, dvs. 40.000 kr." in summary.inner_text()
    assert page.title().startswith("Fejl:")
    assert page.get_by_label(re.compile(r"^Post 1\b")).input_value() == "Kaffemaskine og inventar"
    assert page.get_by_text("80.000 kr.").first.is_visible()  # the computed total
    assert_no_axe_violations(page)
    page.get_by_label("Hvor meget søger du?").fill("40.000")
    _continue(page)

    # The attachments, one of them a program with a PDF's name.
    assert "Bilag" in page.get_by_role("heading", level=1).inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Vælg filer").set_input_files(
        [
            {"name": "forretningsplan.pdf", "mimeType": "application/pdf", "buffer": PDF},
            {"name": "budget.pdf", "mimeType": "application/pdf", "buffer": EXE},
        ]
    )
    page.get_by_role("button", name="Upload filerne").click()
    refused = page.locator(".error-summary").inner_text()
    assert "»budget.pdf« blev ikke gemt" in refused
    assert page.get_by_text("forretningsplan.pdf").first.is_visible()
    assert_no_axe_violations(page)

    # Save the draft and get the link by e-mail.
    page.get_by_role("button", name="Gem kladde og send mig linket").click()
    assert page.get_by_text(f"Vi har sendt linket til den til {email}").is_visible()
    message = OutboxMessage.objects.filter(to=email).latest("pk")
    link = re.search(r"https?://\S+/stoette/ansoegning/\S+/", message.body).group(0)

    # Another browser, as on another day: the link resumes the draft.
    context = browser.new_context(locale="da-DK")
    try:
        fresh = context.new_page()
        fresh.set_default_timeout(10_000)
        fresh.goto(live_server_url + urlsplit(link).path)
        assert "Se og send" in fresh.get_by_role("heading", level=1).inner_text()
        assert fresh.get_by_text("Café Kanten").first.is_visible()
        assert fresh.get_by_text("forretningsplan.pdf").first.is_visible()
        assert_no_axe_violations(fresh)
        fresh.get_by_role("button", name="Send ansøgningen").click()
        assert (
            "Sæt kryds for at afgive erklæringen." in fresh.locator(".error-summary").inner_text()
        )
        assert_no_axe_violations(fresh)
        fresh.get_by_label("Jeg erklærer på tro og love").check()
        fresh.get_by_role("button", name="Send ansøgningen").click()

        assert fresh.get_by_role("heading", level=1).inner_text() == "Tak for din ansøgning"
        case = Case.objects.get(grant_application__enterprise_name="Café Kanten")
        assert fresh.get_by_text(case.reference).first.is_visible()
        assert_no_axe_violations(fresh)
    finally:
        context.close()
    return case


def test_entrepreneur_applies_with_a_mistake_a_refused_file_and_a_resumed_draft(
    page, live_server, browser
):
    scheme = SupportSchemeFactory(name="Iværksætterpuljen", slug="ivaerksaetterpuljen")
    case = fill_and_submit_application(page, live_server.url, browser=browser, scheme=scheme)

    application = GrantApplication.objects.get(case=case)
    assert application.amount_requested == 40_000
    assert application.budget_total == 80_000
    assert [a.original_name for a in application.attachments.all()] == ["forretningsplan.pdf"]
    receipts = OutboxMessage.objects.filter(to="mette@example.dk", subject__contains=case.reference)
    assert receipts.count() == 1
