"""Danish alphabetical order: Æ, Ø and Å come after Z, and "Aa" is read as Å.

PostgreSQL gets this from ICU (collation "danish", created in the registry's first migration);
SQLite gets it from `compare()`, registered under the same name on every new connection
(see RegistryConfig.ready), so `Collate("name", COLLATION)` orders alike on both.
"""

import unicodedata
from functools import lru_cache

COLLATION = "danish"

# Æ, Ø, Å become characters no name contains, above every other letter, in the Danish order.
# The rest are letters Danish ICU files with another letter.
_DANISH_LETTERS = {
    "æ": "\U0010fff0",
    "ä": "\U0010fff0",
    "ø": "\U0010fff1",
    "ö": "\U0010fff1",
    "ő": "\U0010fff1",
    "å": "\U0010fff2",
    "ü": "y",
    "ű": "y",
    "ð": "d",
}


@lru_cache(maxsize=4096)
def danish_sort_key(text: str) -> tuple[str, str, str]:
    """A key that orders text as a Danish reader expects.

    Case and accents on other letters (é, ñ …) only break ties, like ICU does; exact ties
    between e.g. "Aabenraa" and "Åbenrå" may fall out differently from ICU.
    """
    folded = text.casefold()
    primary = []
    for char in folded.replace("aa", "å"):
        if char in _DANISH_LETTERS:
            primary.append(_DANISH_LETTERS[char])
        else:
            base = unicodedata.normalize("NFD", char)
            primary.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(primary), folded, text


def compare(a: str, b: str) -> int:
    """The SQLite collation function: negative, zero or positive, as for `cmp`."""
    key_a, key_b = danish_sort_key(a), danish_sort_key(b)
    return (key_a > key_b) - (key_a < key_b)
