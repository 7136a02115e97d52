"""The company page's section for courses: who from the company enrolled, and in what.

The enrolment form asks for no CVR number (most who enrol have no company yet), so a course
taken counts for the company when the registration names it or when it was made with the
e-mail address of one of the company's contacts (the founder who took the course first).
"""

from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext as _

from entrepreneurs.models import COURSE_KIND
from portal.registrations.models import Registration
from portal.registry.models import Company, Contact
from portal.registry.timeline import CompanySection, TimelineRow, first_rows


def company_courses_section(company: Company) -> CompanySection:
    """The company's enrolments on course sessions, newest session first, in one query."""
    contact_emails = Contact.objects.filter(company=company).values(address=Lower("email"))
    registrations = (
        Registration.objects.filter(occasion__kind=COURSE_KIND)
        .alias(address=Lower("email"))
        .filter(Q(company=company) | Q(address__in=contact_emails))
        .select_related("occasion")
        .order_by("-occasion__starts_at", "-pk")
    )
    shown, total = first_rows(registrations)
    return CompanySection(
        rows=[_row(registration) for registration in shown],
        total=total,
    )


def _row(registration: Registration) -> TimelineRow:
    return TimelineRow(
        date=registration.occasion.starts_at,
        title=registration.occasion.title,
        url=reverse("admin:entrepreneurs_coursesession_change", args=[registration.occasion_id]),
        kind_label=_("Iværksætterkursus"),
        status_label=registration.get_status_display(),
        text=registration.name,
    )
