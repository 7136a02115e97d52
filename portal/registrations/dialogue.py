"""What registrations give portal's list of companies not contacted lately
(portal/registry/dialogue.py): a meeting or course the company came to is a contact."""

from django.db.models import Max, QuerySet

from portal.registrations.models import Registration
from portal.registry.models import Company


def last_attendance(companies: QuerySet[Company]) -> QuerySet:
    """Each company's latest occasion someone from it attended: rows {"company_id", "last"}."""
    return (
        Registration.objects.filter(company__in=companies, status=Registration.Status.ATTENDED)
        .order_by()
        .values("company_id")
        .annotate(last=Max("occasion__starts_at"))
    )
