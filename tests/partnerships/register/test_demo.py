import pytest

from partnerships.models import (
    Partnership,
    PartnershipActivity,
    PartnershipMember,
    PartnershipResult,
    PartnershipStatusChange,
)
from partnerships.register.demo import load_demo_partnerships
from partnerships.register.selectors import quiet_partnerships
from portal.registry.demo import load_demo_companies

pytestmark = pytest.mark.django_db

MODELS = [
    Partnership,
    PartnershipMember,
    PartnershipActivity,
    PartnershipResult,
    PartnershipStatusChange,
]


def _counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


def test_the_demo_loads_twice_without_duplicates():
    load_demo_companies()
    load_demo_partnerships()
    counts = _counts()
    load_demo_partnerships()

    assert _counts() == counts
    assert 5 <= counts[0] <= 6


def test_the_demo_has_every_state_and_kind_and_one_quiet_partnership():
    load_demo_companies()
    load_demo_partnerships()

    assert set(Partnership.objects.values_list("status", flat=True)) == set(
        Partnership.Status.values
    )
    assert set(Partnership.objects.values_list("kind", flat=True)) == set(Partnership.Kind.values)
    assert [p.title for p in quiet_partnerships()] == ["Grøn pleje af kommunens arealer"]
    # Each status change on its own date, in order.
    for partnership in Partnership.objects.all():
        dates = list(partnership.status_changes.values_list("changed_at", flat=True))
        assert dates == sorted(dates)
        assert dates[-1] == partnership.status_changed_at


def test_only_active_partnerships_whose_companies_consented_are_public_examples():
    load_demo_companies()
    load_demo_partnerships()

    public = Partnership.objects.filter(public=True)
    assert 2 <= public.count() <= 3
    assert set(Partnership.objects.shown_publicly()) == set(public)
    for partnership in public:
        assert partnership.status == Partnership.Status.ACTIVE
        assert partnership.public_summary
        assert partnership.results.exists()
