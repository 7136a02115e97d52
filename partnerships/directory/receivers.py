"""A consent withdrawn anywhere also hides the company's name on its exchange listings.

The directory's removal does it in `remove_from_directory()`; a caseworker may also untick
`Company.listing_consent` on the company's page in the registry (the company said so on the
phone), which portal saves without knowing of listings. This receiver catches that save.
"""

from django.db.models.signals import post_save
from django.utils.translation import gettext as _
from django.utils.translation import override

from partnerships.exchange.selectors import listings_changed
from partnerships.models import Listing
from portal.registry.models import Company


def hide_name_on_listings(sender, instance: Company, **kwargs) -> None:
    if instance.listing_consent:
        return
    shown = Listing.objects.filter(company=instance, show_company=True)
    with override("da"):
        reason = _("Virksomhedens samtykke til at blive vist er trukket tilbage")
    for listing in shown:
        listing.show_company = False
        listing._change_reason = reason
        listing.save(update_fields=["show_company", "updated_at"])
        listings_changed()


def connect() -> None:
    post_save.connect(
        hide_name_on_listings, sender=Company, dispatch_uid="partnerships.hide_name_on_listings"
    )
