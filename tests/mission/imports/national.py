"""A national list of polling stations in the shape commissions deliver: each station numbered within its
municipality (municipality code, address, number), no voters, no coordinates, municipality names repeated across
provinces (76 such names) and a few within one province."""

import random
from dataclasses import dataclass

HEADER = ("Province", "Municipality code", "Municipality", "Number", "Address")
PROVINCES = 14
REPEATED_NAMES = 76  # municipality names found in more than one place
TWICE_IN_ONE_PROVINCE = 6  # of them, names two municipalities of one province share


@dataclass(frozen=True)
class Municipality:
    province: str
    code: str
    name: str


def municipalities(count: int = 600, *, seed: int = 12) -> list[Municipality]:
    rng = random.Random(seed)
    provinces = [f"Province {chr(ord('A') + n)}" for n in range(PROVINCES)]
    names = []
    for n in range(REPEATED_NAMES):
        shared = f"Novoselo {n + 1}"
        places = rng.sample(provinces, 2 + n % 3)
        names += [(province, shared) for province in places]
        if n < TWICE_IN_ONE_PROVINCE:
            names.append((places[0], shared))  # a second municipality of that name in the same province
    unique = 0
    while len(names) < count:
        unique += 1
        names.append((provinces[unique % PROVINCES], f"Town {unique}"))
    rng.shuffle(names)
    numbered: dict[str, int] = {}
    found = []
    for province, name in names[:count]:
        numbered[province] = numbered.get(province, 0) + 1
        found.append(Municipality(province, f"{provinces.index(province) + 1:02d}{numbered[province]:03d}", name))
    return found


def national_csv(stations: int = 30_000, *, seed: int = 12) -> bytes:
    rng = random.Random(seed)
    places = municipalities(seed=seed)
    per_place = [1] * len(places)
    for _ in range(stations - len(places)):
        per_place[rng.randrange(len(places))] += 1
    lines = [";".join(HEADER)]
    for place, count in zip(places, per_place, strict=True):
        for number in range(1, count + 1):
            lines.append(f"{place.province};{place.code};{place.name};{number};{place.name}, ul. Shkolnaya {number}")
    return ("\n".join(lines) + "\n").encode()
