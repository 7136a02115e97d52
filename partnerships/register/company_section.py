"""The company page's section for partnerships: those the company is a member of."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.models import Partnership
from partnerships.register.selectors import member_names, with_members
from portal.admin_display import danish_date
from portal.registry.models import Company
from portal.registry.timeline import CompanySection, TimelineRow, first_rows

# The changelist filter by member company (MemberCompanyFilter in admin.py).
COMPANY_PARAMETER = "part"


def company_partnerships_section(company: Company) -> CompanySection:
    """The company's partnerships, the latest activity first: two queries (the partnerships
    with their count, and their members) however many there are."""
    partnerships = with_members(
        Partnership.objects.filter(members__company=company)
        .with_last_activity()
        .order_by(F("last_activity_on").desc(nulls_last=True), "-created_at", "-pk")
    )
    shown, total = first_rows(partnerships)
    return CompanySection(
        rows=[_row(partnership, company) for partnership in shown],
        total=total,
        all_url=(
            f"{reverse('admin:partnerships_partnership_changelist')}"
            f"?{COMPANY_PARAMETER}={company.pk}"
        ),
        add_url=f"{reverse('admin:partnerships_partnership_add')}?part={company.pk}",
        add_label=_("Opret et partnerskab med virksomheden"),
    )


def _row(partnership: Partnership, company: Company) -> TimelineRow:
    others = member_names(partnership, leave_out=company)
    with_whom = (
        _("Sammen med %(members)s.") % {"members": ", ".join(others)}
        if others
        else _("Ingen andre parter endnu.")
    )
    if partnership.last_activity_on:
        last = _("Seneste aktivitet: %(date)s.") % {
            "date": danish_date(partnership.last_activity_on)
        }
    else:
        last = _("Ingen aktiviteter endnu.")
    return TimelineRow(
        date=partnership.last_activity_on or partnership.created_at,
        title=partnership.title,
        url=partnership.get_admin_url(),
        kind_label=partnership.get_kind_display() or _("Type ikke valgt"),
        status_label=partnership.get_status_display(),
        text=f"{with_whom} {last}",
    )
