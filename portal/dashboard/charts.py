"""The measures as people read them: numbers in Danish, and charts drawn on the server as SVG.

pygal draws the charts: it renders SVG in Python without a browser or a display, is small, and
lets every part of the drawing be given a class, so the two series can be told apart by line,
marker and fill, not by colour alone. Each chart is an <img> (a data URI), so it needs no
JavaScript and looks the same on the page, in print and in the PDF; the same numbers always
stand in a table beside it, for a screen reader and for anyone who wants the exact figures.

An image is not recoloured in Windows' high-contrast mode (forced colours), so the drawing is
black on white, whatever the theme.

    sections = charts.present(compute.dashboard(period, user=user), period)

gives the sections the templates dashboard/_section.html, _figure.html and _chart.html show.
"""

import base64
import functools
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pygal
from django.core.cache import cache
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from pygal.style import Style

from portal.dashboard.compute import NOT_GIVEN, Figure, Section
from portal.dashboard.measures import Number, Unit
from portal.dashboard.periods import Period
from portal.money import format_kroner

INK = "#1a1a1a"  # text, axes and this period's series
GREY = "#595959"  # the year before: 7:1 on white
GUIDE = "#b3b3b3"

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground=INK,
    foreground_strong="#000000",
    foreground_subtle=GUIDE,
    colors=(INK, GREY),
    opacity="1",
    opacity_hover="1",
    stroke_opacity="1",
    stroke_opacity_hover="1",
    font_family="Arial, Helvetica, 'Liberation Sans', sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    no_data_font_size=20,
    guide_stroke_dasharray="2,4",
    major_guide_stroke_dasharray="2,4",
    transition="none",
)

# The year before: a hatched bar with an outline, a dashed line with hollow dots; this period a
# solid dark bar, a solid line with filled dots.
HATCH = (
    '<pattern id="before" patternUnits="userSpaceOnUse" width="8" height="8" '
    'patternTransform="rotate(45)">'
    '<rect width="8" height="8" fill="#ffffff"/>'
    f'<line x1="0" y1="0" x2="0" y2="8" stroke="{GREY}" stroke-width="4"/>'
    "</pattern>"
)
CSS = f"""inline:
.serie-0 .line {{ stroke-width: 3; }}
.serie-0 .dot {{ fill: {INK}; stroke: {INK}; }}
.serie-1 .line {{ stroke: {GREY}; stroke-width: 2.5; stroke-dasharray: 8,5; }}
.serie-1 .dot {{ fill: #ffffff; stroke: {GREY}; stroke-width: 2.5; }}
.serie-0 .rect {{ fill: {INK}; stroke: {INK}; }}
.serie-1 .rect {{ fill: url(#before); stroke: {GREY}; stroke-width: 2; }}
.legend rect.color-0 {{ fill: {INK}; stroke: {INK}; }}
.legend rect.color-1 {{ fill: url(#before); stroke: {GREY}; stroke-width: 2; }}
.line-graph .legend rect.color-1 {{ fill: #ffffff; }}
.text-overlay .serie-0 text.value {{ fill: {INK}; }}
.text-overlay .serie-1 text.value {{ fill: {GREY}; }}
text.value {{ font-weight: bold; }}
"""

WIDTH = 720


@dataclass(frozen=True)
class Chart:
    """A chart ready for <img>, and the rows of the table with the same numbers."""

    title: str
    description: str
    svg: str
    headers: tuple[str, str, str]  # the first column, this period, the year before
    rows: list[tuple[str, str, str]]
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()

    @property
    def alt(self) -> str:
        return _("Diagram: %(title)s. Tallene står i tabellen.") % {"title": self.title}


@dataclass
class ShownFigure:
    """A figure with its numbers in words and its charts, for the templates."""

    figure: Figure
    value: str
    previous: str
    change: str  # "+12 % mod 2025", "uændret mod 2025"
    change_in_words: str  # the same for a screen reader, which may not read "+" or "–"
    compared_with: str  # "2025"
    charts: list[Chart] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.figure.name

    @property
    def anchor(self) -> str:
        return "maal-" + self.figure.name.replace(".", "-").replace("_", "-")

    @property
    def label(self) -> str:
        return self.figure.label

    @property
    def explanation(self) -> str:
        return self.figure.explanation


