"""The strategy's second success criterion, as far as the network counts it: meetings held, who
registered and came, the companies reached, and the follow-up dialogues (registered in
extensions.py).

A meeting is an Occasion of MEETING_KIND (portal/registrations); its registrations are read
here, filtered to that kind, so portal's registrations need not know about network.
"""

from datetime import date

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import MEETING_KIND, FollowUp, Meeting
from portal.dashboard.measures import Criterion, Measure
from portal.dashboard.periods import Period
from portal.registrations.models import Registration


def meetings_held():
    # Published and not cancelled, and begun: a meeting later today or later in the period is
    # not held yet. A draft that was never published was not held either.
    return Meeting.objects.filter(
        occasion__published=True,
        occasion__cancelled_at__isnull=True,
        occasion__starts_at__lt=timezone.now(),
    )


def meeting_registrations():
    return Registration.objects.filter(occasion__kind=MEETING_KIND)


def registrations_received():
    # Cancelled ones (by the person, by staff, or because the meeting was cancelled) are not
    # counted. The waiting list is: those people asked to come, and the breakdown by status
    # shows them apart.
    return meeting_registrations().exclude(status=Registration.Status.CANCELLED)


def attended():
    return meeting_registrations().filter(status=Registration.Status.ATTENDED)


def companies_reached(period: Period) -> int:
    """Distinct companies (from the registry, by CVR number) that had a seat at a meeting held
    in the period (published, not cancelled, begun): one query. A company at two meetings is one
    company; distinct counts do not add up over months, so this is asked of the database for
    the whole period."""
    return (
        meeting_registrations()
        .filter(
            status__in=Registration.SEAT_HOLDING,
            company__isnull=False,
            occasion__published=True,
            occasion__cancelled_at__isnull=True,
            occasion__starts_at__gte=period.start_at,
            occasion__starts_at__lt=min(period.end_at, timezone.now()),
        )
        .aggregate(companies=Count("company", distinct=True))["companies"]
    )


def follow_ups_overdue(period: Period, *, today: date | None = None) -> int:
    """Follow-ups that were overdue when the period ended (today, for a period still running):
    due before that day, existing by then and not done by the end of the period. One query."""
    today = today or timezone.localdate()
    looked_at = min(period.end, today)
    return (
        FollowUp.objects.filter(due_on__lt=looked_at, created_at__lt=period.end_at)
        .exclude(done_on__lt=period.end)
        .count()
    )


MEASURES = [
    Measure(
        name="network.meetings_held",
        label=_("Netværksmøder afholdt"),
        explanation=_(
            "Offentliggjorte netværksmøder, der ikke blev aflyst, talt den dag de blev holdt. "
            "Møder, der endnu ikke er begyndt, tælles ikke med."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=meetings_held,
        date_field="occasion__starts_at",
        trend=True,
        public=True,
        order=300,
    ),
    Measure(
        name="network.registrations",
        label=_("Tilmeldinger til netværksmøder"),
        explanation=_(
            "Tilmeldinger til netværksmøder modtaget i perioden, talt den dag de blev "
            "modtaget. En tilmelding kan være til flere deltagere fra samme virksomhed. "
            "Afmeldte tilmeldinger tælles ikke med; tilmeldinger på venteliste gør, og "
            "opdelingen viser dem for sig."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=registrations_received,
        date_field="created_at",
        breakdown="status",
        trend=True,
        order=310,
    ),
    Measure(
        name="network.attendance",
        label=_("Deltagere i netværksmøder"),
        explanation=_(
            "Personer, der deltog i netværksmøder, talt på mødets dato ud fra det fremmøde, "
            "sagsbehandleren har markeret efter mødet. En tilmelding til flere kolleger tæller "
            "dem alle; den samme person ved to møder tælles to gange."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=attended,
        date_field="occasion__starts_at",
        value=Sum("seats"),
        trend=True,
        public=True,
        order=320,
    ),
    Measure(
        name="network.companies_reached",
        label=_("Virksomheder nået gennem netværksmøder"),
        explanation=_(
            "Forskellige virksomheder, der havde en plads ved mindst ét netværksmøde, der blev "
            "holdt i perioden. En virksomhed ved flere møder tælles én gang. Afmeldte og dem, "
            "der kun stod på venteliste, tælles ikke med, og heller ikke tilmeldinger uden "
            "CVR-nummer, da de ikke sikkert kan skelnes fra hinanden."
        ),
        criterion=Criterion.PARTNERSHIPS,
        compute=companies_reached,
        order=330,
    ),
    Measure(
        name="network.follow_ups_done",
        label=_("Opfølgninger gennemført"),
        explanation=_(
            "Planlagte opfølgende samtaler med virksomheder om udvikling, rekruttering, "
            "fastholdelse og partnerskaber, talt den dag de blev gennemført."
        ),
        criterion=Criterion.PARTNERSHIPS,
        queryset=lambda: FollowUp.objects.all(),
        date_field="done_on",
        trend=True,
        order=340,
    ),
    Measure(
        name="network.follow_ups_overdue",
        label=_("Forfaldne opfølgninger"),
        explanation=_(
            "Planlagte opfølgninger, hvis frist var overskredet ved periodens slutning (i dag, "
            "hvis perioden ikke er slut), og som ikke var gennemført til den tid."
        ),
        criterion=Criterion.PARTNERSHIPS,
        compute=follow_ups_overdue,
        order=345,
    ),
]
