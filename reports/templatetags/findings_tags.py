from django import template

register = template.Library()


@register.filter
def get(mapping: dict, key):
    """{{ labels|get:value }}: the label of a value, or the value itself."""
    return mapping.get(key, key) if key not in (None, "") else ""
