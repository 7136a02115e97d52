from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnerships.models import Partnership, PartnershipMember

# Examples on /partnerskaber/ are partnerships that work, not ideas.
EXAMPLE_STATUSES = (Partnership.Status.ACTIVE, Partnership.Status.AGREED)


def public_examples():
    """Partnerships shown as examples, each member's company fetched with it: two queries."""
    return (
        Partnership.objects.shown_publicly()
        .filter(status__in=EXAMPLE_STATUSES)
        .prefetch_related(
            Prefetch("members", queryset=PartnershipMember.objects.select_related("company"))
        )
        .order_by("-status_changed_at", "pk")
    )


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerships/overview.html", {"examples": list(public_examples())})
