"""The applicant's status page: the decisions on their application and links to the letters."""

from entrepreneurs.models import Decision
from portal.cases.models import Case


def decision_status_context(case: Case) -> dict | None:
    decisions = list(
        Decision.objects.filter(application__case=case)
        .select_related("correction")
        .order_by("-decided_at", "-pk")
    )
    if not decisions:
        return None
    return {"decisions": decisions, "token": case.public_token}
