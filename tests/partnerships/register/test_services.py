import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerships.models import Partnership, PartnershipMember, PartnershipStatusChange
from partnerships.register import services
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

Kind = Partnership.Kind


def _social(**kwargs):
    return CompanyFactory.build(kind="social_economy", **kwargs)


def _ordinary(**kwargs):
    return CompanyFactory.build(kind="ordinary", **kwargs)


def test_the_municipality_with_a_social_economy_enterprise():
    kind = services.derive_kind(companies=[_social()], with_municipality=True)
    assert kind == Kind.MUNICIPALITY


def test_an_rsv_registered_company_counts_as_social_economy_whatever_its_class():
    kind = services.derive_kind(companies=[_ordinary(rsv_registered=True)], with_municipality=True)
    assert kind == Kind.MUNICIPALITY


def test_several_social_economy_enterprises():
    kind = services.derive_kind(companies=[_social(), _social()], with_municipality=False)
    assert kind == Kind.SOCIAL_ECONOMY


def test_an_ordinary_company_with_a_social_economy_enterprise():
    kind = services.derive_kind(companies=[_ordinary(), _social()], with_municipality=False)
    assert kind == Kind.ORDINARY


@pytest.mark.parametrize(
    ("companies", "with_municipality"),
    [
        ([], True),  # the municipality alone
        ([_ordinary()], True),  # the municipality buying from an ordinary company
        ([_ordinary(), _ordinary()], False),
        ([_social()], False),  # one enterprise alone
        ([_social(), CompanyFactory.build(kind="startup_idea")], False),
    ],
)
def test_members_that_do_not_tell_the_kind(companies, with_municipality):
    assert services.derive_kind(companies=companies, with_municipality=with_municipality) == ""


def test_create_partnership_derives_the_kind_and_records_the_first_status(caseworker):
    social, ordinary = CompanyFactory(kind="social_economy"), CompanyFactory(kind="ordinary")

    partnership = services.create_partnership(
        title="Praktik i pakkeriet",
        purpose="Flere i job.",
        companies=[social, ordinary, social],
        kind=Kind.MUNICIPALITY,  # the members tell it: this is not used
        by=caseworker,
    )

    assert partnership.kind == Kind.ORDINARY
    assert {m.company for m in PartnershipMember.objects.filter(partnership=partnership)} == {
        social,
        ordinary,
    }
    change = PartnershipStatusChange.objects.get(partnership=partnership)
    assert (change.status, change.changed_by) == (Partnership.Status.IDEA, caseworker)
    assert change.changed_at == partnership.status_changed_at
    assert partnership.created_by == caseworker


def test_create_partnership_uses_the_chosen_kind_when_the_members_do_not_tell_it():
    partnership = services.create_partnership(
        title="Kommunen køber hos en virksomhed",
        purpose="Indkøb.",
        companies=[CompanyFactory(kind="ordinary")],
        with_municipality=True,
        kind=Kind.MUNICIPALITY,
    )
    assert partnership.kind == Kind.MUNICIPALITY
    assert partnership.members.filter(is_municipality=True).count() == 1


def test_a_partnership_whose_kind_is_neither_told_nor_chosen_is_refused():
    with pytest.raises(ValidationError) as error:
        services.create_partnership(
            title="Uklart", purpose="?", companies=[CompanyFactory(kind="ordinary")]
        )
    assert "Vælg, hvilken slags partnerskab det er" in str(error.value.message_dict["kind"])
    assert not Partnership.objects.exists()


def test_change_status_dates_and_records_each_change(caseworker):
    partnership = services.create_partnership(
        title="Frokost",
        purpose="Mad.",
        companies=[CompanyFactory(kind="social_economy")],
        with_municipality=True,
    )
    before = timezone.now()

    assert services.change_status(
        partnership=partnership, status=Partnership.Status.ACTIVE, by=caseworker, note="Aftalt"
    )
    assert not services.change_status(partnership=partnership, status=Partnership.Status.ACTIVE)

    partnership.refresh_from_db()
    changes = list(partnership.status_changes.values_list("status", "note", "changed_by"))
    assert changes == [("idea", "", None), ("active", "Aftalt", caseworker.pk)]
    assert partnership.status == Partnership.Status.ACTIVE
    assert partnership.status_changed_at >= before
    last = partnership.status_changes.last()
    assert last.changed_at == partnership.status_changed_at
    assert timezone.now() - last.changed_at < datetime.timedelta(minutes=1)
    assert partnership.history.first().history_change_reason == "Aftalt"


def test_settle_kind_follows_the_saved_members():
    partnership = services.create_partnership(
        title="Kommunen og en tømrer",
        purpose="Praktik.",
        companies=[CompanyFactory(kind="ordinary")],
        with_municipality=True,
        kind=Kind.ORDINARY,
    )
    assert not services.settle_kind(partnership=partnership)

    PartnershipMember.objects.create(
        partnership=partnership, company=CompanyFactory(kind="social_economy")
    )

    assert services.settle_kind(partnership=partnership)
    partnership.refresh_from_db()
    assert partnership.kind == Kind.MUNICIPALITY
