"""The committee report: who may do what, the draft texts written from the numbers, making it
final (the numbers kept), and the printable page and PDF.

The rows are in reportdata.third_quarters(); each expected number is counted there by hand.
"""

import io
from datetime import date, datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from portal.dashboard import reports
from portal.dashboard.measures import measures
from portal.dashboard.models import CommitteeReport
from portal.dashboard.periods import Period
from portal.registry.models import Company
from tests.portal.dashboard.reportdata import ALL, CPH, company, third_quarters

pytestmark = pytest.mark.django_db

TEXTS = {
    "introduction": "Til udvalgets møde i oktober.",
    "text_one_entry": "",
    "text_partnerships": "",
    "text_new_enterprises": "Flere nye virksomheder end sidste år.",
}


@pytest.fixture(autouse=True)
def _measures():
    with measures.only(*ALL):
        yield


@pytest.fixture
def report(manager):
    third_quarters()
    return CommitteeReport.objects.create(
        title="Socialøkonomi i Haderslev Kommune – 3. kvartal 2026",
        period="2026-K3",
        created_by=manager,
        **TEXTS,
    )


def _url(name: str, report: CommitteeReport, *args) -> str:
    return reverse(f"admin:dashboard_committeereport_{name}", args=[report.pk, *args])


def test_the_last_whole_quarter_is_the_one_before_today():
    assert reports.last_whole_quarter(date(2026, 12, 1)) == Period.quarter(2026, 3)
    assert reports.last_whole_quarter(date(2027, 2, 14)) == Period.quarter(2026, 4)
    assert reports.last_whole_quarter(date(2026, 4, 1)) == Period.quarter(2026, 1)


def test_the_draft_texts_hold_the_numbers_and_the_change_against_last_year():
    third_quarters()

    texts = reports.draft_texts(Period.quarter(2026, 3))

    # Q3 2026: 3 new companies against 2 (+50 %); 4 social-economy ones at its end against 2
    # (+100 %); 12.500 kr. against 10.000 kr. (+25 %).
    # One measure a line, after the opening.
    assert texts["text_new_enterprises"] == (
        "Sådan gik det i 3. kvartal 2026.\n\n"
        "Nye virksomheder i registret: 3 (50 % flere end samme kvartal året før).\n"
        "Socialøkonomiske virksomheder: 4 (100 % flere end samme kvartal året før)."
    )
    assert texts["text_partnerships"] == (
        "Sådan gik det i 3. kvartal 2026.\n\n"
        "Bevilget: 12.500 kr. (25 % mere end samme kvartal året før)."
    )
    # Nothing at all either year: the same, said plainly.
    assert "Ikke offentligt: 0 (det samme som samme kvartal året før)." in texts["text_one_entry"]


def test_caseworker_reads_and_downloads_but_does_not_write(client, caseworker, report):
    client.force_login(caseworker)

    assert client.get(reverse("admin:dashboard_committeereport_changelist")).status_code == 200
    assert client.get(_url("change", report)).status_code == 200  # read-only
    assert client.get(_url("report", report)).status_code == 200
    assert client.get(_url("download", report, "csv")).status_code == 200
    assert client.get(reverse("admin:dashboard_committeereport_add")).status_code == 403
    assert client.post(_url("change", report), {**TEXTS, "title": "Nej"}).status_code == 403
    assert client.get(_url("finalise", report)).status_code == 403
    assert client.post(_url("finalise", report)).status_code == 403
    assert client.post(_url("delete", report), {"post": "yes"}).status_code == 403
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.DRAFT
    assert report.title.startswith("Socialøkonomi")


def test_outsider_sees_no_report(client, outsider, report):
    client.force_login(outsider)

    for url in [
        reverse("admin:dashboard_committeereport_changelist"),
        _url("report", report),
        _url("download", report, "pdf"),
        _url("download", report, "xlsx"),
        _url("finalise", report),
    ]:
        assert client.get(url).status_code == 403, url


def test_manager_adds_a_report_prefilled_from_the_numbers(client, manager):
    third_quarters()
    client.force_login(manager)

    page = client.get(reverse("admin:dashboard_committeereport_add"), {"period": "2026-K3"})

    assert page.status_code == 200
    form = page.context["adminform"].form
    assert form.initial["period"] == "2026-K3"
    assert form.initial["title"] == "Socialøkonomi i Haderslev Kommune – 3. kvartal 2026"
    assert "Nye virksomheder i registret: 3" in form.initial["text_new_enterprises"]

    response = client.post(
        reverse("admin:dashboard_committeereport_add"),
        {**TEXTS, "period": " 2026-K3 ", "title": "Rapport K3"},
    )

    assert response.status_code == 302
    saved = CommitteeReport.objects.get()
    assert (saved.period, saved.created_by, saved.status) == ("2026-K3", manager, "draft")


def test_a_period_that_is_no_period_is_refused_in_danish(client, manager):
    client.force_login(manager)

    response = client.post(
        reverse("admin:dashboard_committeereport_add"),
        {**TEXTS, "period": "2026-K5", "title": "Rapport"},
    )

    assert response.status_code == 200
    assert "Skriv perioden som et år" in response.content.decode()
    assert not CommitteeReport.objects.exists()


