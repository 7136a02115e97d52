from django import template

from portal.workbench import Tile, tiles_for

register = template.Library()


@register.simple_tag(takes_context=True)
def workbench_tiles(context) -> list[Tile]:
    return tiles_for(context["request"])
