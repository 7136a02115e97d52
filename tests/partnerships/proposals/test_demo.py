import pytest

from partnerships.proposals.demo import load_demo_proposals
from portal.cases.models import Case
from portal.registry.demo import load_demo_companies

pytestmark = pytest.mark.django_db


def test_demo_proposals_are_idempotent_and_linked_to_the_demo_company():
    load_demo_companies()
    load_demo_proposals()
    load_demo_proposals()

    cases = Case.objects.filter(kind=Case.Kind.PARTNERSHIP).select_related("company")
    assert cases.count() == 2
    assert {case.company.name if case.company else None for case in cases} == {
        "Kirkepladsens Bageri ApS",
        None,
    }
    assert all(case.subject.startswith("Forslag om partnerskab: ") for case in cases)
