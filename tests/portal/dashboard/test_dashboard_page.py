"""The dashboard in the admin (/admin/maal/): who may see it, the numbers for a period against
the year before, the period chooser, its charts and tables, and its cost in queries."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from portal.cases.models import Case
from portal.dashboard.measures import Criterion, Measure, Unit, measures
from portal.dashboard.periods import Period
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

URL = "/admin/maal/"
CPH = ZoneInfo("Europe/Copenhagen")

RECEIVED = Measure(
    name="test.received",
    label="Henvendelser modtaget",
    explanation="Alle sager, talt den dag de kom ind.",
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Case.objects.all(),
    date_field="created_at",
    breakdown="kind",
    trend=True,
)


def _median(period: Period) -> Decimal | None:
    return Decimal("3.5") if period.start.year == 2025 else Decimal("4.5")


def _share(period: Period) -> int | None:
    return 87 if period.start.year == 2025 else None


def _granted(period: Period) -> int:
    return 12500 if period.start.year == 2025 else 10000


MEDIAN = Measure(
    name="test.median",
    label="Arbejdsdage til første svar",
    explanation="Medianen af arbejdsdage fra modtagelse til første svar.",
    criterion=Criterion.ONE_ENTRY,
    compute=_median,
    unit=Unit.WORKDAYS,
)
SHARE = Measure(
    name="test.share",
    label="Besvaret inden for fristen",
    explanation="Andelen af besvarede sager, der fik svar inden fristen.",
    criterion=Criterion.ONE_ENTRY,
    compute=_share,
    unit=Unit.PERCENT,
)
GRANTED = Measure(
    name="test.granted",
    label="Bevilget støtte",
    explanation="Summen af bevillinger.",
    criterion=Criterion.NEW_ENTERPRISES,
    compute=_granted,
    unit=Unit.KRONER,
)
# Only for those who may finalise reports: the manager, not the caseworker.
SECRET = Measure(
    name="test.secret",
    label="Kun for lederen",
    explanation="Et mål med sin egen tilladelse.",
    criterion=Criterion.PARTNERSHIPS,
    compute=lambda period: 1,
    permission="dashboard.finalise_committeereport",
)


def cases(*moments: datetime, kind: str = Case.Kind.ADVICE) -> None:
    """Cases received at these moments, stored directly: the dashboard only counts them."""
    contact = ContactFactory()
    start = Case.objects.count()
    Case.objects.bulk_create(
        Case(
            reference=f"T-{start + number}",
            kind=kind,
            subject="Hjælp til en café",
            contact=contact,
            deadline=moment.date(),
            created_at=moment,
        )
        for number, moment in enumerate(moments)
    )


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CPH)


def text(response) -> str:
    """The page's text without tags, spaces run together, to read it as a user does."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", content).split())


@pytest.fixture
def some_measures():
    with measures.only(RECEIVED, MEDIAN, SHARE, GRANTED, SECRET):
        yield


# Who may see it


def test_caseworker_and_manager_see_the_dashboard(client, caseworker, manager, some_measures):
    for person in (caseworker, manager):
        client.force_login(person)
        response = client.get(URL)
        assert response.status_code == 200
        assert "Strategiens mål" in text(response)


def test_outsider_is_refused(outsider_client, some_measures):
    assert outsider_client.get(URL).status_code == 403


def test_anonymous_visitor_meets_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_measure_shows_only_to_those_with_its_permission(
    caseworker_client, client, manager, some_measures
):
    assert "Kun for lederen" not in text(caseworker_client.get(URL, {"periode": "2025"}))

    client.force_login(manager)
    assert "Kun for lederen" in text(client.get(URL, {"periode": "2025"}))


def test_admin_home_links_to_the_dashboard_for_those_who_may_see_it(
    caseworker_client, client, outsider
):
    home = caseworker_client.get(reverse("admin:index")).content.decode()
    assert f'href="{URL}"' in home
    assert "Strategiens mål" in home

    client.force_login(outsider)
    assert f'href="{URL}"' not in client.get(reverse("admin:index")).content.decode()