@dataclass
class ShownSection:
    criterion: str
    label: str
    figures: list[ShownFigure]


def present(sections: list[Section], period: Period) -> list[ShownSection]:
    """The sections with every number written out and every chart drawn."""
    return [
        ShownSection(
            criterion=section.criterion,
            label=section.label,
            figures=[present_figure(figure, period) for figure in section.figures],
        )
        for section in sections
    ]


def present_figure(figure: Figure, period: Period) -> ShownFigure:
    compared_with = short_label(period.year_before())
    charts = (trend_chart(figure, period), breakdown_chart(figure, period))
    return ShownFigure(
        figure=figure,
        value=format_value(figure.value, figure.unit),
        previous=format_value(figure.previous, figure.unit),
        change=format_change(figure, compared_with),
        change_in_words=format_change(figure, compared_with, in_words=True),
        compared_with=compared_with,
        charts=[chart for chart in charts if chart is not None],
    )


# Numbers in words


def short_label(period: Period) -> str:
    """ "2026", "2. kvartal 2026", "marts 2026": the period's name without "til og med"."""
    return period.whole().label


def _plain(value: Number) -> str:
    """1.234 or 12,5: one decimal only when there is one."""
    decimals = 0 if value == int(value) else 1
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def format_value(value: Number | None, unit: str) -> str:
    """ "1.234", "12.500 kr.", "3,5 arbejdsdage", "87 %"; "–" when there is no number."""
    if value is None:
        return NOT_GIVEN
    if unit == Unit.KRONER:
        return format_kroner(round(value))
    if unit == Unit.WORKDAYS:
        return ngettext("%(days)s arbejdsdag", "%(days)s arbejdsdage", 1 if value == 1 else 2) % {
            "days": _plain(value)
        }
    if unit == Unit.PERCENT:
        return _("%(percent)s %%") % {"percent": _plain(value)}
    return _plain(value)


def _amount(value: Number, unit: str) -> str:
    """A difference without its sign, in the measure's unit."""
    if unit == Unit.PERCENT:
        return ngettext(
            "%(points)s procentpoint", "%(points)s procentpoint", 1 if value == 1 else 2
        ) % {"points": _plain(value)}
    return format_value(value, unit)


def format_change(figure: Figure, compared_with: str, *, in_words: bool = False) -> str:
    """ "+12 % mod 2025", "–3 mod 2025", "uændret mod 2025"; a count or an amount changes by a
    percentage of last year's (by its number when last year had none), a share by percentage
    points, working days by days.

    `in_words`: "steget med 12 % i forhold til 2025", for a screen reader that may read
    neither sign."""
    change = figure.change
    if change is None:
        return _("intet at sammenligne med i %(year)s") % {"year": compared_with}
    if change == 0:
        return _("uændret mod %(year)s") % {"year": compared_with}
    percent = figure.change_percent
    if figure.unit in (Unit.COUNT, Unit.KRONER) and percent:
        amount = _("%(percent)s %%") % {"percent": number_format(abs(percent))}
    else:
        amount = _amount(abs(change), figure.unit)
    if in_words:
        if change > 0:
            return _("steget med %(amount)s i forhold til %(year)s") % {
                "amount": amount,
                "year": compared_with,
            }
        return _("faldet med %(amount)s i forhold til %(year)s") % {
            "amount": amount,
            "year": compared_with,
        }
    sign = "+" if change > 0 else "–"
    return _("%(sign)s%(amount)s mod %(year)s") % {
        "sign": sign,
        "amount": amount,
        "year": compared_with,
    }


def _axis_value(value: float | None, unit: str) -> str:
    """A number on the axis or over a bar: short, without the unit's word."""
    if value is None:
        return ""
    if unit == Unit.PERCENT:
        return _("%(percent)s %%") % {"percent": _plain(_decimal(value))}
    return _plain(_decimal(value))


