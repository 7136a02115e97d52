"""Outreach: the caseworker's direct contact with established companies (principle 1).

The write, log_outreach(), and the company page's "Kontakter fra kommunen" section, which
guidance/extensions.py registers.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guidance.models import Outreach
from portal.registry.models import Company, Contact
from portal.registry.timeline import CompanySection, SectionHeadings, TimelineRow, first_rows

# The section's own columns: who was contacted, how, and what came of it.
OUTREACH_HEADINGS = SectionHeadings(
    date=gettext_lazy("Dato"),
    title=gettext_lazy("Kontakt"),
    kind=gettext_lazy("Kontaktform"),
    status=gettext_lazy("Resultat"),
)


@transaction.atomic
def log_outreach(
    *,
    company: Company,
    by: AbstractBaseUser,
    channel: str,
    outcome: str,
    date: datetime.date | None = None,
    contact: Contact | None = None,
    contact_name: str = "",
    notes: str = "",
    follow_up_on: datetime.date | None = None,
    caseworker: AbstractBaseUser | None = None,
) -> Outreach:
    """Record a contact with a company; `caseworker` (who had it) defaults to `by`.

    Raises ValidationError when the contact person belongs to another company or the
    follow-up date lies before the contact. The history records `by` as the author.
    """
    outreach = Outreach(
        company=company,
        channel=channel,
        outcome=outcome,
        contact=contact,
        contact_name=contact_name,
        notes=notes,
        follow_up_on=follow_up_on,
        caseworker=caseworker or by,
    )
    if date is not None:
        outreach.date = date
    outreach.full_clean()
    outreach._history_user = by
    outreach.save()
    return outreach


def company_outreach_section(company: Company) -> CompanySection:
    """The company's contacts with the municipality, newest first, in one query."""
    outreach = (
        Outreach.objects.filter(company=company).select_related("contact").order_by("-date", "-pk")
    )
    shown, total = first_rows(outreach)
    return CompanySection(
        rows=[_row(item) for item in shown],
        total=total,
        headings=OUTREACH_HEADINGS,
        all_url=f"{reverse('admin:guidance_outreach_changelist')}?company__id__exact={company.pk}",
        add_url=f"{reverse('admin:guidance_outreach_add')}?company={company.pk}",
        add_label=_("Registrér kontakt"),
    )


def _row(outreach: Outreach) -> TimelineRow:
    person = outreach.person_name
    text = Truncator(outreach.notes).words(20)
    if outreach.follow_up_on:
        follow_up = _("Opfølgning %(date)s.") % {
            "date": date_format(outreach.follow_up_on, "j. F Y")
        }
        text = f"{text} {follow_up}".strip()
    return TimelineRow(
        date=outreach.date,
        title=_("Kontakt med %(person)s") % {"person": person} if person else _("Kontakt"),
        url=reverse("admin:guidance_outreach_change", args=[outreach.pk]),
        kind_label=outreach.get_channel_display(),
        status_label=outreach.get_outcome_display(),
        text=text,
    )


def end_of_week() -> datetime.date:
    """This week's Sunday: "due this week" includes what is already overdue."""
    today = timezone.localdate()
    return today + datetime.timedelta(days=6 - today.weekday())
