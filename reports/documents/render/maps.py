"""A map of polling stations as inline SVG, drawn on the server without tiles.

Coordinates are projected equirectangularly (longitude scaled by the cosine of the mean latitude, which keeps
shapes true enough at a country's scale). Each region is outlined by the convex hull of all its stations, observed
or not; the observed stations are dots coloured by their assessment, the worse drawn last so they stay visible.
"""

import math
from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

Point = tuple[float, float]  # (latitude, longitude)


def convex_hull(points: Iterable[Point]) -> list[Point]:
    """The hull in order (Andrew's monotone chain); fewer than three distinct points give what there is."""
    unique = sorted({(longitude, latitude) for latitude, longitude in points})
    if len(unique) < 3:
        return [(y, x) for x, y in unique]

    def cross(o, a, b) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def half(sequence) -> list:
        chain: list = []
        for point in sequence:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], point) <= 0:
                chain.pop()
            chain.append(point)
        return chain[:-1]

    return [(y, x) for x, y in half(unique) + half(reversed(unique))]


class _Projection:
    def __init__(self, points: list[Point], width: int, height: int, pad: int):
        latitudes = [p[0] for p in points]
        longitudes = [p[1] for p in points]
        self.cos = math.cos(math.radians((min(latitudes) + max(latitudes)) / 2))
        self.west, self.north = min(longitudes), max(latitudes)
        span_x = (max(longitudes) - self.west) * self.cos or 0.01
        span_y = (self.north - min(latitudes)) or 0.01
        self.scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
        self.left = (width - span_x * self.scale) / 2
        self.top = (height - span_y * self.scale) / 2

    def __call__(self, point: Point) -> tuple[float, float]:
        latitude, longitude = point
        return (
            round(self.left + (longitude - self.west) * self.cos * self.scale, 1),
            round(self.top + (self.north - latitude) * self.scale, 1),
        )


def station_map(
    *, outlines: list[list[Point]], dots: list[tuple[Point, str]], width: int = 600, height: int = 360
) -> SafeString:
    """`outlines`: one list of points per region (its hull is drawn); `dots`: (point, colour), drawn in order."""
    every_point = [p for outline in outlines for p in outline] + [p for p, _colour in dots]
    if not every_point:
        return SafeString("")
    project = _Projection(every_point, width, height, pad=12)
    hulls = [convex_hull(outline) for outline in outlines]
    polygons = format_html_join(
        "",
        '<polygon points="{}" fill="#eef1f4" stroke="#9aa6b2" stroke-width="0.7" stroke-linejoin="round"/>',
        ((" ".join("{},{}".format(*project(p)) for p in hull),) for hull in hulls if len(hull) >= 3),
    )
    # One path a colour, each dot a zero-length stroke with round caps: thousands of stations stay a handful of
    # SVG elements, which WeasyPrint lays out and the PDF stores far faster than a circle each.
    by_colour: dict[str, list[str]] = {}
    for point, colour in dots:
        by_colour.setdefault(colour, []).append("M{},{}h0".format(*project(point)))
    circles = format_html_join(
        "",
        '<path d="{}" stroke="{}" stroke-width="4.4" stroke-linecap="round" fill="none"/>',
        ((" ".join(moves), colour) for colour, moves in by_colour.items()),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="map" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
        '<rect width="{w}" height="{h}" fill="#fbfcfd" stroke="#d5d9de"/>{polygons}{circles}'
        '<text x="{north_x}" y="16" font-size="10" font-family="DejaVu Sans" text-anchor="middle">N ↑</text></svg>',
        w=width,
        h=height,
        polygons=polygons,
        circles=circles,
        north_x=width - 16,
    )
