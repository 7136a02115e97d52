"""Reads about decisions and money: the current decision, what is paid, each pool's year."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from entrepreneurs.models import Decision, GrantApplication, Payment, SupportScheme
from portal.cases.models import Case


def current_decisions() -> QuerySet[Decision]:
    """Decisions no later decision has corrected: the ones in force."""
    return Decision.objects.filter(correction__isnull=True)


def current_decision(application: GrantApplication) -> Decision | None:
    return current_decisions().filter(application=application).first()


def paid_total(application: GrantApplication) -> int:
    return application.payments.aggregate(total=Sum("amount"))["total"] or 0


def granted_in_pool(scheme: SupportScheme, year: int) -> int:
    """Kroner granted by the decisions in force that count in the scheme's pool for `year`."""
    return (
        current_decisions()
        .filter(application__scheme=scheme, pool_year=year, outcome=Decision.Outcome.APPROVED)
        .aggregate(total=Sum("amount"))["total"]
        or 0
    )


@dataclass(frozen=True)
class PoolYear:
    scheme: SupportScheme
    year: int
    granted: int
    paid: int

    @property
    def pool(self) -> int:
        return self.scheme.yearly_pool

    @property
    def remaining(self) -> int:
        return max(self.pool - self.granted, 0)

    @property
    def over_pool(self) -> int:
        """How far the manager has allowed grants beyond the pool, if at all."""
        return max(self.granted - self.pool, 0)


def pool_years(scheme: SupportScheme) -> list[PoolYear]:
    """Granted and paid for every year the scheme has grants or payments in, newest first."""
    granted = dict(
        current_decisions()
        .filter(application__scheme=scheme, outcome=Decision.Outcome.APPROVED)
        .values_list("pool_year")
        .annotate(total=Sum("amount"))
        .values_list("pool_year", "total")
    )
    paid = dict(
        Payment.objects.filter(application__scheme=scheme)
        .values_list("paid_on__year")
        .annotate(total=Sum("amount"))
        .values_list("paid_on__year", "total")
    )
    years = set(granted) | set(paid) | {timezone.localdate().year}
    return [
        PoolYear(scheme=scheme, year=year, granted=granted.get(year, 0), paid=paid.get(year, 0))
        for year in sorted(years, reverse=True)
    ]


def pool_this_year(scheme: SupportScheme) -> PoolYear:
    """The scheme's pool for the current year: what the decision page shows beside the amount."""
    year = timezone.localdate().year
    paid = (
        Payment.objects.filter(application__scheme=scheme, paid_on__year=year).aggregate(
            total=Sum("amount")
        )["total"]
        or 0
    )
    return PoolYear(scheme=scheme, year=year, granted=granted_in_pool(scheme, year), paid=paid)


def pool_grants(scheme: SupportScheme, year: int) -> QuerySet[Decision]:
    """The grants in force in the scheme's pool for `year`, with what has been paid of each."""
    return (
        current_decisions()
        .filter(application__scheme=scheme, pool_year=year, outcome=Decision.Outcome.APPROVED)
        .select_related("application__case")
        .annotate(paid=Sum("application__payments__amount"))
        .order_by("decided_at", "pk")
    )


def awaiting_decision() -> QuerySet[GrantApplication]:
    """Applications on open cases that have no decision yet."""
    return GrantApplication.objects.filter(decisions__isnull=True).exclude(
        case__status=Case.Status.CLOSED
    )


def waiting_counts() -> dict[str, int]:
    """How many applications wait for a decision, and how many of them are overdue: one query."""
    return awaiting_decision().aggregate(
        waiting=Count("pk"),
        overdue=Count("pk", filter=Q(expected_decision_on__lt=timezone.localdate())),
    )
