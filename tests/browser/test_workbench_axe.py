"""axe (WCAG 2.1 AA and best practice) on the workbench's pages, error states included: the case
page, the inbox, the bulk status confirmation, "Opret sag", the staff pages, the locked
accounts, and the enquirer's status page with its answer form. And the inbox fits a 1366 px
laptop with the sidebar open."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from portal.cases import services
from portal.cases.models import Case
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import ContactFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Findings inside Django's own admin markup, which our templates cannot change: none at
# present. Add a rule id here only with a comment saying which admin markup it is.
ADMIN_ALLOW: list[str] = []


@pytest.fixture
def cases(caseworker):
    """An inbox of a few cases: one overdue and unassigned, one of the caseworker's, one closed."""
    today = timezone.localdate()
    overdue = CaseFactory(
        subject="Hjælp til at starte et cykelværksted",
        contact=ContactFactory(name="Mette Hansen", email="mette@example.dk"),
        deadline=today - timedelta(days=3),
    )
    mine = CaseFactory(
        subject="Spørgsmål om netværksmøder for socialøkonomiske virksomheder i Sønderjylland",
        contact=ContactFactory(name="Jens Østergaard-Andersen", email="jens@example.dk"),
        deadline=today + timedelta(days=5),
        assignee=caseworker,
    )
    closed = CaseFactory(subject="Partnerskab om grønne områder", status=Case.Status.CLOSED)
    return {"overdue": overdue, "mine": mine, "closed": closed}


# --- the caseworker's pages ----------------------------------------------------------------


def test_the_case_page_and_its_conflict_pass_axe(page, caseworker, manager, sign_in):
    # Made as a public form makes it, with nothing stored afterwards: the conflict check reads
    # the case's history, which a factory's later update() would bypass.
    case = CaseFactory(subject="Hjælp til at starte et cykelværksted")
    sign_in(page, caseworker)
    page.goto(f"/admin/cases/case/{case.pk}/change/")
    page.get_by_label("Skift status").wait_for()
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    # A colleague gives the case to the manager while this page is open; this caseworker takes
    # it and moves it on, on the stale page.
    services.assign(case=case, to=manager, by=manager)
    page.locator("#id_assign_to").select_option(label="Sara Sagsbehandler")
    page.get_by_label("Skift status").select_option(label="Under behandling")
    page.get_by_role("button", name="Gem og fortsæt med at redigere").click()

    conflict = page.locator(".case-conflict")
    conflict.wait_for()
    assert "Ændret af en anden, mens du arbejdede" in conflict.inner_text()
    assert "Lene Leder" in conflict.inner_text()
    assert page.get_by_role("checkbox", name="Gem mine ændringer alligevel").is_visible()
    assert "Også ændret af en anden, til »Lene Leder«." in page.inner_text("#content-main")
    case.refresh_from_db()
    assert (case.assignee, case.status) == (manager, Case.Status.RECEIVED)
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)


def test_the_case_pages_own_fields_opened_pass_axe(page, caseworker, sign_in):
    case = CaseFactory(subject="Hjælp til at starte et cykelværksted")
    sign_in(page, caseworker)
    page.goto(f"/admin/cases/case/{case.pk}/change/")
    page.get_by_text("Ret sagens oplysninger").click()
    page.locator("#id_subject").wait_for()
    # The empty company search box is named by its placeholder (select2 labels it so).
    assert page.get_by_text("Ingen virksomhed – søg på navn eller CVR-nummer").is_visible()
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)


def test_the_inbox_with_filters_and_the_bulk_confirmation_pass_axe(
    page, caseworker, cases, sign_in
):
    sign_in(page, caseworker)
    page.goto("/admin/cases/case/?aaben=ja&overskredet=ja")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "Overskredet" in rows.first.inner_text()
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    page.goto("/admin/cases/case/?mine=ja&q=netværksmøder")
    assert cases["mine"].reference in page.inner_text("#result_list")
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    page.goto("/admin/cases/case/?aaben=ja")
    for case in (cases["overdue"], cases["mine"]):
        page.locator("#result_list tbody tr", has_text=case.reference).get_by_role(
            "checkbox"
        ).check()
    page.locator("select[name=action]").select_option(label="Afslut sagen")
    page.get_by_role("button", name="Udfør").click()
    page.get_by_role("heading", name="Skift status til »Afsluttet«?").wait_for()
    assert "Indtil da er intet ændret." in page.inner_text("#content-main")
    assert "mette@example.dk" in page.inner_text("#content-main")
    assert not Case.objects.filter(status=Case.Status.CLOSED).exclude(pk=cases["closed"].pk)
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)


