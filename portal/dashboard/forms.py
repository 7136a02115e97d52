"""The dashboard's period chooser: a year (or one of its quarters or months), or any days.

Two small GET forms, so each works on its own without JavaScript; a valid choice becomes the
period's slug in the address (?periode=2026-K2), which can be bookmarked and sent on.
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.http import QueryDict
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.dashboard.periods import FIRST_YEAR, LAST_YEAR, Period, quarter_number

# As people in Denmark type a date (a text field: the typed date stays as typed when refused).
DATE_FORMATS = ["%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]

YEAR_ERRORS = {
    "required": _("Skriv et år, fx 2026."),
    "invalid": _("Skriv året med fire cifre, fx 2026."),
    "min_value": _("Vælg et år fra %(limit_value)s og frem."),
    "max_value": _("Vælg et år til og med %(limit_value)s."),
}

DATE_ERRORS = {
    "required": _("Skriv en dato, fx 1.3.2026."),
    "invalid": _("Skriv datoen som dag.måned.år, fx 1.3.2026."),
}


class YearForm(forms.Form):
    """A year, or one of its quarters or months."""

    year = forms.IntegerField(
        label=_("År"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "vIntegerField"}),
    )
    quarter = forms.TypedChoiceField(
        label=_("Kvartal"),
        choices=[("", _("Hele året"))]
        + [(number, _("%(number)s. kvartal") % {"number": number}) for number in range(1, 5)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    month = forms.TypedChoiceField(
        label=_("Måned"),
        choices=[("", _("Ingen bestemt måned"))] + list(MONTHS.items()),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("quarter") and data.get("month"):
            self.add_error("month", _("Vælg enten et kvartal eller en måned, ikke begge."))
        return data

    def period(self) -> Period:
        data = self.cleaned_data
        if data["month"]:
            return Period.month(data["year"], data["month"])
        if data["quarter"]:
            return Period.quarter(data["year"], data["quarter"])
        return Period.year(data["year"])

    @classmethod
    def for_period(cls, period: Period) -> "YearForm":
        """Unbound, showing the year (and quarter or month) of the period on the page."""
        initial = {"year": period.start.year}
        if period.kind == "quarter":
            initial["quarter"] = quarter_number(period.start)
        if period.kind == "month":
            initial["month"] = period.start.month
        return cls(initial=initial)


class DaysForm(forms.Form):
    """Any days, from one date up to and including another."""

    first = forms.DateField(
        label=_("Fra og med"),
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        help_text=_("Fx 1.3.2026"),
        widget=forms.DateInput(attrs={"class": "vDateField"}, format="%d.%m.%Y"),
    )
    last = forms.DateField(
        label=_("Til og med"),
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        help_text=_("Fx 31.3.2026"),
        widget=forms.DateInput(attrs={"class": "vDateField"}, format="%d.%m.%Y"),
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        for name, day in (("first", first), ("last", last)):
            if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Vælg en dato mellem %(first)s og %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
        if first and last and last < first and not self.errors:
            self.add_error("last", _("Til-datoen skal være samme dag som fra-datoen eller senere."))
        return data

    def period(self) -> Period:
        return Period.days(self.cleaned_data["first"], self.cleaned_data["last"])

    @classmethod
    def for_period(cls, period: Period) -> "DaysForm":
        return cls(initial={"first": period.start, "last": period.last})


def quick_periods(today: date) -> list[tuple[str, Period]]:
    """The periods people ask for most, named from today."""
    return [
        (_("I år"), Period.year(today.year)),
        (_("Sidste år"), Period.year(today.year - 1)),
        (_("Dette kvartal"), Period.quarter_of(today)),
        (_("Sidste kvartal"), Period.quarter_before(today)),
        (_("Denne måned"), Period.month(today.year, today.month)),
    ]


@dataclass
class Choice:
    """The period the page shows, the chooser's two forms, and what was wrong with the address."""

    period: Period
    year_form: YearForm
    days_form: DaysForm
    error: str = ""
    redirect_to: Period | None = None


def choose_period(query: QueryDict, today: date) -> Choice:
    """The period `query` asks for (?periode=<slug>, or one of the chooser's forms); this year
    up to today when it asks for none or for one that does not exist."""
    default = Period.year(today.year)
    error = ""
    try:
        period = Period.parse(query["periode"]) if "periode" in query else default
    except ValueError:
        period = default
        error = gettext("Perioden »%(slug)s« findes ikke. Vælg en periode herunder.") % {
            "slug": query["periode"][:40]
        }
    year_form, days_form = YearForm.for_period(period), DaysForm.for_period(period)
    if "first" in query or "last" in query:
        days_form = DaysForm(query)
        if days_form.is_valid():
            return Choice(period, year_form, days_form, redirect_to=days_form.period())
    elif "year" in query:
        year_form = YearForm(query)
        if year_form.is_valid():
            return Choice(period, year_form, days_form, redirect_to=year_form.period())
    return Choice(period, year_form, days_form, error)
