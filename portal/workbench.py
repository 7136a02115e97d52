"""The admin home as the caseworker's day: tiles that count what needs doing and link to it.

Apps add their own tiles (follow-ups due, events with seats left …) in AppConfig.ready():

    register_tiles("outreach", outreach_tiles)

A provider is called as func(request) and returns a list of Tile, computed in one query or two
whatever the number of records, and only what the user may see (check permissions first).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Tile:
    label: str
    count: int
    url: str
    # Tiles that mean "something is late" are shown with a warning when their count is not 0.
    warning: bool = False


TileProvider = Callable[[HttpRequest], list[Tile]]

_providers: dict[str, TileProvider] = {}


def register_tiles(name: str, func: TileProvider) -> None:
    _providers[name] = func


def tiles_for(request: HttpRequest) -> list[Tile]:
    return [tile for func in _providers.values() for tile in func(request)]
