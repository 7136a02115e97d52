"""The public directory: only consented, approved enterprises, in Danish order, filtered and
searched, each with its page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import DirectoryEntry
from tests.factories import CompanyFactory
from tests.partnerships.factories import DirectoryEntryFactory, ListingFactory

pytestmark = pytest.mark.django_db

LIST = reverse("directory:entry-list")


def entry(name: str, **changes) -> DirectoryEntry:
    company = {
        key.removeprefix("company__"): changes.pop(key)
        for key in list(changes)
        if key.startswith("company__")
    }
    return DirectoryEntryFactory(
        company=CompanyFactory(
            name=name,
            kind="social_economy",
            purpose_social=company.pop("purpose_social", True),
            listing_consent=company.pop("listing_consent", True),
            **company,
        ),
        **changes,
    )


def test_the_list_shows_only_listed_entries_whose_consent_stands(client):
    entry("Café Kernen")
    entry("Venter ApS", status=DirectoryEntry.Status.REQUESTED)
    entry("Afvist ApS", status=DirectoryEntry.Status.REJECTED)
    entry("Fjernet ApS", status=DirectoryEntry.Status.REMOVED)
    entry("Uden samtykke ApS", company__listing_consent=False)

    html = client.get(LIST).content.decode()

    assert "Café Kernen" in html
    for hidden in ("Venter ApS", "Afvist ApS", "Fjernet ApS", "Uden samtykke ApS"):
        assert hidden not in html
    assert "1 virksomhed" in html
    assert reverse("directory:request") in html
    assert "kommunens indkøbere" in html


def test_the_list_is_in_danish_alphabetical_order(client):
    for name in (
        "Åens Cykelværksted",
        "Aarø Rengøring",
        "Østergades Genbrug",
        "Zoneterapi",
        "Bageriet",
    ):
        entry(name)

    html = client.get(LIST).content.decode()

    positions = [
        html.index(name)
        for name in (
            "Bageriet",
            "Zoneterapi",
            "Østergades Genbrug",
            # "Aa" is read as "Å": Åe… before Årø…
            "Åens Cykelværksted",
            "Aarø Rengøring",
        )
    ]
    assert positions == sorted(positions)


def test_a_card_shows_what_they_do_sell_trade_purposes_and_web_site(client):
    entry(
        "Café Kernen",
        description="Café i midtbyen.",
        sells="Frokostordning og kager.",
        website="https://kernen.example",
        company__purpose_environment=True,
    )

    html = client.get(LIST).content.decode()

    assert "Café i midtbyen." in html
    assert "Frokostordning og kager." in html
    assert "Mad, café og catering" in html
    assert "Socialt, Miljø" in html
    assert 'href="https://kernen.example"' in html


def test_the_rsv_badge_is_shown_only_for_registered_companies(client):
    entry(
        "Café Kernen",
        company__rsv_registered=True,
        company__rsv_registered_on=datetime.date(2022, 5, 2),
    )
    other = entry("Genbrug ApS")

    html = client.get(LIST).content.decode()
    assert html.count("Registreret socialøkonomisk virksomhed (RSV)") == 1

    page = client.get(other.get_absolute_url()).content.decode()
    assert "Registreret socialøkonomisk virksomhed (RSV)" not in page
    kernen = DirectoryEntry.objects.get(company__name="Café Kernen")
    page = client.get(kernen.get_absolute_url()).content.decode()
    assert "Registreret socialøkonomisk virksomhed (RSV)" in page
    assert "2. maj 2022" in page


def test_filter_by_purpose_and_by_trade(client):
    entry(
        "Grøn Have",
        trade="gardening",
        company__purpose_social=False,
        company__purpose_environment=True,
    )
    entry("Café Kernen", trade="food")
    entry("Sund Mad", trade="food", company__purpose_health=True)

    by_purpose = client.get(LIST, {"formaal": "environment"}).content.decode()
    assert "Grøn Have" in by_purpose and "Café Kernen" not in by_purpose

    by_trade = client.get(LIST, {"branche": "food"}).content.decode()
    assert "Café Kernen" in by_trade and "Sund Mad" in by_trade and "Grøn Have" not in by_trade

    both = client.get(LIST, {"branche": "food", "formaal": "health"}).content.decode()
    assert "Sund Mad" in both and "Café Kernen" not in both


def test_unknown_filter_values_are_ignored_not_an_error(client):
    entry("Café Kernen")
    response = client.get(LIST, {"formaal": "<script>", "branche": "nope"})
    assert response.status_code == 200
    assert "Café Kernen" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_search_finds_name_description_sells_and_social_purpose(client):
    other = {"description": "Vi gør en forskel.", "sells": "Ydelser.", "social_purpose": "Job."}
    entry("Café Kernen", **{**other, "sells": "Catering til møder."})
    entry("Åens Cykelværksted", **{**other, "description": "Vi reparerer cykler."})
    entry("Rengøring ApS", **{**other, "social_purpose": "Job til flygtninge."})

    def found(q):
        html = client.get(LIST, {"q": q}).content.decode()
        return {
            name for name in ("Café Kernen", "Åens Cykelværksted", "Rengøring ApS") if name in html
        }

    assert found("kernen") == {"Café Kernen"}
    assert found("catering") == {"Café Kernen"}
    assert found("CYKLER") == {"Åens Cykelværksted"}
    assert found("flygtninge") == {"Rengøring ApS"}
    assert found("catering cykler") == set()
    assert "Ingen virksomheder passer" in client.get(LIST, {"q": "zzz"}).content.decode()


def test_the_list_is_paginated_after_24(client):
    for number in range(26):
        entry(f"Virksomhed {number:02d}")

    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"side": 2}).content.decode()

    assert "Virksomhed 00" in first and "Virksomhed 24" not in first
    assert "Virksomhed 24" in second and "Virksomhed 25" in second
    assert "Side 2 af 2" in second
    assert "26 virksomheder" in first


def test_the_entry_page_shows_it_all_with_line_breaks_and_address(client):
    shown = entry(
        "Café Kernen",
        description="Første linje.\nAnden linje.",
        company__address="Nørregade 41",
        company__postcode="6100",
        company__city="Haderslev",
    )

    html = client.get(shown.get_absolute_url()).content.decode()

    assert '<h1 lang="da">Café Kernen</h1>' in html
    assert "Første linje.<br>Anden linje." in html
    assert "Nørregade 41, 6100 Haderslev" in html
    assert shown.contact.email not in html
    assert shown.contact.name not in html


@pytest.mark.parametrize(
    "changes",
    [
        {"status": DirectoryEntry.Status.REQUESTED},
        {"status": DirectoryEntry.Status.REJECTED},
        {"status": DirectoryEntry.Status.REMOVED},
        {"company__listing_consent": False},
    ],
)
def test_a_non_public_entry_has_no_page(client, changes):
    hidden = entry("Skjult ApS", **changes)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_entry_page_lists_their_open_listings_with_the_company_shown(
    client, listing_detail_exists
):
    shown = entry("Café Kernen")
    open_listing = ListingFactory(company=shown.company, title="Vi tilbyder frokost")
    ListingFactory(company=shown.company, title="Uden navn", show_company=False)
    ListingFactory(company=shown.company, title="Afventer", status="pending")
    ListingFactory(
        company=shown.company,
        title="Udløbet",
        valid_until=timezone.localdate() - datetime.timedelta(days=2),
    )

    html = client.get(shown.get_absolute_url()).content.decode()

    assert "Vi tilbyder frokost" in html
    assert reverse("partnerships:listing-detail", args=[open_listing.pk]) in html
    for hidden in ("Uden navn", "Afventer", "Udløbet"):
        assert hidden not in html


def test_the_entry_page_says_when_there_are_no_listings(client):
    shown = entry("Café Kernen")
    html = client.get(shown.get_absolute_url()).content.decode()
    assert "ingen åbne opslag" in html


def test_what_they_wrote_is_shown_as_text(client):
    shown = entry(
        "<b>Fed</b> ApS",
        description="<script>alert(1)</script>",
        sells="<img src=x onerror=alert(1)>",
        website='https://x.example/"><script>',
    )

    for url in (LIST, shown.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
        assert "<b>Fed</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or url == LIST


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_for_5_and_50(client, django_assert_max_num_queries, rows):
    for number in range(rows):
        entry(
            f"Virksomhed {number}",
            company__rsv_registered=number % 2 == 0,
            company__rsv_registered_on=datetime.date(2022, 1, 1),
        )
    client.get(LIST)  # the site settings, cached after the first page
    with django_assert_max_num_queries(4):
        response = client.get(LIST, {"q": "Virksomhed"})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_the_entry_page_costs_the_same_queries_for_5_and_50_listings(
    client, django_assert_max_num_queries, rows, listing_detail_exists
):
    shown = entry("Café Kernen")
    ListingFactory.create_batch(rows, company=shown.company, show_company=True)
    client.get(shown.get_absolute_url())
    with django_assert_max_num_queries(3):
        assert client.get(shown.get_absolute_url()).status_code == 200
