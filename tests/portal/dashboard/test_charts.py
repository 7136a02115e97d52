"""The charts: SVG drawn on the server with a title, a description, no script, every month's
value printed, Danish numbers; and the numbers in words beside them."""

import base64
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.utils import translation

from portal.dashboard import charts
from portal.dashboard.compute import Figure
from portal.dashboard.periods import Period

SVG = "{http://www.w3.org/2000/svg}"
YEAR = Period.year(2026)

# January to December 2026 and 2025; December 2026 has a number with a thousands separator.
NOW = [3, 5, 0, 7, 2, 4, 1, 6, 8, 9, 10, 1234]
BEFORE = [2, 4, 1, 7, 3, 3, 0, 5, 6, 8, 12, 900]


def received(**changes) -> Figure:
    data = {
        "name": "cases.received",
        "label": "Henvendelser modtaget",
        "explanation": "Sager oprettet i perioden.",
        "criterion": "one_entry",
        "unit": "count",
        "value": sum(NOW),
        "previous": sum(BEFORE),
        "months": [(f"2026-{month:02d}", value) for month, value in enumerate(NOW, 1)],
        "previous_months": [(f"2025-{month:02d}", value) for month, value in enumerate(BEFORE, 1)],
        "breakdown": [
            ("Henvendelse om rådgivning", 1200, 880),
            ("Ansøgning om støtte", 80, 60),
            ("Forslag om partnerskab", 0, 3),
        ],
        "trend": True,
    }
    return Figure(**{**data, **changes})


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg.encode())


def printed_values(root: ElementTree.Element, serie: str) -> list[str]:
    overlay = next(node for node in root.iter(f"{SVG}g") if "text-overlay" in node.get("class", ""))
    group = next(node for node in overlay if serie in node.get("class", "").split())
    return [node.text for node in group if "value" in node.get("class", "")]


def test_trend_chart_is_a_titled_described_svg_without_script_or_outside_resources():
    chart = charts.trend_chart(received(), YEAR)

    root = parse(chart.svg)
    assert root.find(f"{SVG}title").text == "Henvendelser modtaget måned for måned"
    description = root.find(f"{SVG}desc").text
    assert "2026 som fuld sort linje med fyldte prikker" in description
    assert "2025 som stiplet grå linje med hule prikker" in description
    assert "1.289 i 2026 mod 951 i 2025" in description
    assert root.get("role") == "img"
    assert "<script" not in chart.svg
    assert "http://" not in chart.svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in chart.svg
    assert "@import" not in chart.svg


def test_trend_chart_prints_every_month_this_year_in_danish_and_names_the_months():
    chart = charts.trend_chart(received(), YEAR)

    root = parse(chart.svg)
    # Every month but March's 0, which lies on the axis (the table has it).
    assert printed_values(root, "serie-0") == [
        "3", "5", "7", "2", "4", "1", "6", "8", "9", "10", "1.234",
    ]  # fmt: skip
    # The year before's numbers would overlap this year's: they are in the table only.
    assert printed_values(root, "serie-1") == []
    axis = [node.text for node in root.iter(f"{SVG}text") if node.text]
    for month in ("jan.", "feb.", "marts", "april", "maj", "juni", "aug.", "sept.", "dec."):
        assert month in axis


def test_trend_chart_table_has_each_month_with_both_years():
    chart = charts.trend_chart(received(), YEAR)

    assert chart.headers == ("Måned", "2026", "2025")
    assert chart.rows[0] == ("januar", "3", "2")
    assert chart.rows[2] == ("marts", "0", "1")
    assert chart.rows[-1] == ("december", "1.234", "900")
    assert len(chart.rows) == 12


def test_the_year_before_is_told_apart_by_more_than_colour():
    trend = charts.trend_chart(received(), YEAR).svg
    bars = charts.breakdown_chart(received(), YEAR).svg

    assert "stroke-dasharray:8,5" in trend.replace(" ", "")  # a dashed line
    assert "fill:#ffffff" in trend.replace(" ", "")  # hollow dots
    assert '<pattern id="before"' in bars  # hatched bars
    assert "fill:url(#before)" in bars.replace(" ", "")
    assert "background-color:#ffffff" in trend.replace(" ", "")


def test_data_uri_decodes_to_the_svg():
    chart = charts.trend_chart(received(), YEAR)

    prefix = "data:image/svg+xml;base64,"
    assert chart.data_uri.startswith(prefix)
    assert base64.b64decode(chart.data_uri[len(prefix) :]).decode() == chart.svg


