"""Reads for the path page (/ivaerksaettere/): the steps from idea to enterprise, and the
support schemes open today (read only: the scheme pages are the applications part's)."""

from dataclasses import dataclass

from django.urls import translate_url
from django.utils import timezone, translation

from entrepreneurs.models import PathStep, SchemePeriod


@dataclass(frozen=True)
class Step:
    step: PathStep
    url: str


def portal_url(path: str) -> str:
    """A portal path as stored (Danish, no language prefix) in the visitor's language:
    "/tjek/" is "/en/tjek/" on the English pages."""
    language = translation.get_language()
    # Resolved as the Danish path it is, then reversed in the visitor's language.
    with translation.override("da"):
        return translate_url(path, language)


def path_steps() -> list[Step]:
    """The published steps in order, each with its link in the visitor's language."""
    return [Step(step=step, url=portal_url(step.link)) for step in PathStep.objects.published()]


def open_scheme_periods(*, today=None) -> list[SchemePeriod]:
    """The published schemes one can apply to today, each with its current period."""
    today = today or timezone.localdate()
    return list(
        SchemePeriod.objects.filter(
            scheme__published=True, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("scheme")
        .order_by("scheme__name", "opens_on", "pk")
    )
