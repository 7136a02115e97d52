"""The registry's measures for success criterion 3: social-economy enterprises in the
municipality, and the new ones established here or attracted here.

A social-economy enterprise is what the registry calls one everywhere
(`Company.objects.social_economy()`: classed so by the municipality, or registered as RSV),
counted by the kind it has now.
"""

from django.utils.translation import gettext_lazy as _

from portal.dashboard.measures import Criterion, Measure
from portal.registry.models import Company


def _new(arrival: str):
    return Company.objects.social_economy().filter(arrival=arrival)


IN_REGISTRY = Measure(
    name="registry.social_economy",
    label=_("Socialøkonomiske virksomheder i registret"),
    explanation=_(
        "Virksomheder i kommunens virksomhedsregister, der er socialøkonomiske eller "
        "registreret som RSV, talt ved periodens slutning efter den dag, de kom i registret, "
        "og efter den type, de har i dag. En virksomhed, som nogen selv har skrevet ind i en "
        "offentlig formular, tæller først, når kommunen har gennemset den."
    ),
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: Company.objects.social_economy().filter(needs_review=False),
    date_field="created_at",
    stock=True,
    trend=True,
    public=True,
    order=10,
)

RSV_REGISTERED = Measure(
    name="registry.rsv_registered",
    label=_("Registrerede socialøkonomiske virksomheder (RSV)"),
    explanation=_(
        "Virksomheder i registret, der er registreret som socialøkonomiske hos "
        "Erhvervsstyrelsen, talt ved periodens slutning efter datoen for registreringen."
    ),
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: Company.objects.filter(rsv_registered=True),
    date_field="rsv_registered_on",
    stock=True,
    public=True,
    order=20,
)

# A start-up idea counts once it has become a social-economy enterprise and the caseworker
# has set the day it started: then it is new, in the month it started, not when the idea came.
ESTABLISHED = Measure(
    name="registry.established",
    label=_("Nye socialøkonomiske virksomheder startet i kommunen"),
    explanation=_(
        "Socialøkonomiske virksomheder, som sagsbehandleren har markeret som startet i "
        "kommunen, talt efter den dag, de startede. En iværksætteridé tæller med, når den er "
        "blevet til en socialøkonomisk virksomhed; en idé, der endnu ikke er startet, tæller "
        "ikke."
    ),
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: _new(Company.Arrival.ESTABLISHED),
    date_field="arrived_on",
    trend=True,
    public=True,
    order=30,
)

ATTRACTED = Measure(
    name="registry.attracted",
    label=_("Socialøkonomiske virksomheder flyttet til kommunen"),
    explanation=_(
        "Socialøkonomiske virksomheder, som sagsbehandleren har markeret som flyttet til "
        "kommunen, talt efter den dag, de flyttede hertil."
    ),
    criterion=Criterion.NEW_ENTERPRISES,
    queryset=lambda: _new(Company.Arrival.ATTRACTED),
    date_field="arrived_on",
    trend=True,
    public=True,
    order=40,
)

REGISTRY_MEASURES = [IN_REGISTRY, RSV_REGISTERED, ESTABLISHED, ATTRACTED]
