"""The core task of the workbench in Chromium, as a caseworker's day: take an overdue,
unassigned case, answer it from a template edited before sending, see the enquirer's answer
on the admin home, and close the case without an e-mail. Once answered, the case is never
shown as overdue."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.cases.models import Case, CaseAttachment, CaseEvent
from portal.notifications.models import OutboxMessage
from tests.factories import ContactFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reply_templates", "private_media"),
]

# The smallest file the shared upload validation takes for a PDF (its signature is checked).
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer << >>\n%%EOF\n"
REPLY_STARTS = "Vi vil gerne tale med dig om »Hjælp til at starte et cykelværksted« på et møde."
MEETING = "Dato og tid: tirsdag den 8. december kl. 10.00\nSted: Rådhuset, Gravene 2, Haderslev"
ANSWER = "Tirsdag passer fint. Jeg sender vores vedtægter med."


@pytest.fixture
def overdue_case():
    """Unassigned, received ten days ago, its first answer due three days ago: overdue."""
    now = timezone.now()
    return CaseFactory(
        subject="Hjælp til at starte et cykelværksted",
        contact=ContactFactory(name="Mette Hansen", email="mette@example.dk"),
        created_at=now - timedelta(days=10),
        deadline=timezone.localdate() - timedelta(days=3),
    )


def emails_to(address: str) -> int:
    return OutboxMessage.objects.filter(to=address).count()


def test_a_caseworker_answers_an_overdue_case_hears_back_and_closes_it(
    page, other_page, caseworker, overdue_case, sign_in
):
    case = overdue_case
    email = case.contact.email
    assert case.is_overdue(timezone.localdate())

    # --- the admin home, the inbox, "Tag sagen" -------------------------------------------
    sign_in(page, caseworker)
    page.get_by_role("link", name="1 Sager uden sagsbehandler").click()
    row = page.locator("#result_list tbody tr", has_text=case.reference)
    assert "Overskredet" in row.inner_text()
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Tag sagen")
    page.get_by_role("button", name="Udfør").click()
    assert "Du har taget 1 sag." in page.inner_text(".messagelist")
    case.refresh_from_db()
    assert case.assignee == caseworker

    # --- the case page: the template into the message box ---------------------------------
    page.goto("/admin/cases/case/?aaben=ja")
    page.get_by_role("link", name=case.reference).click()
    summary = page.locator(".case-summary")
    assert "Sara Sagsbehandler" in summary.inner_text()
    assert "Overskredet med" in summary.inner_text()

    page.get_by_label("Svarskabelon").select_option(label="Aftale om møde")
    page.get_by_role("button", name="Brug skabelonen").click()
    message_box = page.get_by_role("textbox", name="Besked til henvender")
    filled = message_box.input_value()
    assert filled.startswith(REPLY_STARTS)
    assert "Dato og tid: [dato og tid]\nSted: [sted]" in filled
    assert "Intet er gemt endnu." in page.inner_text("#content-main")

    # Sent unchanged: refused, naming the marks; nothing sent, the text kept.
    sent_before = emails_to(email)
    page.get_by_role("button", name="Gem og fortsæt med at redigere").click()
    assert "Udfyld »[dato og tid]« og »[sted]«, før du sender." in page.inner_text("#content-main")
    assert message_box.input_value() == filled
    assert emails_to(email) == sent_before
    assert not case.events.filter(kind=CaseEvent.Kind.MESSAGE).exists()

    reply = filled.replace("Dato og tid: [dato og tid]\nSted: [sted]", MEETING)
    message_box.fill(reply)
    page.get_by_role("button", name="Gem og fortsæt med at redigere").click()

    summary = page.locator(".case-summary")
    summary.wait_for()
    assert "Besvaret" in summary.inner_text()
    assert "inden for fristen" not in summary.inner_text()  # three days late, and it says so
    assert "Overskredet" not in summary.inner_text()
    assert "tirsdag den 8. december kl. 10.00" in page.inner_text(".case-timeline")
    [sent] = OutboxMessage.objects.filter(to=email).order_by("-pk")[:1]
    assert emails_to(email) == sent_before + 1
    assert "Rådhuset, Gravene 2, Haderslev" in sent.body
    case.refresh_from_db()
    assert case.first_answer_at is not None

    page.goto("/admin/cases/case/?aaben=ja")
    row = page.locator("#result_list tbody tr", has_text=case.reference)
    assert "Overskredet" not in row.inner_text()
    assert "Besvaret" in row.inner_text()
    page.goto("/admin/cases/case/?overskredet=ja")
    assert case.reference not in page.inner_text("#content-main")

    # --- the enquirer answers from the status page, in a browser of their own -------------
    other_page.goto(f"/sag/{case.public_token}/")
    assert "Rådhuset, Gravene 2, Haderslev" in other_page.inner_text("main")
    other_page.get_by_role("textbox", name="Dit svar").fill(ANSWER)
    other_page.get_by_label("Vedhæft filer").set_input_files(
        {"name": "vedtaegter.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    other_page.get_by_role("button", name="Send dit svar").click()
    assert "Tak for dit svar." in other_page.inner_text("main")
    assert ANSWER in other_page.inner_text(".case-messages")
    assert "vedtaegter.pdf" in other_page.inner_text(".case-messages")
    assert CaseAttachment.objects.filter(case=case, original_name="vedtaegter.pdf").exists()

    # --- back at the office: the new answer on the admin home, then closed, no e-mail ------
    page.goto("/admin/")
    page.get_by_role("link", name="1 Nye svar fra henvendere").click()
    row = page.locator("#result_list tbody tr", has_text=case.reference)
    assert "Nyt svar" in row.inner_text()
    assert "Overskredet" not in row.inner_text()
    row.get_by_role("link", name=case.reference).click()
    timeline = page.locator(".case-timeline").inner_text()
    assert "Svar fra henvender" in timeline
    assert "Mette Hansen (henvender)" in timeline
    assert ANSWER in timeline
    assert "vedtaegter.pdf" in timeline
    assert "Overskredet" not in page.inner_text(".case-summary")

    sent_before = emails_to(email)
    page.get_by_label("Skift status").select_option(label="Afsluttet")
    notify = page.get_by_role("checkbox", name="Send besked til henvender")
    if notify.is_checked():
        notify.uncheck()
    page.get_by_role("button", name="Gem", exact=True).click()
    # "Gem" goes back to the inbox as it was: new answers only, and this one has been seen.
    page.locator(".messagelist").wait_for()
    assert (
        f"{case.reference}: Status er nu »Afsluttet«. Der er ikke sendt en e-mail."
        in page.inner_text(".messagelist")
    )
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert case.enquirer_replied_at is None
    assert emails_to(email) == sent_before

    # --- the enquirer's page: closed, and no form to answer --------------------------------
    other_page.goto(f"/sag/{case.public_token}/")
    main = other_page.inner_text("main")
    assert "Afsluttet" in main
    assert "Sagen er afsluttet, så du kan ikke længere svare her." in main
    assert other_page.get_by_role("button", name="Send dit svar").count() == 0