def _decimal(value: float) -> Decimal:
    # pygal hands back floats; rounded to one decimal they print as the table does.
    return Decimal(str(round(value, 1)))


# Charts


def _float(value: Number | None) -> float | None:
    return None if value is None else float(value)


def _ticks(values: list[float | None], unit: str) -> list[float]:
    """0 and four or five round steps above the largest value: whole numbers for counts."""
    top = max((value for value in values if value is not None), default=0)
    if unit == Unit.PERCENT:
        top = max(top, 10)
    if top <= 0:
        return [0, 1]
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if unit in (Unit.COUNT, Unit.KRONER):
        step = max(1, round(step))
    return [step * i for i in range(math.ceil(top / step) + 1)]


def _month_label(key: str, several_years: bool) -> str:
    month = date.fromisoformat(f"{key}-01")
    # Django's own Danish abbreviations: "jan.", "feb.", "marts", "april", "maj" …
    return date_format(month, "N Y" if several_years else "N")


def _month_name(key: str, several_years: bool) -> str:
    return date_format(date.fromisoformat(f"{key}-01"), "F Y" if several_years else "F")


def _classes(node: ElementTree.Element) -> list[str]:
    return node.get("class", "").split()


def _serie(node: ElementTree.Element) -> str:
    return next((name for name in _classes(node) if name.startswith("serie-")), "")


def _place_values(root: ElementTree.Element, *, only_now: bool) -> None:
    """Each printed value just above its dot, or just after the end of its bar, in dark text
    (pygal puts them inside a bar's end, white on dark, where they are cut off). `only_now`:
    the year before's values go (two lines' numbers would overlap; the table has them)."""
    plots = [node for node in root.iter("g") if "plot" in _classes(node)]
    texts = next((plot for plot in plots if "text-overlay" in _classes(plot)), None)
    if texts is None:
        return
    size = STYLE.value_font_size
    for serie in texts:
        labels = []
        for label in [node for node in serie if "value" in _classes(node)]:
            if not label.text or (only_now and _serie(serie) != "serie-0"):
                serie.remove(label)
            else:
                labels.append(label)
        dots = [
            dot
            for plot in plots
            if "overlay" in _classes(plot)
            for group in plot
            if _serie(group) == _serie(serie)
            for dot in group.iter("circle")
        ]
        bars = [
            bar
            for plot in plots
            if _classes(plot) == ["plot"]
            for group in plot
            if _serie(group) == _serie(serie)
            for bar in group.iter("rect")
            if "rect" in _classes(bar)
        ]
        # Each value to the dot or bar it was printed for: pygal prints a line's value a font
        # size right of and below its dot, a bar's about its end (none for a missing value).
        for label in labels:
            x, y = float(label.get("x", 0)), float(label.get("y", 0))
            if dots:
                dot = min(dots, key=lambda dot: abs(float(dot.get("cx")) + size - x))
                label.set("x", f"{float(dot.get('cx')):.1f}")
                label.set("y", f"{float(dot.get('cy')) - size * 0.9:.1f}")
                label.set("text-anchor", "middle")
            elif bars:
                # pygal leaves out a zero, as in a bar of width 0.
                bar = min(
                    bars,
                    key=lambda bar: abs(
                        float(bar.get("y", 0)) + float(bar.get("height", 0)) / 2 - y
                    ),
                )
                right = float(bar.get("x", 0)) + float(bar.get("width", 0))
                middle = float(bar.get("y", 0)) + float(bar.get("height", 0)) / 2
                label.set("x", f"{right + 6:.1f}")
                label.set("y", f"{middle + size / 3:.1f}")
                label.set("text-anchor", "start")


EMPTY_SELECTOR = re.compile(r"(^|\})\s*\{")


