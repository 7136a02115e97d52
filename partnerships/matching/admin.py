class ListingMatchesAdminMixin:
    """The matching needs or offers on a listing's admin page (the matching part fills it)."""
