from partnerships.models.directory import DirectoryEntry
from partnerships.models.exchange import (
    Listing,
    ListingMessage,
    MatchNotice,
    refresh_listing_search_vectors,
)
from partnerships.models.proposals import PartnershipProposal
from partnerships.models.register import (
    Partnership,
    PartnershipActivity,
    PartnershipMember,
    PartnershipResult,
    PartnershipStatusChange,
)

__all__ = [
    "DirectoryEntry",
    "Listing",
    "ListingMessage",
    "MatchNotice",
    "Partnership",
    "PartnershipActivity",
    "PartnershipMember",
    "PartnershipProposal",
    "PartnershipResult",
    "PartnershipStatusChange",
    "refresh_listing_search_vectors",
]
