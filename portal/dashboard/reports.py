"""The committee report: its period and title by default, a first draft of its texts written
from the numbers, making it final (the numbers kept as they were), and the sections it shows.

A draft shows the numbers as they are now; a final report shows what it stored when it was made
final (`CommitteeReport.figures`), so the committee's copy never changes afterwards.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from portal.dashboard import compute
from portal.dashboard.charts import format_value
from portal.dashboard.compute import Figure, Section
from portal.dashboard.measures import Criterion, Unit
from portal.dashboard.models import CommitteeReport
from portal.dashboard.periods import MONTH, QUARTER, YEAR, Period

TEXT_FIELDS = {criterion.value: f"text_{criterion.value}" for criterion in Criterion}


def last_whole_quarter(today: date) -> Period:
    """The quarter before the one `today` is in: the one a quarterly report is about."""
    return Period.quarter_before(today)


def parse_period(slug: str) -> Period:
    """The period a report is for; a ValidationError in Danish for anything else."""
    try:
        return Period.parse((slug or "").strip())
    except ValueError:
        raise ValidationError(
            _(
                'Skriv perioden som et år ("2026"), et kvartal ("2026-K3"), en måned '
                '("2026-09") eller to datoer ("2026-01-15_2026-02-14").'
            ),
            code="period",
        ) from None


def default_title(period: Period, municipality: str) -> str:
    """ "Socialøkonomi i Haderslev Kommune – 3. kvartal 2026". The municipality's name comes
    from the caller (the site settings' context): portal.pages sits below the dashboard."""
    return _("Socialøkonomi i %(municipality)s – %(period)s") % {
        "municipality": municipality,
        "period": period.label,
    }


def _same_period_before(period: Period) -> str:
    if period.kind == YEAR and period.is_whole:
        return _("året før")
    if period.kind == QUARTER:
        return _("samme kvartal året før")
    if period.kind == MONTH:
        return _("samme måned året før")
    return _("samme periode året før")


def comparison(figure: Figure, period: Period) -> str:
    """The change against the year before in words: "12 % flere end samme kvartal året før"."""
    if figure.value is None or figure.previous is None:
        return ""
    before, unit, more = _same_period_before(period), figure.unit, figure.change > 0
    if figure.change == 0:
        return _("det samme som %(before)s") % {"before": before}
    if unit == Unit.PERCENT:
        # A share changes by percentage points, not by a percentage of itself.
        change = abs(figure.change)
        points = number_format(change, decimal_pos=0 if change == int(change) else 1)
        if more:
            return _("%(points)s procentpoint højere end %(before)s") % {
                "points": points,
                "before": before,
            }
        return _("%(points)s procentpoint lavere end %(before)s") % {
            "points": points,
            "before": before,
        }
    if figure.change_percent is None:  # nothing the year before: no percentage to give
        return _("mod %(previous)s i %(before)s") % {
            "previous": format_value(figure.previous, unit),
            "before": before,
        }
    values = {"percent": abs(figure.change_percent), "before": before}
    if unit == Unit.COUNT:
        if more:
            return _("%(percent)s %% flere end %(before)s") % values
        return _("%(percent)s %% færre end %(before)s") % values
    if unit == Unit.WORKDAYS:
        if more:
            return _("%(percent)s %% længere end %(before)s") % values
        return _("%(percent)s %% kortere end %(before)s") % values
    if more:
        return _("%(percent)s %% mere end %(before)s") % values
    return _("%(percent)s %% mindre end %(before)s") % values


# Plainer words for the measures every report has (the cases are portal's own).
PHRASES = {
    "cases.received": ngettext_lazy(
        "Der kom %(value)s henvendelse", "Der kom %(value)s henvendelser", "count"
    ),
    "cases.answered": ngettext_lazy(
        "%(value)s henvendelse fik sit første svar",
        "%(value)s henvendelser fik deres første svar",
        "count",
    ),
    "cases.median_workdays": gettext_lazy("Det første svar kom typisk efter %(value)s"),
    "cases.answered_in_time": gettext_lazy("%(value)s fik svar inden for fristen"),
}


def sentence(figure: Figure, period: Period) -> str:
    """One plain sentence about a figure: "Der kom 123 henvendelser, 12 % flere end …"."""
    if figure.value is None:  # a median or a share of nothing
        return _("%(label)s: intet at opgøre i perioden.") % {"label": figure.label}
    value = format_value(figure.value, figure.unit)
    compared = comparison(figure, period)
    phrase = PHRASES.get(figure.name)
    if phrase is not None:
        count = figure.value if isinstance(figure.value, int) else 2
        text = phrase % {"value": value, "count": count}
        return f"{text}, {compared}." if compared else f"{text}."
    if compared:
        return _("%(label)s: %(value)s (%(comparison)s).") % {
            "label": figure.label,
            "value": value,
            "comparison": compared,
        }
    return _("%(label)s: %(value)s.") % {"label": figure.label, "value": value}


def draft_text(section: Section, period: Period) -> str:
    """A first draft of a criterion's text, for the manager to rewrite: the period, then one
    sentence per measure with its number and its change against the year before."""
    if not section.figures:
        return ""
    opening = _("Sådan gik det i %(period)s.") % {"period": period.label}
    # One measure a line, so the manager can keep, reorder or drop each.
    return "\n\n".join([opening, "\n".join(sentence(figure, period) for figure in section.figures)])


def draft_texts(period: Period) -> dict[str, str]:
    """The three texts (by field name) written from the period's numbers."""
    return {
        TEXT_FIELDS[section.criterion]: draft_text(section, period)
        for section in compute.dashboard(period)
    }


def report_period(report: CommitteeReport, today: date | None = None) -> Period:
    """The report's period; one still running is counted up to today, and a final report's is
    the one it was counted for."""
    if report.status == CommitteeReport.Status.FINAL and report.figures:
        kept = report.figures["period"]
        return Period(
            kept["kind"], date.fromisoformat(kept["start"]), date.fromisoformat(kept["end"])
        )
    return report.parsed_period.up_to(today or timezone.localdate())


def sections(report: CommitteeReport) -> list[Section]:
    """What the report shows: the stored numbers of a final report, else today's."""
    if report.status == CommitteeReport.Status.FINAL and report.figures:
        stored = report.figures.get("criteria", {})
        return [
            Section(
                criterion=criterion.value,
                label=str(criterion.label),
                figures=[Figure.from_json(data) for data in stored.get(criterion.value, [])],
            )
            for criterion in Criterion
        ]
    return compute.dashboard(report_period(report))


def counted_at(report: CommitteeReport) -> datetime:
    """When the report's numbers were counted: when it was made final, or now."""
    if report.status == CommitteeReport.Status.FINAL and report.figures:
        return datetime.fromisoformat(report.figures["counted_at"])
    return timezone.now()


def counted_label(report: CommitteeReport) -> str:
    return _("Opgjort den %(date)s") % {
        "date": date_format(timezone.localtime(counted_at(report)), "j. F Y")
    }


def period_is_over(report: CommitteeReport, today: date | None = None) -> bool:
    """Whether the report's last day has passed: only then are its numbers whole."""
    return report.parsed_period.end <= (today or timezone.localdate())


@transaction.atomic
def finalise_report(*, report: CommitteeReport, by) -> CommitteeReport:
    """Keep the report's numbers as they are now and make it final: its texts and numbers do
    not change after this."""
    report = CommitteeReport.objects.select_for_update().get(pk=report.pk)
    if report.status == CommitteeReport.Status.FINAL:
        raise ValidationError(_("Rapporten er allerede endelig."), code="final")
    if not period_is_over(report):
        raise ValidationError(
            _("Perioden er ikke slut endnu: rapporten kan gøres endelig fra %(day)s.")
            % {"day": date_format(report.parsed_period.end, "j. F Y")},
            code="running",
        )
    now, period = timezone.now(), report_period(report)
    report.figures = {
        "counted_at": now.isoformat(),
        "period": {
            "kind": period.kind,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "criteria": {
            section.criterion: [figure.to_json() for figure in section.figures]
            for section in compute.dashboard(period)
        },
    }
    report.status = CommitteeReport.Status.FINAL
    report.finalised_at, report.finalised_by = now, by
    report.save(update_fields=["figures", "status", "finalised_at", "finalised_by"])
    return report


def filename(report: CommitteeReport, extension: str) -> str:
    """ "rapport-2026-K3.pdf": the period says which report it is."""
    return f"rapport-{report.period}.{extension}"