def _filter(title: str, description: str, *, only_now: bool):
    """What pygal adds for its JavaScript tooltips goes (no script in the image), the image is
    named and described, and the render date comment goes so the same numbers give the same
    SVG."""

    def clean(root: ElementTree.Element) -> ElementTree.Element:
        for parent in list(root.iter()):
            for child in list(parent):
                if (
                    child.tag in ("script", ElementTree.Comment)
                    or (child.tag == "desc" and parent is not root)
                    or "tooltip" in _classes(child)
                ):
                    parent.remove(child)
        _place_values(root, only_now=only_now)
        for style in root.iter("style"):
            # Without its chart id (no_prefix) pygal leaves rules with no selector, "{…}";
            # WeasyPrint's SVG reader then drops the stylesheet and draws the PDF's charts
            # black. They were meant for the whole drawing: say so.
            style.text = EMPTY_SELECTOR.sub(r"\1svg{", style.text or "")
        root.set("id", "")
        root.set("role", "img")
        root.set("aria-labelledby", "title desc")
        root.set("lang", get_language() or "da")
        title_node = root.find("title")
        title_node.text = title
        title_node.set("id", "title")
        desc = ElementTree.Element("desc", id="desc")
        desc.text = description
        root.insert(list(root).index(title_node) + 1, desc)
        return root

    return clean


def _chart(
    kind,
    *,
    title: str,
    description: str,
    unit: str,
    values: list,
    height: int,
    only_now: bool = False,
    **config,
):
    chart = kind(
        style=STYLE,
        css=["file://style.css", "file://graph.css", CSS],
        defs=[HATCH],
        js=[],
        no_prefix=True,
        width=WIDTH,
        height=height,
        print_values=True,
        value_formatter=lambda value: _axis_value(value, unit),
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        legend_box_size=16,
        truncate_legend=-1,
        truncate_label=-1,
        show_x_guides=False,
        dots_size=5,
        y_labels=_ticks(values, unit),
        no_data_text=_("Ingen tal"),
        **config,
    )
    chart.add_xml_filter(_filter(title, description, only_now=only_now))
    return chart


def _render(chart) -> str:
    return chart.render(is_unicode=True)


def _titles(period: Period | None) -> tuple[str, str]:
    """The two series' names, in the legend and over the table's columns: "2026" and "2025"
    (the page's heading says when a running year stops)."""
    if period is None:
        return _("Perioden"), _("Samme periode året før")
    return short_label(period), short_label(period.year_before())


# Drawing a chart costs tens of milliseconds; the same numbers in the same language always
# give the same drawing, so it is kept by what it is drawn from.
CHART_CACHE_SECONDS = 24 * 60 * 60


def _kept(draw):
    """`draw` once for the same figure, period and language; then from the cache."""

    @functools.wraps(draw)
    def kept(figure: Figure, period: Period | None = None) -> Chart | None:
        drawn_from = [
            draw.__name__,
            figure.to_json(),
            period and [period.kind, period.start.isoformat(), period.end.isoformat()],
            get_language(),
        ]
        key = (
            "dashboard-chart:"
            + hashlib.sha256(
                json.dumps(drawn_from, sort_keys=True, default=str).encode()
            ).hexdigest()
        )
        found = cache.get(key)
        if found is not None:
            return found[0]
        chart = draw(figure, period)
        cache.set(key, (chart,), CHART_CACHE_SECONDS)
        return chart

    return kept


