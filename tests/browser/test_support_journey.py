"""Start-up support from end to end in Chromium, the way the issue tells it: an entrepreneur
fills the application over its steps (one mistake, one refused upload, a draft resumed from the
e-mailed link), the caseworker assesses and approves, and the applicant's status page shows the
decision and the letter, whose PDF holds the amount and the complaint guidance. axe runs on
every page on the way (the two halves' own journeys say which).
"""

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from entrepreneurs.models import ApplicationDraft, SchemePeriod
from portal.cases.models import Case
from portal.notifications.models import OutboxMessage
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_application_journey import fill_and_submit_application
from tests.browser.test_decision_journey import assess_and_approve
from tests.entrepreneurs.factories import SupportSchemeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _status_path_in_receipt(case: Case) -> str:
    # The receipt is the first e-mail about the case (the decision letter came after it).
    receipt = (
        OutboxMessage.objects.filter(to=case.contact.email, subject__contains=case.reference)
        .order_by("pk")
        .first()
    )
    [link] = re.findall(r"https?://\S+/sag/\S+/", receipt.body)
    return urlsplit(link).path


def test_an_application_from_first_step_to_the_letter_on_the_status_page(
    page, browser, live_server, caseworker
):
    scheme = SupportSchemeFactory(name="Iværksætterpuljen", slug="ivaerksaetterpuljen")
    case = fill_and_submit_application(page, live_server.url, browser=browser, scheme=scheme)

    office = browser.new_context(base_url=live_server.url, locale="da-DK")
    try:
        office_page = office.new_page()
        office_page.set_default_timeout(10_000)
        decision = assess_and_approve(office_page, live_server.url, case, caseworker=caseworker)
    finally:
        office.close()
    assert decision.amount == 40_000

    # The applicant follows the status link from the receipt e-mail.
    page.goto(_status_path_in_receipt(case))
    main = page.inner_text("main")
    assert case.reference in main
    assert "Du får 40.000 kr. i tilskud." in main
    assert "Afsluttet" in main
    assert_no_axe_violations(page)

    page.get_by_role("link", name=re.compile("Læs afgørelsesbrevet")).click()
    letter = page.inner_text("main")
    assert "Café Kanten" in letter and "Klagevejledning" in letter
    assert_no_axe_violations(page)

    pdf = page.request.get(
        reverse("entrepreneurs:decision-letter-pdf", args=[case.public_token, decision.pk])
    )
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert "40.000 kr." in text
    assert "Klagevejledning" in text
    assert decision.complaint_deadline.strftime("%Y") in text


def test_the_polite_pages_of_start_up_support_pass_axe_in_danish_english_and_german(page):
    today = timezone.localdate()
    closed = SupportSchemeFactory(name="Lukket pulje", slug="lukket-pulje", open_period=False)
    SchemePeriod.objects.create(
        scheme=closed,
        opens_on=today + datetime.timedelta(days=40),
        closes_on=today + datetime.timedelta(days=90),
    )
    expired = ApplicationDraft.objects.create(
        scheme=closed, expires_at=timezone.now() - datetime.timedelta(days=1)
    )

    for prefix in ("", "/en", "/de"):
        page.goto(f"{prefix}/ivaerksaettere/stoette/lukket-pulje/")
        assert not page.get_by_role("button", name=re.compile("Start")).count()
        assert_no_axe_violations(page)
        response = page.goto(f"{prefix}{expired.get_absolute_url()}")
        assert response.status == 410
        assert_no_axe_violations(page)
    page.goto("/ivaerksaettere/stoette/lukket-pulje/")
    assert "Du kan søge igen fra" in page.inner_text("main")
