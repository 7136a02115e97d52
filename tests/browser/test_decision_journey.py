"""The caseworker assesses and approves a submitted application in Chromium and sees the
letter; the applicant's status page shows the decision and the letter, and the PDF's text holds
the amount and the complaint guidance; axe on every page, the error state included.

`assess_and_approve()` is the caseworker's part as one step, to chain after the applicant's
journey (tests/browser/test_application_journey.py).
"""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from entrepreneurs.models import Decision
from portal.cases.models import Case
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD
from tests.entrepreneurs.factories import GrantApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)

CRITERIA = [
    "Socialt, sundheds- eller miljømæssigt formål:",
    "Salg af ydelser og/eller produkter:",
    "Geninvestering af overskud:",
    "Uafhængighed af den offentlige sektor:",
    "CVR-nummer:",
    "Budgettet er rimeligt:",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # The letters are written to a throw-away folder, never media/.
    settings.MEDIA_ROOT = tmp_path / "media"


def _sign_in(page, user) -> None:
    page.goto("/admin/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Din dag").wait_for()


def assess_and_approve(page, live_server_url: str, case: Case, *, caseworker, amount="40.000"):
    """Sign in as `caseworker`, assess the application on `case` and approve `amount`; the
    Decision. Checks axe on each page and makes one mistake on the decision form first."""
    _sign_in(page, caseworker)
    page.goto(live_server_url + reverse("admin:cases_case_change", args=[case.pk]))
    assert "Ansøgningen er ikke vurderet endnu." in page.inner_text("#content-main")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Vurder ansøgningen").click()
    assert_no_axe_violations(page)
    for criterion in CRITERIA:
        page.get_by_role("group", name=criterion).get_by_label("Opfyldt", exact=True).check()
    page.get_by_label("Notater til vurderingen").fill("Godt forankret i lokalsamfundet.")
    page.get_by_role("button", name="Gem vurderingen").click()
    page.locator(".messagelist").wait_for()

    page.get_by_role("link", name="Træf afgørelse").click()
    assert_no_axe_violations(page)
    page.get_by_role("group", name="Afgørelse:").get_by_label("Bevilget").check()
    page.get_by_label("Bevilget beløb").fill(amount)
    page.get_by_label("Vilkår").fill("Tilskuddet bruges til udstyr og rådgivning.")
    page.get_by_label("Udbetaling").fill("Halvdelen nu, resten når caféen åbner.")
    page.get_by_role("button", name="Træf afgørelsen og send brevet").click()
    assert "Skriv begrundelsen for afgørelsen." in page.inner_text(".errorlist")  # forgotten
    assert_no_axe_violations(page)
    page.get_by_label("Begrundelse").fill(
        "Virksomheden opfylder de fem kendetegn, og budgettet er rimeligt."
    )
    page.get_by_role("button", name="Træf afgørelsen og send brevet").click()
    page.locator(".messagelist").wait_for()
    assert f"Bevilget {amount} kr." in page.inner_text("#content-main")
    assert_no_axe_violations(page)

    page.get_by_role("link", name=re.compile(r"Afgørelsesbrev af .* \(til udskrift\)")).click()
    page.get_by_role("heading", name=re.compile("Afgørelse om tilskud")).wait_for()
    assert f"Du får {amount} kr. i tilskud" in page.inner_text("main")
    assert_no_axe_violations(page)
    return Decision.objects.get(application__case=case, correction__isnull=True)


def test_caseworker_approves_and_the_applicant_reads_the_letter(browser, live_server, caseworker):
    case = GrantApplicationFactory().case
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10_000)

    decision = assess_and_approve(page, live_server.url, case, caseworker=caseworker)

    # The first instalment, one too many kroner first; then the pool.
    page.goto(reverse("admin:cases_case_change", args=[case.pk]))
    page.get_by_role("link", name="Registrér udbetaling").click()
    page.get_by_label("Beløb").fill("40.001")
    page.get_by_role("button", name="Registrér udbetalingen").click()
    assert "Der kan højst udbetales 40.000 kr. mere" in page.inner_text(".errorlist")
    assert_no_axe_violations(page)
    page.get_by_label("Beløb").fill("20.000")
    page.get_by_role("button", name="Registrér udbetalingen").click()
    page.locator(".messagelist").wait_for()
    assert "20.000 kr. af 40.000 kr." in page.inner_text("#content-main")
    page.get_by_role("link", name="Ret afgørelsen").click()
    page.get_by_role("heading", name="Den afgørelse, du retter").wait_for()
    assert_no_axe_violations(page)
    page.goto(reverse("admin:entrepreneurs_decision_changelist"))
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Puljer: bevilget, udbetalt og tilbage").click()
    assert "260.000 kr." in page.inner_text("#content-main")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Se bevillingerne i")).click()
    assert "Café Kanten" in page.inner_text("#content-main")
    assert_no_axe_violations(page)
    context.close()

    assert decision.amount == 40_000
    applicant = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = applicant.new_page()
    page.goto(reverse("cases:status", args=[case.public_token]))
    main = page.inner_text("main")
    assert "Du får 40.000 kr. i tilskud." in main
    assert "Afsluttet" in main
    assert_no_axe_violations(page)

    pdf_url = reverse("entrepreneurs:decision-letter-pdf", args=[case.public_token, decision.pk])
    response = page.request.get(pdf_url)
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.body())).pages
    )
    assert "40.000 kr." in text and "Klagevejledning" in text

    page.get_by_role("link", name=re.compile("Læs afgørelsesbrevet")).click()
    assert "Klagevejledning" in page.inner_text("main")
    assert_no_axe_violations(page)
    applicant.close()
