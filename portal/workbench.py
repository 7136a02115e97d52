"""The admin home as the caseworker's day: tiles that count what needs doing and link to it.

Apps add their own tiles (follow-ups due, events with seats left …) in their extensions.py:

    tile_groups.register(
        TileGroup(name="outreach", tiles=outreach_tiles, permission="guidance.view_outreach")
    )

A group's `tiles(request)` returns its Tiles, all their counts computed in one query (or two)
whatever the number of records: four counts of cases are one aggregate, not four queries. The
group is only asked for a user with its `permission`; groups are shown by `order`, then name.

A tile with a `row` is a cell of the team view instead (the manager's table of open and overdue
cases per caseworker): one row per `row` (in the order given), one column per `label`.
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
    # The team view's row this count belongs to (a caseworker's name); "" for the day's tiles.
    row: str = ""


@dataclass(frozen=True)
class TileGroup:
    name: str
    tiles: Callable[[HttpRequest], list[Tile]]
    order: int = 100
    permission: str | None = None


tile_groups: Registry[TileGroup] = Registry("admin-home tiles")


def tiles_for(request: HttpRequest) -> list[Tile]:
    """The tiles of every group the signed-in user may see: the day's first, then the team
    view's, each row's together (the admin home regroups them by row)."""
    tiles = [
        tile for group in tile_groups.entries(user=request.user) for tile in group.tiles(request)
    ]
    return [tile for tile in tiles if not tile.row] + [tile for tile in tiles if tile.row]
