import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.matching.admin import ListingMatchesAdminMixin, _includes_matches
from partnerships.models import Listing, Partnership
from tests.partnerships.matching.conftest import NEED, listing

pytestmark = pytest.mark.django_db


def _change_url(listing_: Listing) -> str:
    return reverse("admin:partnerships_listing_change", args=[listing_.pk])


def _create_url(listing_: Listing, other: Listing) -> str:
    return reverse("admin:partnerships_listing_match_partnership", args=[listing_.pk, other.pk])


@pytest.fixture
def offer(social_company):
    return listing(
        "Catering til møder", "Frokost og catering fra vores café.", company=social_company
    )


@pytest.fixture
def need(ordinary_company):
    return listing(
        "Vi søger catering til personalemøder",
        "Frokost hver fredag til 30 ansatte.",
        kind=NEED,
        company=ordinary_company,
    )


def test_the_caseworker_sees_the_fitting_needs_on_an_offer_once(caseworker_client, offer, need):
    listing("Vi søger catering", kind=NEED, company=offer.company)  # its own company: never
    listing("Vi søger en revisor", kind=NEED, category="knowledge")  # nothing in common

    page = caseworker_client.get(_change_url(offer)).content.decode()

    assert page.count('id="listing-matches"') == 1
    assert "Passende behov" in page
    assert "Vi søger catering til personalemøder" in page
    assert "Sønderjysk Emballage A/S" in page
    assert "Samme kategori: Ydelser" in page
    assert "Fælles ord: catering, frokost" in page
    assert "Vi søger en revisor" not in page
    assert page.count("Opret partnerskab") == 1
    assert _create_url(offer, need) in page


def test_a_need_has_fitting_offers(caseworker_client, offer, need):
    page = caseworker_client.get(_change_url(need)).content.decode()

    assert "Passende tilbud" in page
    assert "Catering til møder" in page


def test_the_button_makes_an_idea_partnership_and_a_second_click_finds_it(
    caseworker_client, caseworker, offer, need
):
    response = caseworker_client.post(_create_url(offer, need))

    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    assert partnership.status == Partnership.Status.IDEA
    assert set(partnership.listings.all()) == {offer, need}
    assert partnership.created_by == caseworker
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Partnerskabet “{partnership.title}” er oprettet som idé med Café Kernen og "
        "Sønderjysk Emballage A/S som parter og de to opslag tilknyttet."
    ]

    again = caseworker_client.post(_create_url(need, offer))

    assert again.url == response.url
    assert Partnership.objects.count() == 1
    assert "Der er allerede et partnerskab" in str(list(get_messages(again.wsgi_request))[-1])
    page = caseworker_client.get(_change_url(offer)).content.decode()
    assert "Se partnerskabet" in page and "Opret partnerskab" not in page


def test_when_the_companies_do_not_tell_the_kind_the_caseworker_chooses(
    caseworker_client, ordinary_company, need
):
    offer = listing("Catering til møder", "Frokost.")  # another ordinary company

    page = caseworker_client.post(_create_url(offer, need))

    assert page.status_code == 200
    assert "Vælg, hvilken slags partnerskab det er" in page.content.decode()
    assert not Partnership.objects.exists()

    chosen = caseworker_client.post(_create_url(offer, need), {"kind": "ordinary"})

    assert chosen.status_code == 302
    assert Partnership.objects.get().kind == Partnership.Kind.ORDINARY


def test_a_pair_that_is_no_match_any_more_is_refused_with_a_message(caseworker_client, offer, need):
    Listing.objects.filter(pk=need.pk).update(status=Listing.Status.WITHDRAWN)

    response = caseworker_client.post(_create_url(offer, need))

    assert response.url == _change_url(offer)
    assert "er ikke offentligt på børsen" in str(list(get_messages(response.wsgi_request))[0])
    assert not Partnership.objects.exists()


def test_only_a_post_with_the_csrf_token_from_staff_allowed_to_add_partnerships(
    client, caseworker, outsider, offer, need
):
    client.force_login(outsider)
    assert client.post(_create_url(offer, need)).status_code == 403

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(caseworker)
    assert strict.post(_create_url(offer, need)).status_code == 403
    assert strict.get(_create_url(offer, need)).url == _change_url(offer)
    assert not Partnership.objects.exists()


def test_the_exchange_change_form_includes_the_matches():
    assert _includes_matches("admin/partnerships/listing/change_form.html")
    assert not _includes_matches("admin/change_form.html")


def test_a_change_form_without_the_matches_gets_them_added(rf, caseworker, offer, need):
    class BareListingAdmin(ListingMatchesAdminMixin, admin.ModelAdmin):
        change_form_template = "admin/change_form.html"
        fields = ["title", "description"]

    request = rf.get(_change_url(offer))
    request.user = caseworker

    response = BareListingAdmin(Listing, admin.site).change_view(request, str(offer.pk))
    page = response.render().content.decode()

    assert page.count('id="listing-matches"') == 1
    assert "Vi søger catering til personalemøder" in page


def _queries_for_page(client, listing_: Listing) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_change_url(listing_)).status_code == 200
    return len(queries)


def test_the_matches_cost_the_same_queries_for_5_and_50_needs(caseworker_client, offer):
    for _n in range(5):
        listing("Vi søger catering", "Frokost til møder.", kind=NEED)
    _queries_for_page(caseworker_client, offer)  # the session, content types: once
    with_5 = _queries_for_page(caseworker_client, offer)
    for _n in range(45):
        listing("Vi søger catering", "Frokost til møder.", kind=NEED)

    page = caseworker_client.get(_change_url(offer)).content.decode()

    assert page.count("Opret partnerskab") == 10  # the best ten
    assert "Point: samme kategori 4, hvert fælles ord 1 (højst 3 ord)" in page
    assert _queries_for_page(caseworker_client, offer) == with_5
