"""The admin home as the caseworker's day: tiles that count what needs doing and link to it.

Apps add their own tiles (follow-ups due, events with seats left …) in their extensions.py:

    tile_groups.register(
        TileGroup(name="outreach", tiles=outreach_tiles, permission="guidance.view_outreach")
    )

A group's `tiles(request)` returns its Tiles, all their counts computed in one query (or two)
whatever the number of records: four counts of cases are one aggregate, not four queries. The
group is only asked for a user with its `permission`; groups are shown by `order`, then name.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from portal.extensions import Registry


@dataclass(frozen=True)
class Tile:
    label: str
    count: int
    url: str
    # Tiles that mean "something is late" are shown with a warning when their count is not 0.
    warning: bool = False


@dataclass(frozen=True)
class TileGroup:
    name: str
    tiles: Callable[[HttpRequest], list[Tile]]
    order: int = 100
    permission: str | None = None


tile_groups: Registry[TileGroup] = Registry("admin-home tiles")


def tiles_for(request: HttpRequest) -> list[Tile]:
    """The tiles of every group the signed-in user may see."""
    return [
        tile for group in tile_groups.entries(user=request.user) for tile in group.tiles(request)
    ]
