"""Builds the demo mission the NAM report recommends: an EOM with 40 LTOs and 400 STOs, and its election day."""

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from mission.models import District, Mission, Party, PollingStation, Region
from observers.checklists.standard_forms import checklists_install_standard
from observers.demo.geography import BUILDINGS, REGIONS, TWO_LTO_TEAMS, RegionData
from observers.demo.media import media_sample_generate
from observers.demo.parties import PARTIES
from observers.demo.people import CORE_TEAM, DEMO_PASSWORD, local_person, observer_person
from observers.demo.results import contestants_create, official_results_load, protocols_fill
from observers.demo.synthetic import submissions_generate
from observers.models import Assignment, DeploymentPlan, Observer, Role, Team

DEMO_SLUG = "kazakhstan-2004"
LTO_TEAM_COUNT = len(REGIONS) + len(TWO_LTO_TEAMS)  # 20 teams of two
STO_TEAM_COUNT = 200  # 400 STOs in teams of two
STATIONS_PER_STO_TEAM = (9, 10, 10, 11)
MAX_STATION_VOTERS = 4000


@dataclass
class _Placed:
    """A polling station being built, with the region and town it was placed around."""

    station: PollingStation
    region: RegionData
    town: int
    size: float  # relative number of voters: town stations are larger than village ones


def demo_load(*, rng: random.Random) -> tuple[Mission, bool]:
    """Build the demo mission, or find the one already loaded: returns (mission, created)."""
    existing = Mission.objects.filter(slug=DEMO_SLUG).first()
    if existing:
        return existing, False
    with transaction.atomic():
        mission = Mission.objects.create(
            slug=DEMO_SLUG,
            name="Republic of Kazakhstan, Parliamentary Elections, 19 September 2004",
            name_ru="Республика Казахстан, парламентские выборы, 19 сентября 2004 года",
            name_kk="Қазақстан Республикасы, Парламенттік сайлау, 2004 жылғы 19 қыркүйек",
            country="Republic of Kazakhstan",  # as the title pages name it (the source's "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ")
            country_ru="Республика Казахстан",
            country_kk="Қазақстан Республикасы",
            election="Parliamentary (Mazhilis) elections",
            election_date=dt.date(2004, 9, 19),
            mission_type=Mission.Type.EOM,
            starts_on=dt.date(2004, 8, 9),
            ends_on=dt.date(2004, 10, 10),
            time_zone="Asia/Almaty",
            is_demo=True,
            requested_ltos=2 * LTO_TEAM_COUNT,
            requested_stos=2 * STO_TEAM_COUNT,
        )
        Party.objects.bulk_create(
            Party(mission=mission, name=en, name_ru=ru, name_kk=kk, abbreviation=abbreviation)
            for en, ru, kk, abbreviation in PARTIES
        )
        placed = _stations_create(mission=mission, rng=rng)
        users = _users_get_or_create(rng=rng)
        Observer.objects.bulk_create(
            Observer(
                mission=mission,
                user=users[username][0],
                role=role,
                full_name=name,
                position=position,
                nationality=nationality,
            )
            for username, role, name, position, nationality in CORE_TEAM
        )
        lto_team_of_town = _lto_teams_create(mission=mission, users=users, rng=rng)
        _sto_teams_create(mission=mission, placed=placed, lto_team_of_town=lto_team_of_town, users=users, rng=rng)
        checklists_install_standard(mission=mission)
        submissions_generate(mission=mission, rng=rng)
        media_sample_generate(mission=mission, rng=rng)
        contestants_create(mission=mission, rng=rng)  # after the forms: their random draws stay as they were
        official_results_load(mission=mission, copied=protocols_fill(mission=mission, rng=rng), rng=rng)
    return mission, True


