"""The election-day planner's arithmetic, in plain Python (no database, no numpy).

1. `largest_remainder` splits the short-term teams over regions in proportion to a weight (stations or voters).
2. `place_teams` puts each team in one region of its long-term team's area, filling those quotas as far as the
   areas allow (augmenting paths), the rest where the region is furthest below its fair share.
3. `routes_in_region` gives each team of a region a cluster of nearby stations: the region cut into equal
   stretches of a Hilbert curve (so teams spread in proportion to station density), the densest spot of each
   stretch as seed, its nearest neighbours (found in a grid of buckets), then a short tour through them
   (nearest neighbour, then 2-opt).
"""

import heapq
import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

KM_PER_DEGREE = 111.32
HILBERT_ORDER = 10  # a 1024 x 1024 grid over the region's bounding box


@dataclass(frozen=True)
class Station:
    id: int
    region_id: int
    latitude: float
    longitude: float


def largest_remainder(total: int, weights: dict[Hashable, float]) -> dict[Hashable, int]:
    """Hamilton's method: floors of the exact quotas, then one more each to the largest remainders
    (ties to the larger weight, then to the key that sorts first)."""
    weight_sum = sum(weights.values())
    if total <= 0 or weight_sum <= 0:
        return dict.fromkeys(weights, 0)
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    seats = {key: math.floor(quota) for key, quota in exact.items()}
    left = total - sum(seats.values())
    by_remainder = sorted(weights, key=lambda key: (-(exact[key] - seats[key]), -weights[key], key))
    for key in by_remainder[:left]:
        seats[key] += 1
    return seats


def place_teams(
    allowed: dict[Hashable, set], quotas: dict[Hashable, int], fair_shares: dict[Hashable, float]
) -> dict[Hashable, Hashable]:
    """Team -> region. `allowed` lists each team's regions; teams with none are left out.

    Teams are matched to region seats (`quotas`) by augmenting paths, so a team is moved when that lets a
    more constrained team in. Teams no seat is left for go to the allowed region furthest below its
    `fair_shares` (the exact, fractional quota). Regions missing from `quotas` take no team."""
    allowed = {team: {r for r in regions if r in quotas} for team, regions in allowed.items()}
    placed: dict[Hashable, Hashable] = {}
    occupants: dict[Hashable, list] = {region: [] for region in quotas}

    def seat(team, visited: set) -> bool:
        for region in sorted(allowed[team], key=lambda r: (len(occupants[r]) - quotas[r], r)):
            if region in visited or quotas[region] == 0:
                continue
            visited.add(region)
            if len(occupants[region]) < quotas[region]:
                occupants[region].append(team)
                placed[team] = region
                return True
            for other in list(occupants[region]):
                if seat_elsewhere(other, region, visited):
                    occupants[region].append(team)
                    placed[team] = region
                    return True
        return False

    def seat_elsewhere(team, current, visited: set) -> bool:
        occupants[current].remove(team)
        if seat(team, visited):
            return True
        occupants[current].append(team)
        return False

    teams = sorted((t for t in allowed if allowed[t]), key=lambda t: (len(allowed[t]), t))
    for team in teams:
        seat(team, set())
    for team in teams:
        if team not in placed:
            region = max(sorted(allowed[team]), key=lambda r: fair_shares[r] - len(occupants[r]))
            occupants[region].append(team)
            placed[team] = region
    return placed


def distance_km(a: Station, b: Station) -> float:
    """Equirectangular approximation: good to a fraction of a per cent at a region's scale."""
    mean_latitude = math.radians((a.latitude + b.latitude) / 2)
    dx = (b.longitude - a.longitude) * math.cos(mean_latitude)
    dy = b.latitude - a.latitude
    return math.hypot(dx, dy) * KM_PER_DEGREE


def _hilbert_index(x: int, y: int, order: int = HILBERT_ORDER) -> int:
    index, side = 0, 1 << order
    s = side >> 1
    while s:
        rx = 1 if x & s else 0
        ry = 1 if y & s else 0
        index += s * s * ((3 * rx) ^ ry)
        if ry == 0:
            if rx == 1:
                x, y = side - 1 - x, side - 1 - y
            x, y = y, x
        s >>= 1
    return index


def hilbert_sorted(stations: list[Station]) -> list[Station]:
    if not stations:
        return []
    min_lat = min(s.latitude for s in stations)
    min_lon = min(s.longitude for s in stations)
    span = max(max(s.latitude for s in stations) - min_lat, max(s.longitude for s in stations) - min_lon) or 1.0
    cells = (1 << HILBERT_ORDER) - 1

    def key(station: Station) -> tuple[int, int]:
        x = round((station.longitude - min_lon) / span * cells)
        y = round((station.latitude - min_lat) / span * cells)
        return _hilbert_index(x, y), station.id

    return sorted(stations, key=key)


def route_length_km(route: list[Station]) -> float:
    return sum(distance_km(a, b) for a, b in zip(route, route[1:]))


