"""The retention policy: how long each kind of record is kept, why, and what happens then.

The policy is data, so the manager's dry-run report can show it and another municipality can
change the periods without code: PRIVACY_RETENTION in the settings (the environment variable of
the same name, as JSON) overrides the period of any rule by its kind, e.g.

    PRIVACY_RETENTION='{"closed_cases": {"years": 10}, "outbox_messages": {"months": 6}}'

The legal basis stays beside the default period; a municipality that changes a period should
have its own basis for doing so written down.
"""

import calendar
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Action(models.TextChoices):
    ANONYMISE = "anonymise", _("Anonymiseres")
    DELETE = "delete", _("Slettes")


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if min(self.years, self.months, self.days) < 0 or not (
            self.years or self.months or self.days
        ):
            raise ValueError("a retention period must be positive")

    def before(self, moment: datetime) -> datetime:
        """The moment this period before `moment`; the 31st becomes the month's last day."""
        months = moment.year * 12 + moment.month - 1 - self.years * 12 - self.months
        year, month = divmod(months, 12)
        day = min(moment.day, calendar.monthrange(year, month + 1)[1])
        return moment.replace(year=year, month=month + 1, day=day) - timedelta(days=self.days)

    def __str__(self) -> str:
        parts = []
        if self.years:
            parts.append(ngettext("%(count)d år", "%(count)d år", self.years))
            parts[-1] %= {"count": self.years}
        if self.months:
            parts.append(ngettext("%(count)d måned", "%(count)d måneder", self.months))
            parts[-1] %= {"count": self.months}
        if self.days:
            parts.append(ngettext("%(count)d dag", "%(count)d dage", self.days))
            parts[-1] %= {"count": self.days}
        return " og ".join(parts) if len(parts) < 3 else f"{parts[0]}, {parts[1]} og {parts[2]}"


@dataclass(frozen=True)
class RetentionRule:
    kind: str
    label: str
    # What the period is counted from, for the manager: "efter sagens afslutning".
    counted_from: str
    keep_for: Period
    legal_basis: str
    action: Action

    @property
    def action_label(self) -> str:
        return Action(self.action).label


DEFAULT_RULES = [
    RetentionRule(
        kind="closed_cases",
        label=_("Afsluttede sager"),
        counted_from=_("efter sagens afslutning"),
        keep_for=Period(years=5),
        legal_basis=_(
            "Arkivloven og kommunens journaliseringspraksis: sager gemmes 5 år efter "
            "afslutning. Derefter anonymiseres de efter databeskyttelsesforordningen art. 5, "
            "stk. 1, litra e (opbevaringsbegrænsning): navn, e-mail, telefon og fritekst "
            "erstattes, mens sagsnummer, sagstype, datoer og status bevares til statistik. "
            "Sager med retslig tilbageholdelse anonymiseres ikke."
        ),
        action=Action.ANONYMISE,
    ),
    RetentionRule(
        kind="inactive_contacts",
        label=_("Kontaktpersoner uden sager"),
        counted_from=_("efter seneste ændring eller kontakt"),
        keep_for=Period(years=3),
        legal_basis=_(
            "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e (dataminimering og "
            "opbevaringsbegrænsning): en kontaktperson uden sager, som kommunen ikke har haft "
            "kontakt med i 3 år, er ikke længere nødvendig for opgaven."
        ),
        action=Action.ANONYMISE,
    ),
    RetentionRule(
        kind="outbox_messages",
        label=_("Sendte e-mails uden sag"),
        counted_from=_("efter oprettelse"),
        keep_for=Period(years=1),
        legal_basis=_(
            "Databeskyttelsesforordningen art. 5, stk. 1, litra e (opbevaringsbegrænsning): "
            "en kopi af en sendt e-mail (kvitteringer, påmindelser) bruges kun til at "
            "undersøge fejl i leveringen. E-mails i en sag følger sagen."
        ),
        action=Action.DELETE,
    ),
    RetentionRule(
        kind="ended_registrations",
        label=_("Tilmeldinger til afholdte arrangementer"),
        counted_from=_("efter arrangementets afslutning"),
        keep_for=Period(years=1),
        legal_basis=_(
            "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e (dataminimering og "
            "opbevaringsbegrænsning): navn, e-mail, telefon og særlige behov bruges til at "
            "afvikle arrangementet og følge op på det. Et år efter anonymiseres de; "
            "arrangementet, virksomheden, antal pladser og fremmøde bevares til statistik."
        ),
        action=Action.ANONYMISE,
    ),
    RetentionRule(
        kind="privacy_log",
        label=_("Log over anonymiseringer og indsigtsrapporter"),
        counted_from=_("efter kørslen"),
        keep_for=Period(years=5),
        legal_basis=_(
            "Databeskyttelsesforordningen art. 5, stk. 2 (ansvarlighed): kommunen skal kunne "
            "dokumentere sine anonymiseringer og svar på indsigtsanmodninger. Loggen "
            "indeholder selv personoplysninger (den e-mail eller det CVR-nummer, der er søgt "
            "på), så den slettes efter 5 år."
        ),
        action=Action.DELETE,
    ),
]


def retention_rules() -> list[RetentionRule]:
    """The rules in force: the defaults and the apps' rules, with the periods from
    PRIVACY_RETENTION."""
    from portal.privacy.registry import app_retention

    overrides = settings.PRIVACY_RETENTION
    all_rules = [*DEFAULT_RULES, *(entry.rule for entry in app_retention.entries())]
    known = {rule.kind for rule in all_rules}
    unknown = set(overrides) - known
    if unknown:
        raise ImproperlyConfigured(
            f"PRIVACY_RETENTION: unknown rule {', '.join(sorted(unknown))}; "
            f"the rules are {', '.join(sorted(known))}."
        )
    rules = []
    for rule in all_rules:
        if rule.kind in overrides:
            try:
                rule = replace(rule, keep_for=Period(**overrides[rule.kind]))
            except (TypeError, ValueError) as error:
                raise ImproperlyConfigured(
                    f"PRIVACY_RETENTION[{rule.kind!r}] must be a positive period such as "
                    f'{{"years": 5}} or {{"months": 6}}: {error}'
                ) from None
        rules.append(rule)
    return rules


def rule(kind: str) -> RetentionRule:
    return next(rule for rule in retention_rules() if rule.kind == kind)
