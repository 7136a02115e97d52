"""The company page's section on grants: its applications, the decision in force and paid."""

from django.db.models import OuterRef, Prefetch, Subquery, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from entrepreneurs.decisions.selectors import current_decisions
from entrepreneurs.models import Decision, GrantApplication, Payment
from portal.money import format_kroner
from portal.registry.models import Company
from portal.registry.timeline import CompanySection, TimelineRow, first_rows


def _state(application: GrantApplication) -> str:
    decision = application.current[0] if application.current else None
    if decision is None:
        return _("Afventer afgørelse")
    if decision.outcome == Decision.Outcome.REJECTED:
        return _("Afslag")
    return _("Bevilget %(granted)s, udbetalt %(paid)s") % {
        "granted": format_kroner(decision.amount),
        "paid": format_kroner(application.paid or 0),
    }


def company_grants_section(company: Company) -> CompanySection:
    """The newest applications of the company's cases, in two queries."""
    paid = (
        Payment.objects.filter(application=OuterRef("pk"))
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    applications = (
        GrantApplication.objects.filter(case__company=company)
        .select_related("case", "scheme")
        .annotate(paid=Subquery(paid))
        .prefetch_related(Prefetch("decisions", queryset=current_decisions(), to_attr="current"))
        .order_by("-created_at", "-pk")
    )
    shown, total = first_rows(applications)
    return CompanySection(
        rows=[
            TimelineRow(
                date=application.created_at,
                title=f"{application.case.reference} {application.scheme.name}",
                url=reverse("admin:cases_case_change", args=[application.pk]),
                kind_label=_("Ansøgning om støtte"),
                status_label=_state(application),
            )
            for application in shown
        ],
        total=total,
    )
