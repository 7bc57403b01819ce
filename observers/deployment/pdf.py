"""Printable deployment lists (WeasyPrint): a team's route with a small map drawn from its coordinates, and a
region's teams with their stations. The DejaVu fonts are embedded so Cyrillic and Georgian print."""

import math
from collections import defaultdict
from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from weasyprint import HTML

from mission.clock import moment_text, zone_label
from mission.models import Region
from observers.deployment.planner import Station, route_length_km
from observers.deployment.selectors import region_plan, team_route
from observers.models import Assignment, Observer, Team

FONT_DIR = settings.BASE_DIR / "static" / "fonts"
PURPOSE_COLOURS = {"opening": "#e69500", "voting": "#1d2733", "counting": "#b3261e"}


def route_svg(points: list[tuple[float, float, str]], *, width: int = 420, height: int = 260) -> SafeString:
    """An inline SVG of a route: (latitude, longitude, purpose) in order, numbered, with a scale bar. No tiles."""
    if not points:
        return SafeString("")
    pad = 22
    mean_latitude = math.radians(sum(p[0] for p in points) / len(points))
    xs = [p[1] * math.cos(mean_latitude) for p in points]
    ys = [p[0] for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 0.01  # degrees of latitude
    scale = min(width - 2 * pad, height - 2 * pad) / span
    x0 = (width - (max(xs) - min(xs)) * scale) / 2
    y0 = (height - (max(ys) - min(ys)) * scale) / 2

    def at(i: int) -> tuple[float, float]:
        return round(x0 + (xs[i] - min(xs)) * scale, 1), round(height - y0 - (ys[i] - min(ys)) * scale, 1)

    coords = [at(i) for i in range(len(points))]
    line = " ".join(f"{x},{y}" for x, y in coords)
    stops = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="8" fill="{}"/>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="9" fill="#fff">{}</text>',
        ((x, y, PURPOSE_COLOURS.get(points[i][2], "#0b5394"), x, y + 3, i + 1) for i, (x, y) in enumerate(coords)),
    )
    bar_km = _round_km(span * 111.32 / 4)
    bar_px = round(bar_km / 111.32 * scale, 1)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" class="route-map">'
        '<rect width="{w}" height="{h}" fill="#f6f8fa" stroke="#d8dee5"/>'
        '<polyline points="{line}" fill="none" stroke="#5c6b7a" stroke-width="2" stroke-dasharray="5 3"/>{stops}'
        '<line x1="10" y1="{bar_y}" x2="{bar_end}" y2="{bar_y}" stroke="#1d2733" stroke-width="2"/>'
        '<text x="10" y="{label_y}" font-size="9">{bar_km} km</text>'
        '<text x="{north_x}" y="16" font-size="11" text-anchor="middle">N ↑</text></svg>',
        w=width,
        h=height,
        line=line,
        stops=stops,
        bar_y=height - 10,
        bar_end=10 + bar_px,
        label_y=height - 14,
        bar_km=f"{bar_km:g}",
        north_x=width - 16,
    )


def _round_km(km: float) -> float:
    """1, 2 or 5 times a power of ten, at most `km` (a scale bar's length)."""
    if km <= 0:
        return 1
    power = 10 ** math.floor(math.log10(km))
    return max(step * power for step in (1, 2, 5) if step * power <= km)


def _render(template: str, context: dict) -> bytes:
    zone = context["mission"].time_zone
    printed_at = moment_text(timezone.now(), zone=zone, label=False)  # "19 September 2004, 14:05"
    html = render_to_string(
        template, {**context, "font_dir": FONT_DIR.as_uri(), "printed_at": printed_at, "zone": zone_label(zone)}
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _route_summary(route: list[Assignment]) -> dict:
    located = [a for a in route if a.polling_station.has_location]
    stations = [a.polling_station for a in located]
    return {
        "map": route_svg([(s.latitude, s.longitude, a.purpose) for a, s in zip(located, stations)]),
        "length_km": round(route_length_km([Station(s.pk, s.region_id, s.latitude, s.longitude) for s in stations]), 1),
        "unlocated": len(route) - len(located),
    }


def team_route_pdf(*, team: Team) -> bytes:
    route = list(team_route(team=team))
    team = Team.objects.select_related("mission", "parent").prefetch_related("members").get(pk=team.pk)
    return _render(
        "deployment/pdf/team.html", {"team": team, "route": route, "mission": team.mission, **_route_summary(route)}
    )


def region_plan_pdf(*, region: Region) -> bytes:
    assignments = list(region_plan(region=region))
    members = defaultdict(list)
    for observer in Observer.objects.filter(team__in={a.team_id for a in assignments}).order_by("full_name"):
        members[observer.team_id].append(observer.full_name)
    teams = [
        {"team": team, "members": members[team.pk], "route": list(rows)}
        for team, rows in groupby(assignments, key=lambda a: a.team)
    ]
    return _render("deployment/pdf/region.html", {"region": region, "mission": region.mission, "teams": teams})
