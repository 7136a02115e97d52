import datetime

import pytest
from django.utils import timezone

from partnerships.matching.selectors import matches_for
from partnerships.models import Listing
from tests.partnerships.factories import ListingFactory
from tests.partnerships.matching.conftest import NEED, ago, listing

pytestmark = pytest.mark.django_db

CATERING_NEED = "Vi søger en cateringleverandør til møder i Haderslev"


def _titles(matches) -> list[str]:
    return [match.listing.title for match in matches]


@pytest.mark.postgresql
def test_a_need_sees_offers_ranked_by_category_then_stems_then_area():
    need = listing(
        CATERING_NEED,
        "Vi holder mange møder og vil gerne have frokost fra en lokal leverandør.",
        kind=NEED,
        postcode="6100",
    )
    best = listing(
        "Catering til møder",
        "Café Kernen laver catering og frokost til mødet.",
        postcode="6100",
        published_at=ago(30),
    )
    category_only = listing(
        "Rengøring af kontorer",
        "Vi gør rent hos jer to gange om ugen.",
        postcode="6070",
        published_at=ago(20),
    )
    word_only = listing(
        "Kager til jeres møder",
        "Hjemmebagte kager.",
        category="products",
        postcode="6070",
        published_at=ago(10),
    )
    # Never: the same kind, the same company, not public, or only the same area.
    listing(CATERING_NEED, kind=NEED)
    listing("Catering til møder", company=need.company, contact=need.contact)
    listing("Catering til møder", valid_until=timezone.localdate() - datetime.timedelta(days=1))
    listing("Catering til møder", status=Listing.Status.PENDING, published_at=None)
    listing("Catering til møder", status=Listing.Status.WITHDRAWN)
    listing("Catering til møder", status=Listing.Status.REJECTED, rejection_reason="Ikke relevant.")
    listing("Cykelreparation", "Vi reparerer cykler.", category="products", postcode="6100")

    matches = matches_for(need)

    assert _titles(matches) == [best.title, category_only.title, word_only.title]
    assert [match.score for match in matches] == [4 + 3 + 2, 4, 1]
    # "catering" is found in "cateringleverandør", and "møder", "mødet" share their stem.
    assert matches[0].reasons == (
        "Samme kategori: Ydelser",
        "Fælles ord: catering, frokost, møder",
        "Samme område: 6100 Haderslev",
    )
    assert matches[1].reasons == ("Samme kategori: Ydelser",)
    assert matches[2].reasons == ("Fælles ord: møder",)


@pytest.mark.postgresql
def test_plural_and_compound_words_meet_after_danish_stemming():
    need = listing(
        "Vi søger en praktikplads",
        "Til en ung, der vil være tømrer.",
        kind=NEED,
        category="job_training",
    )
    offer = listing(
        "To praktikpladser på vores værksted",
        "Vi kan tilbyde to praktikpladser til unge.",
        category="job_training",
        postcode="6500",
    )

    [match] = matches_for(need)

    assert match.listing == offer
    assert "Fælles ord: praktikplads, ung" in match.reasons


def test_the_demo_ranks_same_category_and_shared_words_and_area():
    """SQLite compares words, not stems: "catering" meets "catering", "frokost" "frokost"."""
    need = listing(
        "Vi søger catering til frokost",
        "Frokost til 20 ansatte hver fredag.",
        kind=NEED,
        postcode="6500",
    )
    best = listing("Catering og frokost", "Frisk frokost fra vores køkken.", postcode="6500")
    nearby = listing(
        "Frokost til arbejdspladser", "Sund mad.", category="products", postcode="6510"
    )
    same_category = listing("Regnskab", "Bogføring for små foreninger.", postcode="7100")
    listing("Frokost og catering", company=need.company, contact=need.contact)
    listing("Frokost og catering", kind=NEED)
    listing("Havearbejde", "Vi slår græs.", category="products", postcode="6500")

    matches = matches_for(need)

    assert _titles(matches) == [best.title, same_category.title, nearby.title]
    assert matches[0].reasons == (
        "Samme kategori: Ydelser",
        "Fælles ord: catering, frokost",
        "Samme område: 6500 Vojens",
    )
    assert matches[0].score == 4 + 2 + 2
    assert matches[1].reasons == ("Samme kategori: Ydelser",)
    assert matches[2].reasons == ("Fælles ord: frokost", "Nærområde: 6500 Vojens og 6510 Gram")
    assert matches[2].score == 1 + 1


def test_an_offer_sees_the_needs_with_the_same_score_the_need_gives_it():
    offer = listing("Catering og frokost", "Til møder og fester.")
    need = listing("Vi søger catering", "Til vores møder.", kind=NEED, postcode="6500")

    [from_offer] = matches_for(offer)
    [from_need] = matches_for(need)

    assert from_offer.listing == need and from_need.listing == offer
    assert from_offer.score == from_need.score


def test_equal_matches_are_newest_first_then_by_pk():
    need = listing("Vi søger catering", kind=NEED)
    same_time = ago(60)
    older = listing("Catering", published_at=ago(120))
    first = listing("Catering", published_at=same_time)
    second = listing("Catering", published_at=same_time)
    newest = listing("Catering", published_at=ago(5))

    assert [m.listing for m in matches_for(need)] == [newest, first, second, older]


def test_the_same_area_alone_is_no_match():
    need = listing("Vi søger en revisor", kind=NEED, category="knowledge", postcode="6100")
    listing("Cykler til udlån", category="products", postcode="6100")

    assert matches_for(need) == []


def test_the_limit_keeps_the_best():
    need = listing("Vi søger catering til møder", kind=NEED)
    for minutes in range(5):
        listing("Catering", published_at=ago(minutes + 10))
    best = listing("Catering til møder", "Catering.", postcode="6100", published_at=ago(100))

    matches = matches_for(need, limit=3)

    assert len(matches) == 3 and matches[0].listing == best


@pytest.mark.parametrize("candidates", [5, 50])
def test_matches_cost_the_same_few_queries_however_many_candidates(
    candidates, django_assert_max_num_queries
):
    need = listing("Vi søger catering til møder", kind=NEED)
    ListingFactory.create_batch(candidates, title="Catering til møder", description="Catering.")

    with django_assert_max_num_queries(2):
        matches = matches_for(need, limit=None)
        names = [match.listing.company.name for match in matches]

    assert len(names) == candidates
