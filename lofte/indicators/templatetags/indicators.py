from django import template
from django.utils.translation import get_language

from lofte.text import format_decimal

register = template.Library()


@register.filter
def number(value):
    """Return a stored value as a reader writes it: 12.5000 → "12,5" (Swedish), "12.5"."""
    return format_decimal(value, comma=(get_language() or "sv").startswith("sv"))
