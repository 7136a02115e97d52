"""Links that apps put on portal's own pages, where a page has room for them.

The front page and the search page point at what an app offers beyond its card and its
navigation link (guidance's self-check, the articles), without portal naming the app. An app
registers in its extensions.py:

    page_links.register(
        PageLink(name="guidance.self-check", place=HOME, label=_("Tag selvtjekket"),
                 url="guidance:self-check")
    )

`url` is a URL name, reversed where the link is shown.
"""

from dataclasses import dataclass

from portal.extensions import Registry

# The places that have room: under "Hvad er en socialøkonomisk virksomhed?" on the front page,
# under the search field before a search, and after a search that found nothing.
HOME = "home"
SEARCH = "search"
SEARCH_WITHOUT_RESULTS = "search-without-results"
PLACES = frozenset({HOME, SEARCH, SEARCH_WITHOUT_RESULTS})


@dataclass(frozen=True)
class PageLink:
    name: str
    place: str
    label: str
    url: str
    order: int = 100

    def __post_init__(self) -> None:
        if self.place not in PLACES:
            raise ValueError(f"{self.name}: no place called {self.place!r} on portal's pages")


page_links: Registry[PageLink] = Registry("page links")


def links_for(place: str) -> list[PageLink]:
    """The links registered for one place, by `order`, then name."""
    return [link for link in page_links.entries() if link.place == place]
