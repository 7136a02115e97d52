"""The scheme's rules for an application, each refused with a Danish message that names the limit.

Checked on the step where the answer is typed and again at submit: a draft may be old, and the
period may close while someone fills it in.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from entrepreneurs.models import SchemePeriod, SupportScheme
from portal.money import format_kroner
from portal.pages.models import SiteSettings


def check_postcode(postcode: str) -> None:
    """An applicant's address must be in the municipality (settings.MUNICIPALITY_POSTCODES)."""
    postcodes = settings.MUNICIPALITY_POSTCODES
    if postcode not in postcodes:
        raise ValidationError(
            _(
                "Adressen skal ligge i %(municipality)s. Postnummeret »%(postcode)s« hører "
                "ikke til kommunen; kommunens postnumre er %(postcodes)s."
            ),
            code="outside_municipality",
            params={
                "municipality": SiteSettings.load().municipality_name,
                "postcode": postcode,
                "postcodes": ", ".join(sorted(postcodes)),
            },
        )


def check_amount(*, scheme: SupportScheme, amount: int, total: int) -> None:
    """The amount applied for: at most the budget's total, the scheme's maximum and its share."""
    if amount > total:
        raise ValidationError(
            _("Du kan ikke søge mere end budgettets samlede beløb, %(total)s."),
            code="over_total",
            params={"total": format_kroner(total)},
        )
    if amount > scheme.max_amount:
        raise ValidationError(
            _("Du kan højst søge %(max)s fra %(scheme)s."),
            code="over_max",
            params={"max": format_kroner(scheme.max_amount), "scheme": scheme.name},
        )
    # Whole kroner, rounded down: 50 % of 99.999 kr. is 49.999 kr.
    share = total * scheme.max_share_percent // 100
    if amount > share:
        raise ValidationError(
            _("Du kan højst søge %(percent)d %% af budgettet, dvs. %(share)s."),
            code="over_share",
            params={"percent": scheme.max_share_percent, "share": format_kroner(share)},
        )


def _day(value: date) -> str:
    return formats.date_format(value, "j. F Y")


def period_message(scheme: SupportScheme, day: date) -> str:
    """Why the scheme takes no applications on `day`, and when it does next."""
    upcoming = scheme.next_period(day)
    if upcoming is None:
        return _("%(scheme)s er lukket for ansøgninger, og der er ikke fastsat en ny periode.") % {
            "scheme": scheme.name
        }
    return _("%(scheme)s er lukket for ansøgninger. Du kan søge igen fra %(day)s.") % {
        "scheme": scheme.name,
        "day": _day(upcoming.opens_on),
    }


def check_period(*, scheme: SupportScheme, day: date) -> SchemePeriod:
    """The period open on `day`; refused with the next period named."""
    period = scheme.period_on(day)
    if period is None:
        raise ValidationError(period_message(scheme, day), code="outside_period")
    return period
