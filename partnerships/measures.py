"""The strategy's second success criterion, as far as partnerships count it: partnerships mapped
and formed, what they created, and the exchange (registered in extensions.py).

Each measure is one query per period (both years at once), plus two for a breakdown; see
portal/dashboard/compute.py.
"""

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from partnerships.models import (
    Listing,
    MatchNotice,
    Partnership,
    PartnershipResult,
    PartnershipStatusChange,
)
from portal.dashboard.measures import Criterion, Measure

# The statuses in which the parties have agreed to work together.
FORMED = (Partnership.Status.AGREED, Partnership.Status.ACTIVE)


def first_formed_changes():
    """Each partnership's first change to agreed or active (its first row, if it was created
    so): the moment it was formed. Going back to development and agreeing again later does not
    form it twice."""
    earlier = PartnershipStatusChange.objects.filter(
        partnership=OuterRef("partnership"), status__in=FORMED
    ).filter(
        Q(changed_at__lt=OuterRef("changed_at"))
        | Q(changed_at=OuterRef("changed_at"), pk__lt=OuterRef("pk"))
    )
    return PartnershipStatusChange.objects.filter(status__in=FORMED).filter(~Exists(earlier))


def results(kind: str):
    return PartnershipResult.objects.filter(kind=kind)


def published_listings():
    # published_at is set the first time a caseworker approves a listing and kept after: an
    # edited listing waiting for approval again still counts; one withdrawn (before or after
    # it was published) does not. Never approved (pending, rejected) has no published_at.
    return Listing.objects.filter(published_at__isnull=False).exclude(
        status=Listing.Status.WITHDRAWN
    )


MEASURES = [
    Measure(
        name="partnerships.by_status",
        label=_("Partnerskaber i registret"),
        explanation=_(
            "Alle partnerskaber, der var oprettet i registret ved periodens slutning, også de "
            "afsluttede. Opdelingen viser hvert partnerskabs status i dag, ikke den status, det "
            "havde ved periodens slutning."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=lambda: Partnership.objects.all(),
        date_field="created_at",
        stock=True,
        breakdown="status",
        trend=True,
        order=210,
    ),
    Measure(
        name="partnerships.by_kind",
        label=_("Partnerskaber efter type"),
        explanation=_(
            "De samme partnerskaber som i registret ved periodens slutning, opdelt efter hvem "
            "der er parter: kommunen og en socialøkonomisk virksomhed, flere socialøkonomiske "
            "virksomheder, eller en ordinær og en socialøkonomisk virksomhed."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=lambda: Partnership.objects.all(),
        date_field="created_at",
        stock=True,
        breakdown="kind",
        order=215,
    ),
    Measure(
        name="partnerships.new",
        label=_("Nye partnerskaber"),
        explanation=_(
            "Partnerskaber oprettet i registret i perioden, uanset status: også idéer, der "
            "endnu ikke er aftalt."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=lambda: Partnership.objects.all(),
        date_field="created_at",
        breakdown="kind",
        trend=True,
        order=220,
    ),
    Measure(
        name="partnerships.formed",
        label=_("Partnerskaber indgået"),
        explanation=_(
            "Partnerskaber, der i perioden for første gang fik status aftalt eller aktivt, "
            "talt den dag statussen blev ændret. Et partnerskab tælles kun én gang, også hvis "
            "det senere går tilbage til udvikling og bliver aftalt igen."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=first_formed_changes,
        date_field="changed_at",
        breakdown="partnership__kind",
        trend=True,
        public=True,
        order=225,
    ),
    Measure(
        name="partnerships.jobs",
        label=_("Jobs oprettet i partnerskaber"),
        explanation=_(
            "Antal jobs, som partnerskaberne har skabt, ifølge de resultater, "
            "sagsbehandleren har registreret på partnerskaberne, talt på resultatets dato."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=lambda: results(PartnershipResult.Kind.JOBS),
        date_field="date",
        value=Sum("number"),
        trend=True,
        public=True,
        order=230,
    ),
    Measure(
        name="partnerships.training_places",
        label=_("Praktik- og oplæringspladser oprettet"),
        explanation=_(
            "Antal praktik- og oplæringspladser, som partnerskaberne har skabt, ifølge de "
            "resultater, sagsbehandleren har registreret på partnerskaberne, talt på "
            "resultatets dato."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=lambda: results(PartnershipResult.Kind.TRAINING_PLACES),
        date_field="date",
        value=Sum("number"),
        trend=True,
        order=235,
    ),
    Measure(
        name="partnerships.employed_from_edge",
        label=_("Ansat fra kanten af arbejdsmarkedet"),
        explanation=_(
            "Antal personer fra kanten af arbejdsmarkedet, der er blevet ansat gennem et "
            "partnerskab, ifølge de resultater, sagsbehandleren har registreret på "
            "partnerskaberne, talt på resultatets dato."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=lambda: results(PartnershipResult.Kind.EMPLOYED_FROM_EDGE),
        date_field="date",
        value=Sum("number"),
        trend=True,
        public=True,
        order=240,
    ),
    Measure(
        name="partnerships.listings_published",
        label=_("Opslag på partnerskabsbørsen"),
        explanation=_(
            "Tilbud og behov, som kommunen har godkendt og offentliggjort på "
            "partnerskabsbørsen, talt den dag de første gang blev offentliggjort. Opslag, der "
            "venter på godkendelse eller er afvist, tælles ikke med, og heller ikke opslag, "
            "som virksomheden har trukket tilbage."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=published_listings,
        date_field="published_at",
        breakdown="kind",
        trend=True,
        order=250,
    ),
    Measure(
        name="partnerships.matches",
        label=_("Match på partnerskabsbørsen"),
        explanation=_(
            "Gange, en virksomhed fik besked om et nyt opslag, der passer til dens eget "
            "opslag på børsen: højst én gang for hvert par af opslag."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=lambda: MatchNotice.objects.all(),
        date_field="sent_at",
        order=255,
    ),
]
