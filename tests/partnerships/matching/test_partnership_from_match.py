import pytest
from django.core.exceptions import ValidationError

from partnerships.matching.services import partnership_from_match
from partnerships.models import Listing, Partnership, PartnershipStatusChange
from tests.concurrency import at_once
from tests.partnerships.matching.conftest import NEED, listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(social_company, ordinary_company):
    offer = listing(
        "Catering til møder", "Frokost og catering fra vores café.", company=social_company
    )
    need = listing(
        "Vi søger en cateringleverandør",
        "Catering til personalemøder hver uge.",
        kind=NEED,
        company=ordinary_company,
    )
    return offer, need


def test_a_match_becomes_an_idea_with_both_companies_and_both_listings(pair, caseworker):
    offer, need = pair

    partnership = partnership_from_match(listing=need, other=offer, by=caseworker)

    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.IDEA
    assert partnership.kind == Partnership.Kind.ORDINARY
    assert partnership.created_by == caseworker
    assert {m.company.name for m in partnership.members.all()} == {
        "Café Kernen",
        "Sønderjysk Emballage A/S",
    }
    assert set(partnership.listings.all()) == {offer, need}
    assert (
        partnership.title
        == "Café Kernen og Sønderjysk Emballage A/S: Vi søger en cateringleverandør"
    )
    assert (
        "Behov fra Sønderjysk Emballage A/S: Vi søger en cateringleverandør" in partnership.purpose
    )
    assert "Tilbud fra Café Kernen: Catering til møder" in partnership.purpose
    assert PartnershipStatusChange.objects.get(partnership=partnership).status == "idea"


def test_the_same_match_twice_gives_the_partnership_made_the_first_time(pair, caseworker):
    offer, need = pair
    first = partnership_from_match(listing=offer, other=need, by=caseworker)

    again = partnership_from_match(listing=need, other=offer, by=caseworker)

    assert first.created_now and not again.created_now
    assert again == first
    assert Partnership.objects.count() == 1


def test_a_kind_the_companies_do_not_tell_must_be_chosen(ordinary_company, caseworker):
    offer = listing("Catering til møder", company=ordinary_company)
    need = listing("Vi søger catering", kind=NEED)  # another ordinary company

    with pytest.raises(ValidationError) as refused:
        partnership_from_match(listing=offer, other=need, by=caseworker)

    assert "kind" in refused.value.message_dict
    assert not Partnership.objects.exists()
    chosen = partnership_from_match(
        listing=offer, other=need, by=caseworker, kind=Partnership.Kind.ORDINARY
    )
    assert chosen.kind == Partnership.Kind.ORDINARY


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": Listing.Status.WITHDRAWN}, "er ikke offentligt på børsen"),
        ({"status": Listing.Status.PENDING}, "er ikke offentligt på børsen"),
        (
            {
                "title": "Cykelreparation",
                "description": "Vi reparerer cykler.",
                "category": "products",
            },
            "passer ikke længere sammen",
        ),
    ],
)
def test_a_pair_that_no_longer_matches_is_refused(pair, caseworker, change, message):
    offer, need = pair
    Listing.objects.filter(pk=offer.pk).update(**change)
    if "title" in change:
        listing_with_vector = Listing.objects.get(pk=offer.pk)
        listing_with_vector.save()

    with pytest.raises(ValidationError, match=message):
        partnership_from_match(listing=need, other=offer, by=caseworker)

    assert not Partnership.objects.exists()


def test_two_listings_of_one_company_are_refused(social_company, caseworker):
    offer = listing("Catering til møder", company=social_company)
    need = listing("Vi søger catering", kind=NEED, company=social_company)

    with pytest.raises(ValidationError, match="samme virksomhed"):
        partnership_from_match(listing=need, other=offer, by=caseworker)


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_clicks_at_once_make_one_partnership(pair, caseworker):
    offer, need = pair

    results = at_once(
        lambda n: partnership_from_match(listing=offer, other=need, by=caseworker), times=2
    )

    assert Partnership.objects.count() == 1
    assert sorted(result.created_now for result in results) == [False, True]
