"""The strategy's dashboard, the committee report and the public key figures in Chromium: axe on
the dashboard (this year, a quarter, a period form with an error), the report page of a draft
and of a final report, its add and change pages, the key figures' admin list and /om/ in Danish
and English; and the manager's quarter, from the admin home to the final report's PDF.

The rows are made by hand in the last whole quarter (the one the report form starts from) and
in the same quarter the year before, so every criterion has numbers to show and compare.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from partnerships.models import Partnership
from portal.cases.models import Case
from portal.dashboard import public, reports
from portal.dashboard.models import CommitteeReport, PublicFigure
from portal.dashboard.periods import COPENHAGEN, Period
from portal.registrations.models import Registration
from portal.registry.models import Company
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD
from tests.factories import CompanyFactory, RegistrationFactory
from tests.network.factories import MeetingFactory
from tests.partnerships.factories import MemberFactory, PartnershipFactory, ResultFactory
from tests.portal.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)

DASHBOARD = "/admin/maal/"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _sign_in(page, user) -> None:
    page.goto("/admin/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Strategien").wait_for()


def _h1(page) -> str:
    return " ".join(page.get_by_role("heading", level=1).inner_text().split())


def _text(locator) -> str:
    return " ".join(locator.inner_text().split())


def _at(day, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=COPENHAGEN)


@dataclass
class Quarter:
    period: Period  # the last whole quarter: what the report form drafts from
    before: Period  # the same quarter a year earlier


def _case(received: datetime, *, workdays: int | None = None) -> Case:
    """A case received at `received`; with `workdays`, answered that many working days later
    (in time). Stored directly: the dashboard only reads the facts record_first_answer keeps."""
    case = CaseFactory()
    facts = {"created_at": received}
    if workdays is not None:
        facts |= {
            "first_answer_at": received + timedelta(days=workdays),
            "first_answer_workdays": workdays,
        }
    Case.objects.filter(pk=case.pk).update(**facts)
    return case


@pytest.fixture
def quarter() -> Quarter:
    """Numbers in each criterion, worked out by hand:

    criterion 1: 3 cases received in the quarter (1 the year before), 2 of them answered after
    2 and 4 working days (median 3), both in time;
    criterion 2: 1 active partnership with 2 jobs, 1 network meeting held with 2 people at it;
    criterion 3: 1 social-economy enterprise, started in the municipality in the quarter.
    """
    period = reports.last_whole_quarter(timezone.localdate())
    before = period.year_before()
    day, day_before = period.start + timedelta(days=20), before.start + timedelta(days=20)

    _case(_at(day), workdays=2)
    _case(_at(day + timedelta(days=1)), workdays=4)
    _case(_at(day + timedelta(days=2)))
    _case(_at(day_before), workdays=5)

    café = CompanyFactory(
        name="Café Kanten ApS",
        kind=Company.Kind.SOCIAL_ECONOMY,
        arrival=Company.Arrival.ESTABLISHED,
        arrived_on=day,
    )
    Company.objects.filter(pk=café.pk).update(created_at=_at(day))

    partnership = PartnershipFactory(
        title="Frokost fra Café Kanten", status=Partnership.Status.ACTIVE
    )
    Partnership.objects.filter(pk=partnership.pk).update(created_at=_at(day))
    MemberFactory(partnership=partnership, company=café)
    ResultFactory(partnership=partnership, date=day, number=2)

    starts = _at(day + timedelta(days=7), hour=9)
    meeting = MeetingFactory(
        occasion__title="Rekruttering fra kanten",
        occasion__starts_at=starts,
        occasion__ends_at=starts + timedelta(hours=3),
        occasion__registration_deadline=starts - timedelta(days=7),
    )
    came = RegistrationFactory(
        occasion=meeting.occasion,
        name="Mette Lauridsen",
        company=café,
        seats=2,
        status=Registration.Status.ATTENDED,
    )
    Registration.objects.filter(pk=came.pk).update(created_at=_at(day))
    return Quarter(period, before)


# axe on every page ------------------------------------------------------------------------------


def test_axe_on_the_dashboard_for_a_caseworker(page, caseworker, quarter):
    _sign_in(page, caseworker)
    page.goto(DASHBOARD)
    assert _h1(page).startswith("Strategiens mål: ")
    assert_no_axe_violations(page)

    page.goto(f"{DASHBOARD}?periode={quarter.period.slug}")
    assert _h1(page) == f"Strategiens mål: {quarter.period.label}"
    assert_no_axe_violations(page)

    # The year form with an error (the quarter is still chosen, and a month too): the message
    # by its field, the rest of the page still there.
    year_form = page.get_by_role("group", name="År, kvartal eller måned")
    year_form.get_by_label("Måned").select_option(label="marts")
    year_form.get_by_role("button", name="Vis").click()
    assert "Vælg enten et kvartal eller en måned, ikke begge." in _text(year_form)
    assert_no_axe_violations(page)


def test_axe_on_the_reports_the_key_figures_and_the_about_page(page, manager, quarter):
    draft = CommitteeReport.objects.create(
        title="Kladde til udvalget", period=quarter.period.slug, created_by=manager
    )
    final = CommitteeReport.objects.create(
        title="Endelig rapport", period=quarter.period.slug, created_by=manager
    )
    reports.finalise_report(report=final, by=manager)
    figures = [
        PublicFigure.objects.create(measure="registry.social_economy", position=1),
        PublicFigure.objects.create(
            measure="network.attendance",
            scope=PublicFigure.Scope.NOW,
            label="Deltagere i netværksmøder",
            position=2,
        ),
    ]
    for figure in figures:
        public.count(figure)

    _sign_in(page, manager)
    for report in (draft, final):
        page.goto(reverse("admin:dashboard_committeereport_report", args=[report.pk]))
        assert _h1(page) == report.title
        assert_no_axe_violations(page)
        page.goto(reverse("admin:dashboard_committeereport_change", args=[report.pk]))
        assert_no_axe_violations(page)
    page.goto(reverse("admin:dashboard_committeereport_add"))
    assert_no_axe_violations(page)

    counted = "Opgjort den " + date_format(timezone.localdate(), "j. F Y")
    about = reverse("pages:about")
    page.goto(about)
    assert page.locator("html").get_attribute("lang") == "da"
    shown = _text(page.locator(".key-figures"))
    assert "1 Socialøkonomiske virksomheder i registret, i dag" in shown
    assert "2 Deltagere i netværksmøder, i alt i dag" in shown
    assert counted in shown
    assert_no_axe_violations(page)

    page.goto(f"/en{about}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".key-figures li").count() == 2
    assert_no_axe_violations(page)

    page.goto(reverse("admin:dashboard_publicfigure_changelist"))
    assert_no_axe_violations(page)


# The manager's quarter ---------------------------------------------------------------------------


def test_manager_reads_the_quarter_then_writes_finalises_and_downloads_the_report(
    page, manager, quarter
):
    label, number = quarter.period.label, (quarter.period.start.month + 2) // 3
    _sign_in(page, manager)
    page.get_by_role("link", name="Strategiens mål: nøgletal, udvikling og fordeling").click()
    assert _h1(page).startswith("Strategiens mål: ")

    year_form = page.get_by_role("group", name="År, kvartal eller måned")
    year_form.get_by_label("År").fill(str(quarter.period.start.year))
    year_form.get_by_label("Kvartal").select_option(label=f"{number}. kvartal")
    year_form.get_by_role("button", name="Vis").click()
    assert page.url.endswith(f"?periode={quarter.period.slug}")
    assert _h1(page) == f"Strategiens mål: {label}"

    # The key number against the same quarter last year: 3 cases against 1.
    received = page.get_by_role("article", name="Henvendelser modtaget")
    assert received.locator(".dashboard-value").inner_text() == "3"
    assert "+200 %" in _text(received)
    assert f"Samme periode {quarter.before.label}: 1" in _text(received)
    # Its chart month by month, and the table of the same numbers beside it.
    chart = page.locator(".dashboard-chart").filter(
        has=page.get_by_role("heading", name="Henvendelser modtaget måned for måned")
    )
    image = chart.get_by_role("img")
    assert image.get_attribute("alt") == (
        "Diagram: Henvendelser modtaget måned for måned. Tallene står i tabellen."
    )
    table = chart.get_by_role("table", name="Henvendelser modtaget måned for måned")
    month = date_format(quarter.period.start + timedelta(days=20), "F")
    assert _text(table.get_by_role("row").filter(has_text=month)) == f"{month} 3 1"

    page.locator("#content").get_by_role("link", name="Rapporter til udvalget").click()
    page.get_by_role("link", name=re.compile("^Tilføj rapport til udvalget")).click()
    page.get_by_label("Skriv udkastet ud fra en anden periode").fill(quarter.period.slug)
    page.get_by_role("button", name="Skriv udkastet").click()
    assert page.get_by_role("textbox", name="Periode:").input_value() == quarter.period.slug
    assert label in page.get_by_label("Titel").input_value()
    one_entry = page.get_by_label("Tekst om én indgang til rådgivning og viden")
    draft = " ".join(one_entry.input_value().split())
    assert draft.startswith(f"Sådan gik det i {label}. ")
    assert "Der kom 3 henvendelser, 200 % flere end samme kvartal året før." in draft
    assert "Det første svar kom typisk efter 3 arbejdsdage" in draft
    page.get_by_label("Indledning").fill("Til udvalgets møde efter kvartalet.")
    page.get_by_label("Tekst om nye socialøkonomiske virksomheder").fill(
        "Café Kanten er startet i kommunen."
    )
    page.get_by_role("button", name="Gem", exact=True).click()
    report = CommitteeReport.objects.get()
    assert report.status == CommitteeReport.Status.DRAFT
    assert report.created_by == manager

    assert "blev tilføjet" in _text(page.locator(".messagelist"))
    page.locator("#result_list").get_by_role("link", name=report.title).click()
    page.get_by_role("link", name="Vis rapporten").click()
    assert _h1(page) == report.title
    body = _text(page.locator(".committee-report"))
    assert f"Periode: {label}" in body
    assert "Kladde:" in body
    assert "Til udvalgets møde efter kvartalet." in body
    assert "Café Kanten er startet i kommunen." in body
    assert "Succeskriterium 3: " in body

    page.get_by_role("link", name="Gør endelig").click()
    assert _h1(page) == "Gør rapporten endelig"
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, gør rapporten endelig").click()
    messages = _text(page.locator(".messagelist"))
    assert "Rapporten er gjort endelig. Dens tal og tekster ændres ikke mere." in messages
    assert page.get_by_role("button", name="Gem", exact=True).count() == 0
    assert page.get_by_label("Indledning").count() == 0  # shown, no longer a field
    assert "Rapporten blev gjort endelig den" in _text(page.locator("#content-main"))
    assert page.get_by_role("link", name="Gør endelig").count() == 0
    assert_no_axe_violations(page)

    # A case received in the quarter afterwards does not change what the committee got.
    _case(_at(quarter.period.start + timedelta(days=22)))
    page.get_by_role("link", name="Vis rapporten").click()
    body = _text(page.locator(".committee-report"))
    assert "Kladde:" not in body
    assert (
        page.get_by_role("article", name="Henvendelser modtaget")
        .locator(".dashboard-value")
        .inner_text()
        == "3"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som PDF").click()
    assert download.value.suggested_filename == f"rapport-{quarter.period.slug}.pdf"
    assert download.value.path().read_bytes().startswith(b"%PDF")