@_kept
def trend_chart(figure: Figure, period: Period | None = None) -> Chart | None:
    """The measure month by month, this period against the same months a year before (a line
    chart); None for a measure without a trend."""
    if not figure.trend or not figure.months:
        return None
    now_label, before_label = _titles(period)
    keys = [key for key, _value in figure.months]
    several_years = len({key[:4] for key in keys}) > 1
    months = [_month_label(key, several_years) for key in keys]
    now = [_float(value) for _key, value in figure.months]
    before = [_float(value) for _key, value in figure.previous_months][: len(now)]
    before += [None] * (len(now) - len(before))

    title = _("%(measure)s måned for måned") % {"measure": figure.label}
    description = _(
        "Linjediagram med ét punkt for hver måned: %(now)s som fuld sort linje med fyldte "
        "prikker, %(before)s som stiplet grå linje med hule prikker. Hele perioden: %(value)s "
        "i %(now)s mod %(previous)s i %(before)s."
    ) % {
        "now": now_label,
        "before": before_label,
        "value": format_value(figure.value, figure.unit),
        "previous": format_value(figure.previous, figure.unit),
    }
    height = 380
    chart = _chart(
        pygal.Line,
        title=title,
        description=description,
        unit=figure.unit,
        values=now + before,
        height=height,
        x_labels=months,
        x_label_rotation=0 if len(months) <= 12 and not several_years else 30,
        allow_interruptions=True,
        print_values_position="top",
        # On a line, a zero lies on the axis and its number in the way; a bar of 0 needs it.
        print_zeroes=False,
        only_now=True,
    )
    chart.add(_("%(period)s (fuld linje)") % {"period": now_label}, now)
    # Smaller hollow dots: where both years have the same number, this year's shows around it.
    chart.add(_("%(period)s (stiplet linje)") % {"period": before_label}, before, dots_size=3.5)
    rows = [
        (
            _month_name(key, several_years),
            format_value(value, figure.unit),
            format_value(previous, figure.unit),
        )
        for (key, value), previous in zip(
            figure.months,
            [value for _key, value in figure.previous_months]
            + [None] * (len(now) - len(figure.previous_months)),
            strict=False,
        )
    ]
    return Chart(
        title=title,
        description=description,
        svg=_render(chart),
        headers=(_("Måned"), now_label, before_label),
        rows=rows,
        width=WIDTH,
        height=height,
    )


@_kept
def breakdown_chart(figure: Figure, period: Period | None = None) -> Chart | None:
    """The measure broken down (by topic, status …), this period and the year before, as
    horizontal bars; None for a measure without a breakdown."""
    if not figure.breakdown:
        return None
    now_label, before_label = _titles(period)
    # pygal draws the first row at the bottom: reversed, the chart reads as the table does.
    drawn = list(reversed(figure.breakdown))
    labels = [label for label, _now, _before in drawn]
    now = [_float(value) for _label, value, _before in drawn]
    before = [_float(value) for _label, _now, value in drawn]

    if figure.breakdown_by:
        title = _("%(measure)s fordelt på %(by)s") % {
            "measure": figure.label,
            "by": figure.breakdown_by,
        }
    else:
        title = _("%(measure)s fordelt") % {"measure": figure.label}
    largest = max(figure.breakdown, key=lambda row: row[1] or 0)
    description = ngettext(
        "Liggende søjlediagram med %(count)s gruppe: %(now)s som sort søjle, %(before)s som "
        "skraveret søjle med grå kant. Højest i %(now)s: %(largest)s med %(value)s.",
        "Liggende søjlediagram med %(count)s grupper: %(now)s som sorte søjler, %(before)s som "
        "skraverede søjler med grå kant. Højest i %(now)s: %(largest)s med %(value)s.",
        len(labels),
    ) % {
        "count": len(labels),
        "now": now_label,
        "before": before_label,
        "largest": largest[0],
        "value": format_value(largest[1], figure.unit),
    }
    height = 150 + 56 * len(labels)
    chart = _chart(
        pygal.HorizontalBar,
        title=title,
        description=description,
        unit=figure.unit,
        values=now + before,
        height=height,
        x_labels=labels,
        print_values_position="top",
        print_zeroes=True,
        spacing=12,
        margin_right=70,
    )
    chart.add(_("%(period)s (sort)") % {"period": now_label}, now)
    chart.add(_("%(period)s (skraveret)") % {"period": before_label}, before)
    rows = [
        (label, format_value(value, figure.unit), format_value(previous, figure.unit))
        for label, value, previous in figure.breakdown
    ]
    return Chart(
        title=title,
        description=description,
        svg=_render(chart),
        headers=(_("Fordeling"), now_label, before_label),
        rows=rows,
        width=WIDTH,
        height=height,
    )
