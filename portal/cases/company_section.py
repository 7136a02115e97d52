"""The company page's "Sager" section: the company's cases, newest first."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.cases.models import Case
from portal.registry.models import Company
from portal.registry.timeline import CompanySection, SectionHeadings, TimelineRow, first_rows

HEADINGS = SectionHeadings(date=_("Oprettet"), title=_("Sag"), kind=_("Sagstype"))


def company_cases_section(company: Company) -> CompanySection:
    """The newest cases and how many there are, in one query."""
    cases = Case.objects.filter(company=company).only(
        "pk", "reference", "subject", "kind", "status", "created_at"
    )
    shown, total = first_rows(cases.order_by("-created_at", "-pk"))
    return CompanySection(
        rows=[
            TimelineRow(
                date=case.created_at,
                title=f"{case.reference} {case.subject}",
                url=reverse("admin:cases_case_change", args=[case.pk]),
                kind_label=case.get_kind_display(),
                status_label=case.get_status_display(),
            )
            for case in shown
        ],
        total=total,
        headings=HEADINGS,
        all_url=f"{reverse('admin:cases_case_changelist')}?company__id__exact={company.pk}",
    )