def test_the_inbox_fits_a_laptop_with_the_sidebar_open(page, caseworker, cases, sign_in):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, caseworker)
    page.goto("/admin/cases/case/?aaben=alle")

    assert page.locator("#nav-sidebar").is_visible()
    assert page.locator("#result_list tbody tr").count() == 3
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, window: window.innerWidth,"
        " table: document.querySelector('#result_list').getBoundingClientRect().right,"
        " box: document.querySelector('#changelist').getBoundingClientRect().right})"
    )
    assert widths["page"] <= widths["window"], widths
    assert widths["table"] <= widths["box"] + 1, widths
    headers = page.locator("#result_list thead th").all_inner_texts()
    for heading in ("SAGSNUMMER", "EMNE", "HENVENDER", "STATUS", "FRIST", "SAGSBEHANDLER"):
        assert any(heading in text.upper() for text in headers), headers


def test_the_open_by_hand_form_with_errors_passes_axe(page, caseworker, sign_in):
    sign_in(page, caseworker)
    page.goto("/admin/cases/case/")
    page.get_by_role("link", name="Opret sag").click()
    page.get_by_role("heading", name="Opret sag").wait_for()
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    page.get_by_label("CVR-nummer").fill("12345678")
    page.get_by_role("button", name="Opret sag").click()
    page.locator(".errornote").wait_for()
    content = page.inner_text("#content-main")
    assert "Skriv henvenderens navn." in content
    assert "Ugyldigt CVR-nummer" in content
    assert not Case.objects.exists()
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)


# --- the manager's pages -------------------------------------------------------------------


def test_the_staff_pages_and_the_locked_accounts_pass_axe(page, manager, caseworker, sign_in):
    AccessAttempt.objects.create(
        username=caseworker.username,
        ip_address="192.0.2.10",
        user_agent="Mozilla/5.0",
        http_accept="text/html",
        path_info="/admin/login/",
        get_data="",
        post_data="",
        failures_since_start=settings.STAFF_LOCKOUT_PER_ADDRESS,
    )
    sign_in(page, manager)

    page.goto("/admin/auth/user/")
    assert "Sara Sagsbehandler" in page.inner_text("#result_list")
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    page.get_by_role("link", name="Sara Sagsbehandler").click()
    page.get_by_role("heading", name="Medarbejder").first.wait_for()
    assert page.get_by_role("checkbox", name="Superbrugerstatus").count() == 0
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    # Saved with a bad e-mail address: refused, said next to the field.
    page.get_by_label("E-mail").fill("ikke-en-adresse")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.locator(".errornote").wait_for()
    assert "Indtast en gyldig e-mail-adresse." in page.inner_text("#content-main")
    caseworker.refresh_from_db()
    assert caseworker.email == "sara@haderslev.dk"
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)

    page.goto("/admin/laaste-konti/")
    row = page.locator("table.locked-accounts tbody tr")
    assert row.count() == 1
    assert "Sara Sagsbehandler" in row.inner_text()
    assert "192.0.2.10" in row.inner_text()
    # The button reads "Lås op" (what a voice-control user says), and names whom to a screen
    # reader in hidden text.
    unlock = row.get_by_role("button", name="Lås op")
    assert unlock.is_visible() and "sara" in unlock.text_content()
    assert_no_axe_violations(page, allow=ADMIN_ALLOW)


# --- the enquirer's status page ------------------------------------------------------------


@pytest.mark.usefixtures("private_media")
def test_the_status_page_and_its_answer_form_pass_axe_also_with_a_refused_file(page, cases):
    case = cases["mine"]
    page.goto(f"/sag/{case.public_token}/")
    page.get_by_role("heading", name="Svar os").wait_for()
    assert_no_axe_violations(page)

    # A program renamed to look like a PDF: the shared upload validation refuses it.
    page.get_by_role("textbox", name="Dit svar").fill("Her er filen, I bad om.")
    page.get_by_label("Vedhæft filer").set_input_files(
        {"name": "vedtaegter.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 64}
    )
    page.get_by_role("button", name="Send dit svar").click()
    main = page.inner_text("main")
    assert "Dit svar er ikke sendt. Vælg filerne igen, og send svaret igen." in main
    assert "»vedtaegter.pdf«" in main
    assert page.get_by_role("textbox", name="Dit svar").input_value() == "Her er filen, I bad om."
    assert page.title().startswith("Fejl:")
    assert not case.attachments.exists()
    assert_no_axe_violations(page)

    # An empty answer: refused next to the text box.
    page.get_by_role("textbox", name="Dit svar").fill("")
    page.get_by_role("button", name="Send dit svar").click()
    assert "Skriv dit svar, eller vedhæft en fil." in page.inner_text("main")
    assert_no_axe_violations(page)