def test_the_page_links_to_the_committee_reports(caseworker_client, some_measures):
    try:
        reports = reverse("admin:dashboard_committeereport_changelist")
    except NoReverseMatch:
        pytest.skip("the committee reports' admin is not registered")

    assert f'href="{reports}"' in caseworker_client.get(URL).content.decode()


# The numbers


def test_a_year_shows_danish_numbers_against_the_year_before(caseworker_client, some_measures):
    # 2025: five cases, one of them on 31 December at 23:30 Copenhagen time (still 2025);
    # 2024: four cases. One at 00:30 on 1 January 2026 Copenhagen time belongs to 2026.
    cases(at(2025, 3, 10), at(2025, 3, 11), at(2025, 6, 1), at(2025, 12, 31, 23, 30))
    cases(at(2025, 3, 12), kind=Case.Kind.GRANT)
    cases(at(2024, 3, 1), at(2024, 3, 2), at(2024, 7, 1), at(2024, 12, 31))
    cases(datetime(2025, 12, 31, 23, 30, tzinfo=UTC))  # 00:30 on 1 January 2026 in Denmark

    page = text(caseworker_client.get(URL, {"periode": "2025"}))

    assert "Strategiens mål: 2025" in page
    assert "Én indgang til rådgivning og viden" in page
    assert "Henvendelser modtaget 5 +25 % mod 2024" in page
    assert "Samme periode 2024: 4" in page
    assert "steget med 25 % i forhold til 2024" in page  # for a screen reader
    assert "Sådan tælles det Alle sager, talt den dag de kom ind." in page
    assert "Arbejdsdage til første svar 3,5 arbejdsdage –1 arbejdsdag mod 2024" in page
    assert "Besvaret inden for fristen 87 % intet at sammenligne med i 2024" in page
    assert "Bevilget støtte 12.500 kr. +25 % mod 2024" in page
    assert "Samme periode 2024: 10.000 kr." in page
    # The month table beside the chart: three in March 2025 against two in March 2024.
    assert "marts 3 2" in page
    assert "december 1 1" in page
    # The breakdown by kind, in the kind's own order.
    assert "Henvendelse om rådgivning 4 4 Ansøgning om støtte 1 0" in page


def test_each_chart_is_an_image_with_a_table_of_the_same_numbers(caseworker_client, some_measures):
    cases(at(2025, 3, 10))

    content = caseworker_client.get(URL, {"periode": "2025"}).content.decode()

    images = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', content)
    assert images == [
        "Diagram: Henvendelser modtaget måned for måned. Tallene står i tabellen.",
        "Diagram: Henvendelser modtaget fordelt på sagstype. Tallene står i tabellen.",
    ]
    assert content.count("<figcaption>") == 2
    assert "<caption>Henvendelser modtaget måned for måned</caption>" in content
    assert '<th scope="col">Måned</th>' in content
    assert '<th scope="row">marts</th>' in content


def test_a_running_year_is_counted_up_to_today_against_the_same_days_last_year(
    caseworker_client, some_measures, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 15))
    cases(at(2026, 1, 5), at(2026, 3, 15, 23, 0))
    cases(at(2025, 2, 1), at(2025, 3, 15, 9), at(2025, 3, 16, 9))  # the 16th is after the day

    page = text(caseworker_client.get(URL))

    assert "Strategiens mål: 2026 til og med 15. marts" in page
    assert "samme periode året før (2025 til og med 15. marts)" in page
    assert "Henvendelser modtaget 2 uændret mod 2025" in page


