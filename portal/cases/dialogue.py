"""What cases give portal's list of companies not contacted lately (portal/registry/dialogue.py)."""

from django.db.models import Max, QuerySet
from django.db.models.functions import Coalesce, Greatest

from portal.cases.models import Case
from portal.registry.models import Company


def last_case_activity(companies: QuerySet[Company]) -> QuerySet:
    """Each company's latest case activity: a case received or an entry in a case's journal.

    Rows {"company_id", "last"}; one query. Coalesce, because Greatest() is NULL on SQLite when
    a case has no journal entries.
    """
    received = Max("created_at")
    return (
        Case.objects.filter(company__in=companies)
        .order_by()
        .values("company_id")
        .annotate(last=Greatest(received, Coalesce(Max("events__created_at"), received)))
    )