def short_route(stations: list[Station]) -> list[Station]:
    """An open path through every station: from the station farthest from the group's first, nearest
    neighbour next, then 2-opt reversals while they shorten it (about ten stations: cheap)."""
    if len(stations) < 3:
        return list(stations)
    rest = list(stations)
    current = max(rest, key=lambda s: (distance_km(stations[0], s), -s.id))
    rest.remove(current)
    route = [current]
    while rest:
        current = min(rest, key=lambda s: (distance_km(current, s), s.id))
        rest.remove(current)
        route.append(current)
    improved = True
    while improved:
        improved = False
        for i in range(1, len(route) - 1):
            for j in range(i + 1, len(route)):
                before = distance_km(route[i - 1], route[i]) + (
                    distance_km(route[j], route[j + 1]) if j + 1 < len(route) else 0
                )
                after = distance_km(route[i - 1], route[j]) + (
                    distance_km(route[i], route[j + 1]) if j + 1 < len(route) else 0
                )
                if after < before - 1e-9:
                    route[i : j + 1] = reversed(route[i : j + 1])
                    improved = True
    return route


def routes_in_region(stations: Iterable[Station], teams: list, per_team: int) -> dict:
    """Team -> its route (list of Station, in visiting order). No station is given twice; when the region
    runs short, later teams get fewer stations (or none).

    The region's stations, in Hilbert order, are cut into one stretch per team (equal station counts, so teams
    spread in proportion to density); each team starts from its stretch's densest spot and takes the stations
    nearest to it. Distances here are on the region's plane (kilometres east and north of its mean latitude): a
    grid of buckets finds the nearest free stations without measuring the whole region for every team, which
    keeps 12,000 stations and 120 teams a region to about a second."""
    ordered = hilbert_sorted(list(stations))
    if not ordered:
        return {team: [] for team in teams}
    plane = _Plane(ordered, per_team)
    free = {station.id: station for station in ordered}
    routes = {}
    for number, team in enumerate(teams):
        stretch = ordered[number * len(ordered) // len(teams) : (number + 1) * len(ordered) // len(teams)]
        pool = [s for s in stretch if s.id in free]
        if len(pool) < per_team:
            pool = list(free.values())
        if not pool:
            routes[team] = []
            continue
        seed = _densest(pool, per_team, plane)
        group = plane.nearest_free(seed, per_team)
        for station in group:
            del free[station.id]
            plane.take(station)
        routes[team] = short_route(group)
    return routes


class _Plane:
    """A region's stations on a plane (km), in square buckets holding about `per_team` stations each."""

    def __init__(self, stations: list[Station], per_team: int):
        mean_latitude = math.radians(sum(s.latitude for s in stations) / len(stations))
        kx = math.cos(mean_latitude) * KM_PER_DEGREE
        self.xy = {s.id: (s.longitude * kx, s.latitude * KM_PER_DEGREE) for s in stations}
        xs = [x for x, _y in self.xy.values()]
        ys = [y for _x, y in self.xy.values()]
        self.x0, self.y0 = min(xs), min(ys)
        area = max(max(xs) - self.x0, 1e-3) * max(max(ys) - self.y0, 1e-3)
        self.cell = max(math.sqrt(area * max(per_team, 1) / len(stations)), 1e-3)
        self.buckets: dict[tuple[int, int], dict[int, Station]] = {}
        for s in stations:
            self.buckets.setdefault(self._cell_of(s.id), {})[s.id] = s
        self.reach = int(max(max(xs) - self.x0, max(ys) - self.y0) / self.cell) + 2

    def _cell_of(self, station_id: int) -> tuple[int, int]:
        x, y = self.xy[station_id]
        return int((x - self.x0) // self.cell), int((y - self.y0) // self.cell)

    def take(self, station: Station) -> None:
        del self.buckets[self._cell_of(station.id)][station.id]

    def d2(self, a: Station, b: Station) -> float:
        (ax, ay), (bx, by) = self.xy[a.id], self.xy[b.id]
        return (ax - bx) ** 2 + (ay - by) ** 2

    def nearest_free(self, seed: Station, k: int) -> list[Station]:
        """The k free stations nearest to `seed` (ties to the smaller id): rings of buckets around its own, until
        the k-th found is nearer than any bucket not yet looked in."""
        ci, cj = self._cell_of(seed.id)
        sx, sy = self.xy[seed.id]
        found: list[tuple[float, int, Station]] = []
        for ring in range(self.reach + 1):
            for i in range(ci - ring, ci + ring + 1):
                for j in (cj - ring, cj + ring) if abs(i - ci) != ring else range(cj - ring, cj + ring + 1):
                    for station in self.buckets.get((i, j), {}).values():
                        x, y = self.xy[station.id]
                        found.append(((x - sx) ** 2 + (y - sy) ** 2, station.id, station))
            if len(found) >= k:
                best = heapq.nsmallest(k, found)
                if best[-1][0] <= (ring * self.cell) ** 2:
                    return [station for _d, _id, station in best]
        return [station for _d, _id, station in heapq.nsmallest(k, found)]


def _densest(pool: list[Station], per_team: int, plane: _Plane, candidates: int = 32) -> Station:
    """The station whose `per_team` nearest neighbours in the pool lie closest (sampling at most `candidates`
    of them keeps this bounded on a big pool)."""
    points = [plane.xy[s.id] for s in pool]
    kth = min(per_team, len(points)) - 1

    def reach(seed: Station) -> tuple[float, int]:
        sx, sy = plane.xy[seed.id]
        squares = sorted([(x - sx) * (x - sx) + (y - sy) * (y - sy) for x, y in points])
        return squares[kth], seed.id

    return min(pool[:: max(1, len(pool) // candidates)], key=reach)