def test_the_draft_report_page_counts_the_numbers_now(client, caseworker, report):
    client.force_login(caseworker)

    page = client.get(_url("report", report)).content.decode()

    assert "Socialøkonomi i Haderslev Kommune – 3. kvartal 2026" in page
    assert "Flere nye virksomheder end sidste år." in page
    assert "Nye virksomheder i registret" in page
    assert "Kladde:" in page
    company(date_at(2026, 8, 1))
    assert _new_companies(client, report) == ("4", "2")  # counted again: 3 + 1


def date_at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, tzinfo=CPH)


def _new_companies(client, report) -> tuple:
    """The new companies' number and last year's, as the report page writes them."""
    response = client.get(_url("report", report))
    [figure] = [
        figure
        for section, _text in response.context["sections"]
        for figure in section.figures
        if figure.name == "tests.new_companies"
    ]
    return figure.value, figure.previous


def test_finalising_keeps_the_numbers_whatever_changes_afterwards(client, manager, report):
    client.force_login(manager)

    confirm = client.get(_url("finalise", report))
    assert confirm.status_code == 200
    assert "Ja, gør rapporten endelig" in confirm.content.decode()
    assert CommitteeReport.objects.get().status == "draft"  # a GET changes nothing

    response = client.post(_url("finalise", report))

    assert response.url == _url("change", report)
    report.refresh_from_db()
    assert (report.status, report.finalised_by) == ("final", manager)
    assert report.finalised_at is not None
    assert LogEntry.objects.get(object_id=str(report.pk)).change_message == "Gjort endelig."

    # Corrected afterwards: a company more in Q3, one deleted from last year's.
    company(date_at(2026, 8, 1))
    Company.objects.filter(created_at__year=2025).first().delete()

    assert _new_companies(client, report) == ("3", "2")
    page = client.get(_url("report", report)).content.decode()
    assert "Kladde:" not in page
    assert "Opgjort den" in page
    # The texts are read-only now, for the manager too.
    change = client.get(_url("change", report))
    assert "Rapporten blev gjort endelig den" in change.content.decode()
    assert client.post(_url("change", report), {**TEXTS, "title": "Ny titel"}).status_code == 403
    assert CommitteeReport.objects.get().title != "Ny titel"
    # A second finalise changes nothing.
    client.post(_url("finalise", report))
    assert CommitteeReport.objects.get().finalised_at == report.finalised_at


def test_the_pdf_is_a_pdf_with_the_numbers(client, caseworker, report):
    client.force_login(caseworker)

    response = client.get(_url("download", report, "pdf"))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rapport-2026-K3.pdf"'
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Socialøkonomi i Haderslev Kommune" in text
    assert "Nye virksomheder i registret" in text
    assert "12.500 kr." in text
    assert "Flere nye virksomheder end sidste år." in text


def test_the_pdf_of_a_final_report_shows_the_kept_numbers(client, manager, report):
    client.force_login(manager)
    client.post(_url("finalise", report))
    for day in range(1, 11):
        company(date_at(2026, 8, day))  # 13 new companies now, 3 when it was made final

    response = client.get(_url("download", report, "pdf"))

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "13" not in text.replace("2013", "")


def test_a_report_is_made_final_only_once_its_period_is_over(client, manager, monkeypatch):
    report = CommitteeReport.objects.create(title="Årsrapport 2026", period="2026", **TEXTS)
    client.force_login(manager)
    # On 31 December the year's numbers are not whole yet.
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 12, 31))

    assert "Gør endelig" not in client.get(_url("change", report)).content.decode()
    response = client.post(_url("finalise", report), follow=True)

    assert "Perioden er ikke slut endnu: rapporten kan gøres endelig fra 1. januar 2027." in (
        response.content.decode()
    )
    report.refresh_from_db()
    assert (report.status, report.figures) == ("draft", None)

    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2027, 1, 1))
    client.post(_url("finalise", report))
    report.refresh_from_db()
    assert report.status == "final"


def test_a_final_report_is_never_deleted_and_a_draft_may_be(client, manager, report):
    draft = CommitteeReport.objects.create(title="Udkast", period="2026-K2", **TEXTS)
    reports.finalise_report(report=report, by=manager)
    client.force_login(manager)

    assert client.get(_url("delete", report)).status_code == 403
    changelist = reverse("admin:dashboard_committeereport_changelist")
    # Both chosen: the admin refuses the lot, and deletes nothing.
    client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [report.pk, draft.pk], "post": "yes"},
    )
    assert CommitteeReport.objects.count() == 2
    # The draft alone may go.
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"}
    )
    assert list(CommitteeReport.objects.values_list("title", flat=True)) == [report.title]


@pytest.mark.parametrize("page", ["rapport/", "rapport.csv", "goer-endelig/"])
def test_an_address_that_names_no_report_is_not_found(client, manager, page):
    client.force_login(manager)
    assert client.get(f"/admin/dashboard/committeereport/abc/{page}").status_code == 404
