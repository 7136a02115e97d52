"""The company page's section for the exchange: the offers and needs the company has posted."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import Listing
from portal.admin_display import danish_date
from portal.registry.models import Company
from portal.registry.timeline import CompanySection, TimelineRow, first_rows


def company_listings_section(company: Company) -> CompanySection:
    """The company's listings, newest first, with how many messages each has had: one query
    however many there are."""
    listings = (
        Listing.objects.filter(company=company)
        .annotate(message_count=Count("messages"))
        .order_by("-created_at", "-pk")
    )
    shown, total = first_rows(listings)
    return CompanySection(
        rows=[_row(listing) for listing in shown],
        total=total,
        all_url=(
            f"{reverse('admin:partnerships_listing_changelist')}?company__id__exact={company.pk}"
        ),
    )


def _row(listing: Listing) -> TimelineRow:
    state = listing.get_status_display()
    if listing.status == Listing.Status.PUBLISHED and listing.is_expired:
        state = _("Udløbet")
    text = _("%(kind)s · %(category)s · gælder til og med %(day)s · %(messages)s") % {
        "kind": listing.get_kind_display(),
        "category": listing.get_category_display(),
        "day": danish_date(listing.valid_until),
        "messages": (
            ngettext("%(count)d besked", "%(count)d beskeder", listing.message_count)
            % {"count": listing.message_count}
            if listing.message_count
            else _("ingen beskeder endnu")
        ),
    }
    return TimelineRow(
        date=listing.created_at,
        title=listing.title,
        url=listing.get_admin_url(),
        kind_label=_("Opslag på partnerskabsbørsen"),
        status_label=state,
        text=text,
    )
