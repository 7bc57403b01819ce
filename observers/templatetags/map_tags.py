"""`{% map_element "id" %}`: django-leaflet's map container without its inline script, which the pages' policy
refuses. The options django-leaflet would have written into that script go into a JSON element instead, and
static/js/leaflet_map.js starts the map from them."""

import json

from django import template
from django.utils.html import format_html, json_script
from leaflet.templatetags.leaflet_tags import leaflet_map

register = template.Library()


@register.simple_tag
def map_element(name: str, settings_overrides=None):
    # django-leaflet's own tag builds the options (tiles, centre, zoom, extent) from LEAFLET_CONFIG.
    options = json.loads(leaflet_map(name, settings_overrides=settings_overrides or {})["djoptions"])
    return format_html(
        '<div id="{}" class="leaflet-container-default" data-map-options="{}"></div>{}',
        name,
        f"{name}-options",
        json_script(options, f"{name}-options"),
    )