def _split(total: int, weights: list[float]) -> list[int]:
    """`total` shared in proportion to `weights`, in whole numbers (largest remainder)."""
    shares = [total * w / sum(weights) for w in weights]
    counts = [math.floor(s) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _stations_create(*, mission: Mission, rng: random.Random) -> list[_Placed]:
    regions = Region.objects.bulk_create(
        Region(
            mission=mission,
            code=r.code,
            name=r.name,
            name_ru=r.name_ru,
            name_kk=r.name_kk,
            latitude=r.centre.latitude,
            longitude=r.centre.longitude,
        )
        for r in REGIONS
    )
    placed, districts = [], []
    for data, region in zip(REGIONS, regions):
        in_region = []
        for town_index, count in enumerate(_split(data.stations, [t.weight for t in data.towns])):
            town = data.towns[town_index]
            for _ in range(count):
                station = PollingStation(
                    mission=mission,
                    region=region,
                    latitude=round(town.latitude + _jitter(rng, town.spread), 5),
                    longitude=round(town.longitude + _jitter(rng, town.spread * 1.5), 5),
                )
                size = rng.uniform(1.0, 1.6) if town.spread <= 0.06 else rng.uniform(0.25, 1.1)
                in_region.append(_Placed(station, data, town_index, size))
        scale = data.voters / sum(p.size for p in in_region)
        for number, item in enumerate(in_region, start=1):
            building = rng.choice(BUILDINGS).format(n=rng.randint(1, 60))
            item.station.code = f"{data.code}-{number:04d}"
            item.station.name = f"Polling station No. {number}, {building}"
            item.station.address = f"{building}, {data.towns[item.town].name}"
            item.station.registered_voters = min(MAX_STATION_VOTERS, round(item.size * scale))
        districts += _districts_plan(mission, region, data, in_region, first_number=len(districts) + 1)
        placed += in_region
    District.objects.bulk_create(district for district, _ in districts)
    for district, members in districts:
        for item in members:
            item.station.district = district
    PollingStation.objects.bulk_create(p.station for p in placed)
    return placed


def _jitter(rng: random.Random, spread: float) -> float:
    return max(-2 * spread, min(2 * spread, rng.gauss(0, spread)))


def _districts_plan(mission, region, data: RegionData, in_region: list[_Placed], *, first_number: int):
    """Single-mandate districts as contiguous groups of the region's stations, named after their main town."""
    ordered = sorted(in_region, key=lambda p: (p.town, p.station.longitude))
    planned, start = [], 0
    for offset, size in enumerate(_split(len(ordered), [1] * data.districts)):
        members, start = ordered[start : start + size], start + size
        number = first_number + offset
        town = data.towns[Counter(p.town for p in members).most_common(1)[0][0]].name
        district = District(
            mission=mission,
            region=region,
            code=f"{number:02d}",
            name=f"{town} electoral district No. {number}",
            name_ru=f"Одномандатный избирательный округ № {number}",
            name_kk=f"№ {number} бір мандатты сайлау округі",
        )
        planned.append((district, members))
    return planned


def _users_get_or_create(*, rng: random.Random) -> dict[str, tuple]:
    """username -> (user, person) for the core team and every observer; existing users are reused as they are."""
    people = {username: {"full_name": name} for username, _, name, _, _ in CORE_TEAM}
    people |= {f"lto{n:03d}": observer_person(rng) for n in range(1, 2 * LTO_TEAM_COUNT + 1)}
    people |= {f"sto{n:03d}": observer_person(rng) for n in range(1, 2 * STO_TEAM_COUNT + 1)}
    User = get_user_model()
    users = {user.username: user for user in User.objects.filter(username__in=people)}
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing per user would take minutes
    missing = [username for username in people if username not in users]
    created = User.objects.bulk_create(
        User(
            username=username,
            password=password,
            first_name=people[username]["full_name"].split(" ", 1)[0],
            last_name=people[username]["full_name"].split(" ", 1)[1],
        )
        for username in missing
    )
    users |= {user.username: user for user in created}
    return {username: (users[username], person) for username, person in people.items()}


def _members_create(*, mission, teams: list[Team], prefix: str, role: str, users: dict) -> None:
    """Two observers per team: team n gets <prefix>(2n-1) and <prefix>(2n)."""
    Observer.objects.bulk_create(
        Observer(
            mission=mission,
            user=users[username][0],
            role=role,
            team=team,
            position="Long-term observer" if role == Role.LTO else "Short-term observer",
            **users[username][1],
        )
        for index, team in enumerate(teams)
        for username in (f"{prefix}{2 * index + 1:03d}", f"{prefix}{2 * index + 2:03d}")
    )


def _lto_teams_create(*, mission, users, rng) -> dict[tuple[str, int], Team]:
    """One LTO team per region, two in the largest; returns the team responsible for each (region, town)."""
    teams, team_of_town, areas = [], {}, []
    regions = {region.code: region for region in mission.regions.all()}
    for data in REGIONS:
        count = 2 if data.code in TWO_LTO_TEAMS else 1
        for k in range(count):
            team = Team(
                mission=mission,
                code=f"LTO{len(teams) + 1:02d}",
                kind=Team.Kind.LTO,
                base_city=data.towns[k].name,
                interpreter=local_person(rng),
                driver=local_person(rng),
            )
            teams.append(team)
            areas.append((team, regions[data.code]))
            team_of_town |= {(data.code, town): team for town in range(k, len(data.towns), count)}
    Team.objects.bulk_create(teams)
    Team.area.through.objects.bulk_create(Team.area.through(team=team, region=region) for team, region in areas)
    _members_create(mission=mission, teams=teams, prefix="lto", role=Role.LTO, users=users)
    return team_of_town


def _sto_teams_create(*, mission, placed: list[_Placed], lto_team_of_town, users, rng) -> None:
    """STO teams spread over the regions by their stations; each plans ~10 stations close together in one town."""
    pools = defaultdict(lambda: defaultdict(list))  # region code -> town -> stations not yet planned
    for item in placed:
        pools[item.region.code][item.town].append(item)
    teams, plans = [], []
    for data, team_count in zip(REGIONS, _split(STO_TEAM_COUNT, [r.stations for r in REGIONS])):
        towns = pools[data.code]
        for _ in range(team_count):
            town = rng.choices(list(towns), weights=[len(pool) for pool in towns.values()])[0]
            stations = _route(towns, town, rng.choice(towns[town]), rng.choice(STATIONS_PER_STO_TEAM))
            teams.append(
                Team(
                    mission=mission,
                    code=f"STO{len(teams) + 1:03d}",
                    kind=Team.Kind.STO,
                    parent=lto_team_of_town[(data.code, town)],
                    base_city=data.towns[town].name,
                    interpreter=local_person(rng),
                    driver=local_person(rng),
                )
            )
            plans.append(stations)
    Team.objects.bulk_create(teams)
    Assignment.objects.bulk_create(
        Assignment(team=team, polling_station=item.station, order=order, purpose=_purpose(order, len(stations)))
        for team, stations in zip(teams, plans)
        for order, item in enumerate(stations, start=1)
    )
    # Election day has come in the demo: its plan was published long ago, by the mission's coordinator.
    coordinator = next(username for username, role, *_rest in CORE_TEAM if role == Role.COORDINATOR)
    DeploymentPlan.objects.create(
        mission=mission,
        status=DeploymentPlan.Status.PUBLISHED,
        published_at=timezone.now(),
        published_by=users[coordinator][0],
    )
    _members_create(mission=mission, teams=teams, prefix="sto", role=Role.STO, users=users)


def _purpose(order: int, count: int) -> str:
    if order == 1:
        return Assignment.Purpose.OPENING
    return Assignment.Purpose.COUNTING if order == count else Assignment.Purpose.VOTING


def _distance(a: PollingStation, b: PollingStation) -> float:
    return math.hypot(a.latitude - b.latitude, (a.longitude - b.longitude) * math.cos(math.radians(a.latitude)))


def _route(towns: dict[int, list[_Placed]], town: int, start: _Placed, size: int) -> list[_Placed]:
    """`size` unplanned stations nearest to `start` (its own town first), visited nearest-next; taken from the pools."""
    nearest = sorted(towns[town], key=lambda p: _distance(start.station, p.station))[:size]
    if len(nearest) < size:
        others = [p for t, pool in towns.items() if t != town for p in pool]
        nearest += sorted(others, key=lambda p: _distance(start.station, p.station))[: size - len(nearest)]
    route, left = [start], [p for p in nearest if p is not start]
    while left:
        following = min(left, key=lambda p: _distance(route[-1].station, p.station))
        route.append(following)
        left.remove(following)
    taken = {id(p) for p in route}
    for t in list(towns):
        towns[t] = [p for p in towns[t] if id(p) not in taken]
        if not towns[t]:
            del towns[t]
    return route
