from django import template

from portal.money import format_kroner

register = template.Library()


@register.filter
def kroner(amount: int | None) -> str:
    """{{ grant.amount|kroner }} → "12.500 kr." """
    return format_kroner(amount)
