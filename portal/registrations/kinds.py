"""The seat kinds: which app's model hangs off an Occasion, and where its pages are.

portal never imports an app; the app that owns a kind of occasion registers it in its
extensions.py:

    occasion_kinds.register(
        OccasionKind(name="network.meeting", label=_("netværksmøde"),
                     public_url=meeting_url, admin_url=meeting_admin_url)
    )

`Occasion.kind` holds the name. `public_url(occasion)` is the page people register on (linked
from the registration page and the e-mails), `admin_url(occasion)` the caseworker's page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from portal.extensions import Registry


@dataclass(frozen=True)
class OccasionKind:
    name: str
    # In a sentence, lower case: "Du er tilmeldt netværksmødet" uses `label_definite`.
    label: str
    label_definite: str
    public_url: Callable[[object], str]
    admin_url: Callable[[object], str]
    order: int = 100


occasion_kinds: Registry[OccasionKind] = Registry("seat kinds")


def kind_of(occasion) -> OccasionKind:
    kind = occasion_kinds.get(occasion.kind)
    if kind is None:
        raise LookupError(f"no OccasionKind registered as {occasion.kind!r}")
    return kind


def public_url(occasion) -> str:
    return kind_of(occasion).public_url(occasion)


def admin_url(occasion) -> str:
    return kind_of(occasion).admin_url(occasion)
