"""Which public listings of the other kind fit a listing, and why.

An offer is matched with needs and a need with offers. A candidate fits when it is public
(`Listing.objects.public()`), of the opposite kind, from another company, and has the same
category or at least one shared word; the same area only adds to a fit, it never makes one.
The score is the sum of fixed weights, so every point can be read back from the reasons:

    same category                                      SAME_CATEGORY  (4)
    each shared word, at most MAX_SHARED_WORDS counted  SHARED_WORD    (1 each, at most 3)
    same postcode                                      SAME_POSTCODE  (2)
    else the same first two postcode digits            NEARBY         (1)

So a same-category match outranks one that shares only words (3 points at most), unless those
words come with the same postcode too. Ties: the newest published first, then the lower pk.

Shared words: on PostgreSQL the stems of the stored `search_vector` (Danish config, as /soeg/
uses), so "møder" meets "mødet". The stemmer leaves Danish compounds whole, and is not always
even ("praktikpladser" gives "praktikplads", "praktikplads" gives "praktikplad"); so two stems
of at least MIN_COMPOUND_LENGTH letters also meet when one begins or ends the other: "catering"
meets "cateringleverandør", and so does "leverandør". Words every listing uses ("søger",
"tilbyder", "kan") are left out. On SQLite (the demo) there is no stemmer: the demo compares
lower-cased words of three letters or more, minus a short Danish stop-word list, with the same
compound rule — words, not stems.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models
from django.db.models import Func
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from partnerships.models import Listing, Partnership
from partnerships.models.exchange import LISTING_SEARCH_VECTOR
from portal.registry.collation import danish_sort_key

SAME_CATEGORY = 4
SHARED_WORD = 1
MAX_SHARED_WORDS = 3
SAME_POSTCODE = 2
NEARBY = 1

MIN_WORD_LENGTH = 3
MIN_COMPOUND_LENGTH = 5

# The demo's stop words (PostgreSQL's Danish configuration has its own list).
STOP_WORDS = frozenset(
    """
    af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
    disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her
    hos hun hvad hver hvert hvis hvor ikke ind jeg jer jeres jo kan kunne man mange med meget
    men mig min
    mine mit mod ned noget nogle når også om op os over på selv sig sin sine sit skal skulle
    som sådan til ud under var vi vil ville vor vores være været
    """.split()
)
# Words (and their stems) nearly every listing uses: sharing them says nothing.
GENERIC_WORDS = frozenset(
    """
    søg søger søges tilbyd tilbyder tilbydes tilbud behov brug gern gerne ønsk ønsker hjælp
    kan vor vores jer jeres virksom virksomhed virksomheder socialøkonomisk socialøkonomiske
    """.split()
)

# The municipality's postcodes with their town, so a reason can say "6100 Haderslev".
TOWNS = {
    "6070": "Christiansfeld",
    "6093": "Sjølund",
    "6094": "Hejls",
    "6100": "Haderslev",
    "6500": "Vojens",
    "6510": "Gram",
    "6535": "Branderup J",
    "6541": "Bevtoft",
    "6560": "Sommersted",
}

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Match:
    listing: Listing
    score: int
    reasons: tuple[str, ...]


class _Lexemes(Func):
    function = "tsvector_to_array"
    output_field = ArrayField(models.TextField())


def matches_for(listing: Listing, *, limit: int | None = 10) -> list[Match]:
    """The public listings of the other kind that fit `listing`, best first, with why.

    Two queries however many candidates there are: the listing's own stems, and every public
    listing of the other kind from another company with its stems (and company and contact),
    which are then scored in Python. That set is what the exchange shows the public, so it
    stays in the hundreds; the cost is linear in it. `limit=None` gives every match (the
    posters' e-mails use that, so that the relation is symmetric: B is among A's matches
    exactly when A is among B's).
    """
    candidates = (
        Listing.objects.public()
        .filter(kind=_opposite(listing.kind))
        .exclude(company_id=listing.company_id)
        .exclude(pk=listing.pk)
        .select_related("company", "contact")
        .defer("search_vector")
    )
    if connections[candidates.db].vendor == "postgresql":
        stems = _stems_column()
        own = Listing.objects.filter(pk=listing.pk).annotate(stems=stems)
        mine = _words(own.values_list("stems", flat=True).first() or ())
        rows = [(other, _words(other.stems)) for other in candidates.annotate(stems=stems)]
    else:
        mine = _words(_plain_words(listing))
        rows = [(other, _words(_plain_words(other))) for other in candidates]

    scored = []
    for other, theirs in rows:
        shared = _shared(mine, theirs)
        same_category = other.category == listing.category
        if not (same_category or shared):
            continue
        area_points, area_reason = _area(listing.postcode, other.postcode)
        score = (
            (SAME_CATEGORY if same_category else 0)
            + SHARED_WORD * min(len(shared), MAX_SHARED_WORDS)
            + area_points
        )
        scored.append((other, score, same_category, shared, area_reason))

    scored.sort(key=lambda row: (-row[1], -_published(row[0]), row[0].pk))
    if limit is not None:
        scored = scored[:limit]
    return [
        Match(
            listing=other,
            score=score,
            reasons=_reasons(listing, other, same_category, shared, area_reason),
        )
        for other, score, same_category, shared, area_reason in scored
    ]


def _opposite(kind: str) -> str:
    return Listing.Kind.NEED if kind == Listing.Kind.OFFER else Listing.Kind.OFFER


def _stems_column() -> Func:
    # The stored vector; computed on the fly for a row written around save() (bulk_create).
    return _Lexemes(
        Coalesce("search_vector", LISTING_SEARCH_VECTOR, output_field=SearchVectorField())
    )


def _plain_words(listing: Listing) -> list[str]:
    return _WORD.findall(f"{listing.title} {listing.description}".lower())


def _words(words: Iterable[str]) -> frozenset[str]:
    return frozenset(
        word
        for word in words
        if len(word) >= MIN_WORD_LENGTH
        and word.isalpha()
        and word not in STOP_WORDS
        and word not in GENERIC_WORDS
    )


def _shared(mine: frozenset[str], theirs: frozenset[str]) -> dict[str, str]:
    """The shared words, each as {the shorter word: the listing it came from ("mine"/"theirs")}.

    Equal words, or a word of MIN_COMPOUND_LENGTH letters or more that begins or ends a word
    of the other listing. Linear in the words' length: each word's beginnings and endings are
    looked up in the other listing's set rather than compared with every word.
    """
    shared = dict.fromkeys(mine & theirs, "mine")
    # A beginning or ending of one listing's word that is a whole word of the other's.
    for longer, shorter, side in ((mine, theirs, "theirs"), (theirs, mine, "mine")):
        for word in longer:
            for size in range(MIN_COMPOUND_LENGTH, len(word)):
                for part in (word[:size], word[-size:]):
                    if part in shorter and part not in shared:
                        shared[part] = side
    return shared


def _area(mine: str, theirs: str) -> tuple[int, str]:
    if not (mine and theirs):
        return 0, ""
    if mine == theirs:
        return SAME_POSTCODE, _("Samme område: %(place)s") % {"place": _place(mine)}
    if mine[:2] == theirs[:2]:
        return NEARBY, _("Nærområde: %(mine)s og %(theirs)s") % {
            "mine": _place(mine),
            "theirs": _place(theirs),
        }
    return 0, ""


def _place(postcode: str) -> str:
    town = TOWNS.get(postcode)
    return f"{postcode} {town}" if town else postcode


def _published(listing: Listing) -> float:
    return listing.published_at.timestamp() if listing.published_at else float("-inf")


def _reasons(
    listing: Listing,
    other: Listing,
    same_category: bool,
    shared: dict[str, str],
    area_reason: str,
) -> tuple[str, ...]:
    reasons = []
    if same_category:
        reasons.append(
            _("Samme kategori: %(category)s")
            % {"category": Listing.Category(listing.category).label}
        )
    if shared:
        texts = {"mine": _plain_words(listing), "theirs": _plain_words(other)}
        words = sorted(
            {_readable(word, texts[side]) for word, side in shared.items()}, key=danish_sort_key
        )
        reasons.append(_("Fælles ord: %(words)s") % {"words": ", ".join(words)})
    if area_reason:
        reasons.append(area_reason)
    return tuple(reasons)


def _readable(stem: str, words: list[str]) -> str:
    """The shortest word of the listing's text that the stem came from; else the stem.

    Danish stems are the word with its ending cut off, so the word begins with its stem.
    """
    return min((word for word in words if word.startswith(stem)), key=len, default=stem)


def partnership_linking(listing: Listing, other: Listing) -> Partnership | None:
    """The (first) partnership that already links both listings, if any; one query."""
    return (
        Partnership.objects.filter(listings=listing)
        .filter(listings=other)
        .order_by("created_at", "pk")
        .first()
    )
