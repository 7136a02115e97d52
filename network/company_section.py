"""The company page's section for network meetings: who registered, and who came."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.models import MEETING_KIND
from portal.registrations.models import Registration
from portal.registry.models import Company
from portal.registry.timeline import CompanySection, TimelineRow, first_rows


def company_meetings_section(company: Company) -> CompanySection:
    """The company's registrations for network meetings, newest meeting first, in one query."""
    registrations = (
        Registration.objects.filter(company=company, occasion__kind=MEETING_KIND)
        .select_related("occasion")
        .order_by("-occasion__starts_at", "-pk")
    )
    shown, total = first_rows(registrations)
    return CompanySection(
        rows=[_row(registration) for registration in shown],
        total=total,
        all_url=(
            f"{reverse('admin:registrations_registration_changelist')}"
            f"?company__id__exact={company.pk}"
        ),
    )


def _row(registration: Registration) -> TimelineRow:
    party = ngettext("%(count)d deltager", "%(count)d deltagere", registration.seats) % {
        "count": registration.seats
    }
    text = f"{registration.name}, {party}"
    if registration.status == Registration.Status.CANCELLED and registration.cancelled_by:
        text = f"{text}. {_('Afmeldt af')}: {registration.get_cancelled_by_display().lower()}"
    return TimelineRow(
        date=registration.occasion.starts_at,
        title=registration.occasion.title,
        url=reverse("admin:network_meeting_change", args=[registration.occasion_id]),
        kind_label=_("Netværksmøde"),
        status_label=registration.get_status_display(),
        text=text,
    )
