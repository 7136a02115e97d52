"""The directory's reads: the public list (filtered, searched, in Danish order), one entry's
page, the search provider, and the counts for the admin home."""

from django.db.models import Q, QuerySet
from django.db.models.functions import Collate
from django.utils.translation import gettext as _

from partnerships.models import DirectoryEntry, Listing
from portal.registry.collation import COLLATION
from portal.search import SearchHit, highlight_snippet, search_terms

PURPOSE_FIELDS = {
    "social": "company__purpose_social",
    "health": "company__purpose_health",
    "environment": "company__purpose_environment",
}


def public_entries() -> QuerySet[DirectoryEntry]:
    """Approved entries whose company's consent stands, with the company, in Danish order."""
    return (
        DirectoryEntry.objects.public()
        .select_related("company")
        .order_by(Collate("company__name", COLLATION), "pk")
    )


def _matching(terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        condition &= (
            Q(company__name__icontains=term)
            | Q(description__icontains=term)
            | Q(sells__icontains=term)
            | Q(social_purpose__icontains=term)
        )
    return condition


def directory_entries(
    *, q: str = "", formaal: str = "", branche: str = ""
) -> QuerySet[DirectoryEntry]:
    """The public entries filtered by purpose and trade, and every word of `q` in the name,
    what they do, what they sell or the social purpose. One query (plus the page's count)."""
    entries = public_entries()
    if formaal in PURPOSE_FIELDS:
        entries = entries.filter(**{PURPOSE_FIELDS[formaal]: True})
    if branche in DirectoryEntry.Trade.values:
        entries = entries.filter(trade=branche)
    if terms := search_terms(q):
        entries = entries.filter(_matching(terms))
    return entries


def open_listings(entry: DirectoryEntry) -> list[Listing]:
    """The company's public listings on the exchange that show its name; one query."""
    return list(
        Listing.objects.public()
        .filter(company_id=entry.company_id, show_company=True)
        .only("pk", "kind", "category", "title", "valid_until")
        .order_by("valid_until", "pk")
    )


def waiting_count() -> int:
    return DirectoryEntry.objects.waiting_for_review().count()


def search_directory_hits(query: str, limit: int) -> list[SearchHit]:
    """The portal search's provider for the directory: public entries only, one query."""
    terms = search_terms(query)
    if not terms:
        return []
    entries = list(public_entries().filter(_matching(terms))[:limit])
    return [
        SearchHit(
            title=entry.company.name,
            url=entry.get_absolute_url(),
            snippet_html=highlight_snippet(
                f"{entry.description} {entry.sells} {entry.social_purpose}", terms
            ),
            kind_label=_("Socialøkonomisk virksomhed, %(trade)s")
            % {"trade": entry.get_trade_display().lower()},
        )
        for entry in entries
    ]
