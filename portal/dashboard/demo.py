"""Demo data for the dashboard: a draft report for the last whole quarter and three public key
figures, counted at load. Idempotent: the report by its period, the figures by measure and
scope. Runs after the apps' loaders (their history is what it counts)."""

from django.conf import settings
from django.utils import timezone

from portal.dashboard import public, reports
from portal.dashboard.measures import Criterion
from portal.dashboard.models import CommitteeReport, PublicFigure

# Portal names no app, so the figures are chosen by what they are, not by their names: first
# the new enterprises, then partnerships, then the one entry, each criterion's own order.
FIGURES = 3
CRITERIA = [Criterion.NEW_ENTERPRISES, Criterion.PARTNERSHIPS, Criterion.ONE_ENTRY]


def _chosen_measures():
    by_criterion = {
        criterion: [m for m in public.public_measures() if m.criterion == criterion]
        for criterion in CRITERIA
    }
    chosen = []
    while len(chosen) < FIGURES and any(by_criterion.values()):
        for criterion in CRITERIA:
            if by_criterion[criterion] and len(chosen) < FIGURES:
                chosen.append(by_criterion[criterion].pop(0))
    return chosen


def load_demo_dashboard() -> None:
    today = timezone.localdate()
    period = reports.last_whole_quarter(today)
    if not CommitteeReport.objects.filter(period=period.slug).exists():
        CommitteeReport.objects.create(
            period=period.slug,
            # The demo's site settings are the defaults (portal/pages/demo.py).
            title=reports.default_title(period, settings.MUNICIPALITY_DEFAULTS["name"]),
            introduction=(
                "Her er status på strategien for socialøkonomi for kvartalet. Tallene er "
                "talt i portalen; teksterne er skrevet af Erhverv og Beskæftigelse."
            ),
            **reports.draft_texts(period),
        )
    for position, measure in enumerate(_chosen_measures(), start=1):
        scope = PublicFigure.Scope.NOW if measure.stock else PublicFigure.Scope.THIS_YEAR
        PublicFigure.objects.get_or_create(
            measure=measure.name, scope=scope, defaults={"position": position}
        )
    public.refresh_public_figures(today)
