"""The case page in Chromium: the caseworker answers from a reply template, edited before
sending; axe on the page, also with its messages and errors."""

import pytest

from portal.cases.models import CaseEvent, ReplyTemplate
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Findings inside Django's own admin markup, which our templates cannot change:
# none at present. Add a rule id here only with a comment saying which admin markup it is.
ADMIN_ALLOW: list[str] = []


def test_caseworker_answers_from_a_template_and_the_enquirer_sees_it(page, caseworker):
    ReplyTemplate.objects.create(
        title="Vi mangler oplysninger",
        body="For at hjælpe dig med sagen {sagsnummer} har vi brug for [hvilke papirer].",
    )
    case = CaseFactory(subject="Hjælp til at starte et cykelværksted")

    page.goto("/admin/")
    page.get_by_label("Brugernavn").fill(caseworker.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    page.goto(f"/admin/cases/case/{case.pk}/change/")
    assert "Ingen virksomhed" in page.inner_text("#content-main")
    assert "Ikke tildelt" in page.inner_text("#content-main")
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    page.get_by_label("Svarskabelon").select_option(label="Vi mangler oplysninger")
    page.get_by_role("button", name="Brug skabelonen").click()

    # The template is in the message box, filled in for the case; nothing is sent yet.
    filled = f"For at hjælpe dig med sagen {case.reference} har vi brug for [hvilke papirer]."
    assert page.get_by_role("textbox", name="Besked til henvender").input_value() == filled
    assert "Intet er gemt endnu." in page.inner_text("#content-main")
    assert not case.events.filter(kind=CaseEvent.Kind.MESSAGE).exists()
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    # Sent with the mark still in it: refused, naming the mark.
    page.get_by_role("button", name="Gem og fortsæt med at redigere").click()
    assert "Udfyld »[hvilke papirer]«, før du sender." in page.inner_text("#content-main")
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    expected = f"For at hjælpe dig med sagen {case.reference} har vi brug for jeres vedtægter."
    page.get_by_role("textbox", name="Besked til henvender").fill(expected)
    page.get_by_role("button", name="Gem og fortsæt med at redigere").click()

    assert case.events.filter(kind=CaseEvent.Kind.MESSAGE, text=expected).exists()
    assert expected in page.inner_text(".case-timeline")
    assert "Vist for henvender" in page.inner_text(".case-timeline")
    assert "Besvaret" in page.inner_text(".case-summary")

    page.goto(f"/sag/{case.public_token}/")
    assert expected in page.inner_text("main")
    assert_no_axe_violations(page)
