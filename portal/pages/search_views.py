from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.pages.links import SEARCH, SEARCH_WITHOUT_RESULTS, links_for
from portal.search import MAX_QUERY_LENGTH, normalise_query, search_all


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """The site search: every registered provider's hits, grouped by kind."""
    # Kept in the search field as typed, minus characters that cannot be shown.
    typed = "".join(
        char for char in request.GET.get("q", "")[:MAX_QUERY_LENGTH] if char.isprintable()
    )
    query = normalise_query(typed)
    sections = search_all(query, user=request.user) if query else []
    return render(
        request,
        "pages/search.html",
        {
            "typed": typed,
            "query": query,
            "sections": sections,
            "hit_count": sum(len(section.hits) for section in sections),
            "max_query_length": MAX_QUERY_LENGTH,
            "links": links_for(SEARCH_WITHOUT_RESULTS if query else SEARCH),
        },
    )
