from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from portal.cases.models import Case, CaseEvent


def case_for_token(token: str) -> Case:
    """The case behind a private status link, or 404."""
    return get_object_or_404(Case, public_token=token)


def shared_events(case: Case) -> QuerySet[CaseEvent]:
    """The journal entries the enquirer may read: never internal notes."""
    return case.events.filter(shared_with_enquirer=True).exclude(kind=CaseEvent.Kind.NOTE)
