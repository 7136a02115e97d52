from partnerships.models import Listing


def notify_fitting_posters(listing: Listing) -> int:
    """Queue an e-mail to each opted-in poster whose listing fits the newly approved `listing`;
    how many were queued. Called by the exchange when a listing is approved (the matching part
    fills it)."""
    return 0
