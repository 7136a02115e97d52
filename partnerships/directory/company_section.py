"""The company page's section for the directory: whether and since when it is shown."""

from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships.models import DirectoryEntry
from portal.registry.models import Company
from portal.registry.timeline import CompanySection, TimelineRow


def company_directory_section(company: Company) -> CompanySection:
    """The company's entry in /virksomheder/, if it has one; one query."""
    entry = DirectoryEntry.objects.filter(company=company).first()
    if entry is None:
        return CompanySection(rows=[], total=0)
    if entry.status == DirectoryEntry.Status.LISTED and not company.listing_consent:
        status = _("Godkendt, men samtykket er trukket tilbage: vises ikke")
    else:
        status = entry.get_status_display()
    if entry.status == DirectoryEntry.Status.LISTED and company.listing_consent:
        text = _("Vises på %(url)s") % {"url": entry.get_absolute_url()}
    elif entry.status == DirectoryEntry.Status.REJECTED:
        text = entry.rejection_reason
    else:
        text = entry.get_trade_display()
    when = entry.removed_at or entry.listed_at or entry.reviewed_at or entry.requested_at
    return CompanySection(
        rows=[
            TimelineRow(
                date=when,
                title=_("Virksomhedsoversigten"),
                url=reverse("admin:partnerships_directoryentry_change", args=[entry.pk]),
                kind_label=_("Virksomhedsoversigten"),
                status_label=status,
                text=text,
            )
        ],
        total=1,
    )