# The period chooser


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ({"year": "2026"}, "2026"),
        ({"year": "2026", "quarter": "2"}, "2026-K2"),
        ({"year": "2026", "month": "3"}, "2026-03"),
        ({"first": "1.2.2026", "last": "14.2.2026"}, "2026-02-01_2026-02-14"),
        ({"first": "2026-02-01", "last": "2026-02-01"}, "2026-02-01_2026-02-01"),
    ],
)
def test_the_chooser_sends_to_the_period_address(caseworker_client, some_measures, query, slug):
    response = caseworker_client.get(URL, query)

    assert response.status_code == 302
    assert response.url == f"{URL}?periode={slug}"


def test_a_quarter_is_shown_with_its_danish_name(caseworker_client, some_measures):
    cases(at(2025, 4, 1, 0, 30), at(2025, 6, 30))

    page = text(caseworker_client.get(URL, {"periode": "2025-K2"}))

    assert "Strategiens mål: 2. kvartal 2025" in page
    assert "Henvendelser modtaget 2 +2 mod 2. kvartal 2024" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "20266"}, "Vælg et år til og med 2100."),
        ({"year": "1999"}, "Vælg et år fra 2000 og frem."),
        ({"year": "i år"}, "Skriv året med fire cifre, fx 2026."),
        ({"year": "2026", "quarter": "2", "month": "3"}, "Vælg enten et kvartal eller en måned"),
        ({"first": "10.3.2026", "last": "1.3.2026"}, "Til-datoen skal være samme dag som"),
        ({"first": "i går", "last": "1.3.2026"}, "Skriv datoen som dag.måned.år, fx 1.3.2026."),
        ({"first": "1.3.1999", "last": "1.3.2026"}, "Vælg en dato mellem 2000 og 2100."),
        ({"periode": "1999-K1"}, "Perioden »1999-K1« findes ikke."),
        ({"periode": "garbage"}, "Perioden »garbage« findes ikke."),
        ({"periode": "20266"}, "Perioden »20266« findes ikke."),
        ({"periode": "2026-13"}, "Perioden »2026-13« findes ikke."),
    ],
)
def test_bad_periods_are_refused_in_danish_and_the_page_still_shows(
    caseworker_client, some_measures, monkeypatch, query, message
):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 15))

    response = caseworker_client.get(URL, query)

    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert "Henvendelser modtaget" in page


def test_a_field_error_stands_next_to_its_field(caseworker_client, some_measures):
    content = caseworker_client.get(URL, {"first": "10.3.2026", "last": "1.3.2026"}).content
    content = content.decode()

    error = content.index('id="id_last_error"')
    assert content.index('for="id_last"') < error < content.index('name="last"')
    assert re.search(r'aria-describedby="[^"]*id_last_error"', content)
    assert 'value="10.3.2026"' in content  # what was typed is kept


def test_quick_links_name_the_periods_from_today(caseworker_client, some_measures, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 15))

    content = caseworker_client.get(URL).content.decode()

    assert f'<a href="{URL}?periode=2026" aria-current="page">I år</a>' in content
    assert f'<a href="{URL}?periode=2025">Sidste år</a>' in content
    assert f'<a href="{URL}?periode=2026-K1">Dette kvartal</a>' in content
    assert f'<a href="{URL}?periode=2025-K4">Sidste kvartal</a>' in content


# Cost


def test_query_count_does_not_grow_with_the_rows(caseworker_client, some_measures):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert caseworker_client.get(URL, {"periode": "2025"}).status_code == 200
        return len(captured)

    queries()  # the first request also fills caches (content types, the session's user)
    cases(at(2025, 3, 1), at(2024, 3, 1))
    few = queries()
    cases(*(at(2025, month, day) for month in range(1, 13) for day in (1, 9, 17, 25)))
    cases(*(at(2024, month, 3) for month in range(1, 13)), kind=Case.Kind.GRANT)

    assert queries() == few


def test_the_first_year_is_shown_with_its_year_before(caseworker_client, some_measures):
    response = caseworker_client.get(URL, {"periode": "2000"})

    assert response.status_code == 200
    page = text(response)
    assert "Strategiens mål: 2000" in page
    assert "1999" in page