def test_the_same_numbers_draw_the_same_svg(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert charts.trend_chart(received(), YEAR).svg == charts.trend_chart(received(), YEAR).svg


def test_a_chart_is_drawn_once_for_the_same_numbers_period_and_language(monkeypatch):
    drawn = []
    render = charts._render
    monkeypatch.setattr(charts, "_render", lambda chart: drawn.append(1) or render(chart))

    first = charts.trend_chart(received(), YEAR)
    assert charts.trend_chart(received(), YEAR) == first
    assert len(drawn) == 1
    # Other numbers, another period or another language: drawn again.
    charts.trend_chart(received(value=1), YEAR)
    charts.trend_chart(received(), Period.year(2026).up_to(date(2026, 6, 30)))
    with translation.override("en"):
        charts.trend_chart(received(), YEAR)
    assert len(drawn) == 4


def test_decimal_and_missing_values_are_drawn_and_written():
    median = received(
        name="cases.median_workdays",
        label="Arbejdsdage til første svar",
        unit="workdays",
        value=Decimal("3.5"),
        previous=None,
        months=[("2026-01", Decimal("2.5")), ("2026-02", None), ("2026-03", 4)],
        previous_months=[("2025-01", None), ("2025-02", Decimal("1.5")), ("2025-03", 2)],
        breakdown=[],
    )

    chart = charts.trend_chart(median, Period.quarter(2026, 1))

    assert printed_values(parse(chart.svg), "serie-0") == ["2,5", "4"]
    assert chart.rows == [
        ("januar", "2,5 arbejdsdage", "–"),
        ("februar", "–", "1,5 arbejdsdage"),
        ("marts", "4 arbejdsdage", "2 arbejdsdage"),
    ]
    assert chart.headers == ("Måned", "1. kvartal 2026", "1. kvartal 2025")
    assert charts.breakdown_chart(median, YEAR) is None


def test_breakdown_chart_has_a_bar_and_a_value_for_each_group_and_year():
    chart = charts.breakdown_chart(received(), YEAR)

    root = parse(chart.svg)
    assert root.find(f"{SVG}title").text == "Henvendelser modtaget fordelt"
    assert "Højest i 2026: Henvendelse om rådgivning med 1.200" in root.find(f"{SVG}desc").text
    # Drawn from the bottom up, so the first group is on top as in the table.
    assert printed_values(root, "serie-0") == ["0", "80", "1.200"]
    assert printed_values(root, "serie-1") == ["3", "60", "880"]
    assert chart.rows == [
        ("Henvendelse om rådgivning", "1.200", "880"),
        ("Ansøgning om støtte", "80", "60"),
        ("Forslag om partnerskab", "0", "3"),
    ]
    assert "<script" not in chart.svg


def test_a_measure_without_trend_or_breakdown_has_no_chart():
    plain = received(trend=False, months=[], previous_months=[], breakdown=[])

    assert charts.trend_chart(plain, YEAR) is None
    assert charts.breakdown_chart(plain, YEAR) is None
    assert charts.present_figure(plain, YEAR).charts == []


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [
        (1234, "count", "1.234"),
        (0, "count", "0"),
        (12500, "kroner", "12.500 kr."),
        (Decimal("12500.0"), "kroner", "12.500 kr."),
        (Decimal("3.5"), "workdays", "3,5 arbejdsdage"),
        (1, "workdays", "1 arbejdsdag"),
        (87, "percent", "87 %"),
        (Decimal("87.5"), "percent", "87,5 %"),
        (None, "count", "–"),
    ],
)
def test_values_are_written_in_danish(value, unit, written):
    assert charts.format_value(value, unit) == written


@pytest.mark.parametrize(
    ("unit", "value", "previous", "change", "in_words"),
    [
        ("count", 112, 100, "+12 % mod 2025", "steget med 12 % i forhold til 2025"),
        ("count", 97, 100, "–3 % mod 2025", "faldet med 3 % i forhold til 2025"),
        ("count", 3, 0, "+3 mod 2025", "steget med 3 i forhold til 2025"),
        ("count", 5, 5, "uændret mod 2025", "uændret mod 2025"),
        ("kroner", 15000, 10000, "+50 % mod 2025", "steget med 50 % i forhold til 2025"),
        (
            "workdays",
            2,
            5,
            "–3 arbejdsdage mod 2025",
            "faldet med 3 arbejdsdage i forhold til 2025",
        ),
        (
            "percent",
            83,
            80,
            "+3 procentpoint mod 2025",
            "steget med 3 procentpoint i forhold til 2025",
        ),
        ("percent", 80, None, "intet at sammenligne med i 2025", "intet at sammenligne med i 2025"),
    ],
)
def test_the_change_is_said_with_a_sign_and_in_words(unit, value, previous, change, in_words):
    figure = received(unit=unit, value=value, previous=previous)

    shown = charts.present_figure(figure, YEAR)

    assert shown.change == change
    assert shown.change_in_words == in_words


def test_a_period_still_running_is_compared_by_its_name():
    running = Period.year(2026).up_to(Period.year(2026).start.replace(month=3, day=15))

    shown = charts.present_figure(received(), running)

    assert shown.compared_with == "2025"
    assert shown.charts[0].headers == ("Måned", "2026", "2025")


def test_every_style_rule_has_a_selector_so_the_pdf_draws_the_chart():
    # WeasyPrint drops an SVG's stylesheet at a rule without a selector, and the PDF's chart
    # comes out black.
    for chart in (charts.trend_chart(received(), YEAR), charts.breakdown_chart(received(), YEAR)):
        styles = "".join(node.text or "" for node in parse(chart.svg).iter(f"{SVG}style"))
        assert styles
        assert not charts.EMPTY_SELECTOR.search(styles)
