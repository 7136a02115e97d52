"""The public list: published, unexpired listings, newest first, filtered, searched, paged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Listing
from partnerships.models.exchange import refresh_listing_search_vectors
from tests.factories import CompanyFactory
from tests.partnerships.exchange.data import ESCAPED_SCRIPT, SCRIPT, danish_date, in_days
from tests.partnerships.factories import ListingFactory

pytestmark = pytest.mark.django_db

URL = reverse("partnerships:listing-list")


def page(client, **query) -> str:
    response = client.get(URL, query)
    assert response.status_code == 200
    return response.content.decode()


def test_only_published_unexpired_listings_are_listed(client):
    ListingFactory(title="Godkendt og gyldig")
    ListingFactory(title="Venter", status=Listing.Status.PENDING, published_at=None)
    ListingFactory(title="Afvist", status=Listing.Status.REJECTED, rejection_reason="Nej")
    ListingFactory(title="Trukket tilbage", status=Listing.Status.WITHDRAWN)
    ListingFactory(title="Udløbet", valid_until=in_days(-1))
    ListingFactory(title="Sidste dag i dag", valid_until=in_days(0))

    html = page(client)
    assert "Godkendt og gyldig" in html and "Sidste dag i dag" in html
    for hidden in ("Venter", "Afvist", "Trukket tilbage", "Udløbet"):
        assert hidden not in html


def test_newest_first(client):
    now = timezone.now()
    ListingFactory(title="Ældst", published_at=now - datetime.timedelta(days=5))
    ListingFactory(title="Nyest", published_at=now)
    ListingFactory(title="Midt imellem", published_at=now - datetime.timedelta(days=1))

    html = page(client)
    assert html.index("Nyest") < html.index("Midt imellem") < html.index("Ældst")


def test_a_card_shows_kind_category_area_last_day_and_the_company_only_with_consent(client):
    shown = ListingFactory(
        title="Med navn",
        kind=Listing.Kind.NEED,
        category=Listing.Category.PREMISES,
        postcode="6500",
        company=CompanyFactory(name="Vojens Idrætsforening"),
        description="Første linje om lokaler.\nAnden linje.",
    )
    ListingFactory(
        title="Uden navn", company=CompanyFactory(name="Hemmelig ApS"), show_company=False
    )

    html = page(client)
    assert "Behov" in html and "Lokaler" in html
    assert "6500 Vojens" in html
    assert danish_date(shown.valid_until) in html
    assert "Vojens Idrætsforening" in html
    assert "Første linje om lokaler." in html
    assert "Hemmelig ApS" not in html
    assert "Tilbud" in html


def test_an_unknown_postcode_is_shown_as_the_number(client):
    ListingFactory(postcode="9990")
    assert "9990" in page(client)


def test_filter_by_kind_and_category(client):
    ListingFactory(title="Et tilbud om lokaler", kind="offer", category="premises")
    ListingFactory(title="Et behov for lokaler", kind="need", category="premises")
    ListingFactory(title="Et tilbud om frivillige", kind="offer", category="volunteers")

    html = page(client, type="offer", kategori="premises")
    assert "Et tilbud om lokaler" in html
    assert "Et behov for lokaler" not in html and "Et tilbud om frivillige" not in html
    assert "1 opslag passer" in html

    html = page(client, type="need")
    assert "Et behov for lokaler" in html and "Et tilbud om lokaler" not in html


def test_the_filter_is_a_get_form_that_works_without_javascript(client):
    html = page(client)
    assert '<form method="get" action="/partnerskaber/boers/"' in html
    assert 'name="type"' in html and 'name="kategori"' in html and 'name="q"' in html


def test_an_unknown_filter_value_filters_on_nothing(client):
    ListingFactory(title="Stadig med")
    assert "Stadig med" in page(client, type="alt", kategori="<b>")


def test_search_without_postgresql_finds_every_word(client):
    ListingFactory(title="Praktikpladser på lageret", description="Pluk og pak")
    ListingFactory(title="Catering til møder", description="Frokost og kaffe")

    html = page(client, q="lageret pak")
    assert "Praktikpladser på lageret" in html and "Catering til møder" not in html


def test_empty_states_say_what_to_do(client):
    assert "Der er ingen opslag på børsen lige nu" in page(client)
    ListingFactory(title="Noget")
    html = page(client, q="ingenting-der-findes")
    assert "Ingen opslag passer til din søgning" in html
    assert "Vis alle opslag" in html


def test_twenty_a_page_with_dkfds_pagination_keeping_the_filters(client):
    now = timezone.now()
    for n in range(45):
        ListingFactory(
            title=f"Opslag nummer {n:02d}", published_at=now - datetime.timedelta(minutes=n)
        )

    first = page(client, type="offer")
    assert "Opslag nummer 00" in first and "Opslag nummer 19" in first
    assert "Opslag nummer 20" not in first
    assert 'class="pagination"' in first
    assert 'aria-current="page"' in first
    assert "?type=offer&amp;page=2" in first

    third = page(client, type="offer", page=3)
    assert "Opslag nummer 40" in third and "Opslag nummer 44" in third
    assert "Opslag nummer 39" not in third
    # A page beyond the last shows the last.
    assert "Opslag nummer 44" in page(client, page=99)


def test_html_in_a_listing_is_shown_as_text(client):
    ListingFactory(title=f"Titel {SCRIPT}", description=f"Tekst {SCRIPT}", postcode="6100")

    html = page(client)
    assert SCRIPT not in html
    assert ESCAPED_SCRIPT in html


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_costs_the_same_queries_for_5_and_50_listings(
    client, django_assert_max_num_queries, count
):
    for _ in range(count):
        ListingFactory(company=CompanyFactory())
    client.get(URL)  # the site settings' row is made on the first page
    with django_assert_max_num_queries(4):
        client.get(URL)
    with django_assert_max_num_queries(4):
        client.get(URL, {"q": "hjælp", "type": "offer"})


@pytest.mark.postgresql
def test_postgresql_search_is_danish_full_text_with_stemming(client):
    ListingFactory(title="Vi tilbyder praktikpladser", description="På vores lager i Vojens.")
    ListingFactory(title="Catering", description="Frokost til personalemøder.")
    ListingFactory(title="Et andet lager, der venter", status="pending", published_at=None)
    refresh_listing_search_vectors()

    # "lageret" and "lager", "personalemøde" and "personalemøder": one Danish stem each.
    html = page(client, q="lageret")
    assert "Vi tilbyder praktikpladser" in html
    assert "Catering" not in html
    assert "Et andet lager" not in html
    html = page(client, q="personalemøde")
    assert "Catering" in html and "Vi tilbyder praktikpladser" not in html
