"""Reads on the partnership exchange: the public list and search, one listing, the tiles."""

import hashlib
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from partnerships.models import Listing, ListingMessage
from portal.search import SearchHit, highlight_snippet, normalise_query, search_terms

PER_PAGE = 20

# The towns around Haderslev, so that a listing says "6100 Haderslev" rather than "6100". A
# postcode not here is shown as the number alone.
TOWNS = {
    "6000": "Kolding",
    "6051": "Almind",
    "6052": "Viuf",
    "6070": "Christiansfeld",
    "6091": "Bjert",
    "6092": "Sønder Stenderup",
    "6093": "Sjølund",
    "6094": "Hejls",
    "6100": "Haderslev",
    "6200": "Aabenraa",
    "6230": "Rødekro",
    "6240": "Løgumkloster",
    "6270": "Tønder",
    "6300": "Gråsten",
    "6330": "Padborg",
    "6360": "Tinglev",
    "6400": "Sønderborg",
    "6500": "Vojens",
    "6510": "Gram",
    "6520": "Toftlund",
    "6534": "Agerskov",
    "6535": "Branderup J",
    "6541": "Bevtoft",
    "6560": "Sommersted",
    "6580": "Vamdrup",
    "6600": "Vejen",
    "6630": "Rødding",
    "6640": "Lunderskov",
    "6700": "Esbjerg",
    "7100": "Vejle",
}

# What a list of listings never needs to read.
_LIST_DEFERRED = ["search_vector"]


def area_label(postcode: str) -> str:
    town = TOWNS.get(postcode)
    return f"{postcode} {town}" if town else postcode


@dataclass(frozen=True)
class ListingFilters:
    kind: str = ""
    category: str = ""
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.kind or self.category or self.query)


def public_listings(filters: ListingFilters = ListingFilters()) -> QuerySet[Listing]:
    """Approved, unexpired listings, with their company (for the name, if it may be shown).

    Newest first; with a search, best match first. PostgreSQL searches the stored Danish
    full-text vector (so "praktikplads" finds "praktikpladser"); elsewhere every word must
    occur in the title or the description.
    """
    listings = Listing.objects.public().select_related("company").defer(*_LIST_DEFERRED)
    if filters.kind:
        listings = listings.filter(kind=filters.kind)
    if filters.category:
        listings = listings.filter(category=filters.category)
    query = normalise_query(filters.query)
    if not query:
        return listings.order_by("-published_at", "-pk")
    if connections[listings.db].vendor == "postgresql":
        search_query = SearchQuery(query, config="danish", search_type="websearch")
        return (
            listings.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-published_at", "-pk")
        )
    condition = Q()
    for term in search_terms(query):
        condition &= Q(title__icontains=term) | Q(description__icontains=term)
    return listings.filter(condition).order_by("-published_at", "-pk")


def with_areas(listings) -> list[Listing]:
    """The listings with `area` ("6100 Haderslev") for the page; no query."""
    listings = list(listings)
    for listing in listings:
        listing.area = area_label(listing.postcode)
    return listings


def listing_for_page(pk: int) -> Listing:
    """Any listing by its number (the page says what state it is in); raises DoesNotExist."""
    listing = Listing.objects.select_related("company").defer(*_LIST_DEFERRED).get(pk=pk)
    listing.area = area_label(listing.postcode)
    return listing


def listing_for_token(token: str) -> Listing:
    listing = Listing.objects.select_related("company", "contact").get(token=token)
    listing.area = area_label(listing.postcode)
    return listing


def messages_for(listing: Listing) -> QuerySet[ListingMessage]:
    return ListingMessage.objects.filter(listing=listing).order_by("-sent_at", "-pk")


def waiting_count() -> int:
    return Listing.objects.waiting_for_review().count()


# /soeg/ answers a query from the cache while no listing has changed: every write that changes
# what is public (approve, reject, edit, withdraw) moves the generation on, so a hit never
# outlives the listing's state; a listing that expires at midnight drops out within the minute.
SEARCH_GENERATION_KEY = "partnerships.exchange.search-generation"
SEARCH_CACHE_SECONDS = 60


def listings_changed() -> None:
    """Call after a write that changes what the public sees: the search cache starts afresh."""

    def bump() -> None:
        try:
            cache.incr(SEARCH_GENERATION_KEY)
        except ValueError:
            cache.set(SEARCH_GENERATION_KEY, 1, timeout=None)

    transaction.on_commit(bump)


def search_listing_hits(query: str, limit: int) -> list[SearchHit]:
    """The portal search's provider for the exchange: public listings only, in one query, or
    none while the same search is in the cache (see SEARCH_GENERATION_KEY)."""
    generation = cache.get(SEARCH_GENERATION_KEY, 0)
    # Per language: the labels are translated and the addresses carry the language prefix.
    key_text = f"{generation}:{get_language()}:{limit}:{query}"
    digest = hashlib.sha256(key_text.encode()).hexdigest()
    key = f"partnerships.exchange.search:{digest}"
    hits = cache.get(key)
    if hits is None:
        hits = _search_listing_hits(query, limit)
        cache.set(key, hits, SEARCH_CACHE_SECONDS)
    return hits


def _search_listing_hits(query: str, limit: int) -> list[SearchHit]:
    listings = public_listings(ListingFilters(query=query))[:limit]
    terms = search_terms(query)
    return [
        SearchHit(
            title=listing.title,
            url=listing.get_absolute_url(),
            snippet_html=highlight_snippet(listing.description, terms),
            kind_label=_("%(kind)s på partnerskabsbørsen: %(category)s")
            % {"kind": listing.get_kind_display(), "category": listing.get_category_display()},
        )
        for listing in listings
    ]
