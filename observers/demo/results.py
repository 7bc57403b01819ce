"""The demo's results: the lists and single-mandate candidates on the ballot, the protocol figures the 200
counting forms copied, and two imports of synthetic official results for every station (labelled demo): the
first differs from the observed protocol at a handful of stations, the second corrects some of them and carries,
as a commission publishes them, each district's totals (one of which, DISTRICT_NOT_ADDING_UP, is not the sum of
its stations), each region's totals with its turnout by hour, and the national totals with the seats per list.

The official figures go through the real import (mission/results/services.py), from a table built here."""

import random

from mission.imports.rows import mapping_guess
from mission.imports.tabular import Table
from mission.models import Contestant, District, Mission, Party, PollingStation
from mission.results import imports as results_imports
from mission.results.lines import LINE_CODES
from mission.results.services import official_results_import
from observers.demo.people import local_person
from observers.models import Checklist, Submission
from observers.submissions.hashing import submission_content_hash

# (code, party abbreviations, share of the vote, seats) — a bloc's list stands for two parties. Synthetic shares
# near the published national figures of 2004; seats of the ten proportional mandates as allocated then.
LISTS = (
    ("OTAN", ("Otan",), 60.6, 7),
    ("ASAR", ("Asar",), 11.4, 1),
    ("AKZHOL", ("Ak Zhol",), 12.0, 1),
    ("AIST", ("APK", "GPK"), 7.1, 1),
    ("DVK_CPK", ("DVK", "CPK"), 3.4, 0),
    ("AUYL", ("Auyl",), 1.7, 0),
    ("CPPK", ("CPPK",), 1.9, 0),
    ("DPK", ("DPK",), 0.6, 0),
    ("PPK", ("PPK",), 0.5, 0),
    ("RUKHANIYAT", ("Rukhaniyat",), 0.8, 0),
)
CANDIDATES_PER_DISTRICT = 3
CLOSE_RACE_SHARE = 0.3  # districts where no candidate leads clearly: most of them go to a second round
TURNOUT_BY_HOUR = (0.12, 0.28, 0.45, 0.62, 0.8, 0.95)  # of the day's ballots issued, at TURNOUT_HOURS
NOT_COPIED_SHARE = 0.08
DIFFERING_STATIONS, CORRECTED_STATIONS = 8, 5
DISTRICT_NOT_ADDING_UP = 0  # by code order: its published valid ballots and first list carry 150 votes more
NOT_ADDING_UP_VOTES = 150
REGION_TURNOUT_SHIFT = 0.02  # the regions' own hourly figures run a little ahead of their stations' sum
SOURCE = {  # {day}: the day of September 2004 the commission published them
    "source": "Central Election Commission of the Republic of Kazakhstan, results by polling station, {day} September"
    " 2004 (demo)",
    "source_ru": "Центральная избирательная комиссия Республики Казахстан, итоги по избирательным участкам,"
    " {day} сентября 2004 года (демо)",
    "source_kk": "Қазақстан Республикасының Орталық сайлау комиссиясы, сайлау учаскелері бойынша қорытындылар,"
    " 2004 жылғы {day} қыркүйек (демо)",
}


def contestants_create(*, mission: Mission, rng: random.Random) -> None:
    parties = {party.abbreviation: party for party in Party.objects.filter(mission=mission)}
    contestants = []
    for number, (code, abbreviations, _share, _seats) in enumerate(LISTS, start=1):
        members = [parties[a] for a in abbreviations]
        contestants.append(
            Contestant(
                mission=mission,
                kind=Contestant.Kind.LIST,
                code=code,
                number=number,
                party=members[0],
                name=" – ".join(p.name for p in members),
                name_ru=" – ".join(p.name_ru for p in members),
                name_kk=" – ".join(p.name_kk for p in members),
            )
        )
    lists = list(parties.values())
    for district in District.objects.filter(mission=mission).order_by("code"):
        names = rng.sample(_candidate_names(), CANDIDATES_PER_DISTRICT)
        for number, name in enumerate(names, start=1):
            contestants.append(
                Contestant(
                    mission=mission,
                    kind=Contestant.Kind.CANDIDATE,
                    code=f"D{district.code}_{number}",
                    number=number,
                    district=district,
                    party=rng.choice(lists),
                    name=name,
                )
            )
    Contestant.objects.bulk_create(contestants)


def _candidate_names() -> list[str]:
    generator = random.Random(2004)
    return sorted({local_person(generator) for _ in range(200)})


def _split(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """`total` votes shared out roughly in proportion to `weights`, noisy, adding up exactly."""
    noisy = [w * rng.uniform(0.6, 1.4) for w in weights]
    counts = [int(total * w / sum(noisy)) for w in noisy]
    counts[0] += total - sum(counts)
    return counts


def _protocol(voters: int, candidates: list[tuple[str, float]], rng: random.Random) -> dict:
    """A protocol whose lines add up, for a station of `voters`."""
    received = voters + rng.randint(0, max(1, voters // 100))
    issued = round(voters * rng.uniform(0.45, 0.85))
    spoiled = rng.randint(0, 4)
    cast = issued - rng.randint(0, 2)
    invalid = rng.randint(0, max(1, cast // 60))
    valid = cast - invalid
    list_votes = _split(valid, [share for _c, _p, share, _s in LISTS], rng)
    candidate_votes = _split(valid, [weight for _code, weight in candidates], rng) if candidates else []
    return {
        "voters_on_list": voters,
        "ballots_received": received,
        "ballots_issued": issued,
        "ballots_spoiled": spoiled,
        "ballots_unused": received - issued - spoiled,
        "ballots_cast": cast,
        "valid_ballots": valid,
        "invalid_ballots": invalid,
        "votes_lists": dict(zip((code for code, *_ in LISTS), list_votes, strict=True)),
        "votes_candidates": dict(zip((code for code, _w in candidates), candidate_votes, strict=True)),
    }


def _candidates_by_district(mission: Mission) -> dict[int, list[tuple[str, float]]]:
    """Each district's candidates with their weight in its vote: a clear favourite in most districts."""
    by_district: dict[int, list[tuple[str, float]]] = {}
    candidates = Contestant.objects.filter(mission=mission, kind=Contestant.Kind.CANDIDATE)
    for district_id, code, number in candidates.order_by("district_id", "number").values_list(
        "district_id", "code", "number"
    ):
        close = random.Random(district_id).random() < CLOSE_RACE_SHARE
        weight = 1.0 if close or number > 1 else 2.5
        by_district.setdefault(district_id, []).append((code, weight / number if not close else weight))
    return by_district


def protocols_fill(*, mission: Mission, rng: random.Random) -> dict[int, dict]:
    """Give the counting forms the protocol they copied (or none, at a few); returns the protocols by station."""
    candidates = _candidates_by_district(mission)
    forms = list(
        Submission.objects.filter(mission=mission, checklist__kind=Checklist.Kind.COUNTING).select_related(
            "polling_station"
        )
    )
    protocols = {}
    for form in forms:
        station = form.polling_station
        protocol = protocols.get(station.pk) or _protocol(
            station.registered_voters, candidates.get(station.district_id, []), rng
        )
        protocols[station.pk] = protocol
        copied = rng.random() >= NOT_COPIED_SHARE
        answers = {key: value for key, value in form.answers.items() if key not in protocol}
        answers["protocol_copied"] = "yes" if copied else "no"
        answers["ballots_received"], answers["ballots_cast"] = protocol["ballots_received"], protocol["ballots_cast"]
        if copied:
            answers.update({key: value for key, value in protocol.items() if value != {}})
        form.answers = answers
        form.content_hash = submission_content_hash(
            checklist_id=form.checklist_id,
            polling_station_id=station.pk,
            answers=answers,
            observed_at=form.observed_at,
        )
    Submission.objects.bulk_update(forms, ["answers", "content_hash"], batch_size=500)
    return {
        form.polling_station_id: protocols[form.polling_station_id]
        for form in forms
        if form.answers["protocol_copied"] == "yes"
    }


def _row(code: str, protocol: dict, headers: list[str]) -> list[str]:
    votes = {**protocol["votes_lists"], **protocol["votes_candidates"]}
    values = {"station": code, **{line: protocol[line] for line in LINE_CODES}, **votes}
    issued = protocol["ballots_issued"]
    values.update(
        {
            f"turnout_{hour[:2]}": round(issued * share)
            for hour, share in zip(results_imports.TURNOUT_HOURS, TURNOUT_BY_HOUR, strict=True)
        }
    )
    return [str(values.get(header, "")) for header in headers]


def _falsified(protocol: dict, rng: random.Random) -> dict:
    """Votes moved from the other lists to the first, and a few more ballots in the box, as published."""
    lists = dict(protocol["votes_lists"])
    moved = 0
    for code in list(lists)[1:4]:
        taken = min(lists[code], rng.randint(10, 60))
        lists[code] -= taken
        moved += taken
    first = next(iter(lists))
    lists[first] += moved
    return {**protocol, "votes_lists": lists}


def _add(total: dict, protocol: dict) -> None:
    for line in LINE_CODES:
        total[line] = total.get(line, 0) + protocol[line]
    for code, votes in {**protocol["votes_lists"], **protocol["votes_candidates"]}.items():
        total.setdefault("votes", {})[code] = total.get("votes", {}).get(code, 0) + votes
    for hour, share in zip(results_imports.TURNOUT_HOURS, TURNOUT_BY_HOUR, strict=True):
        key = f"turnout_{hour[:2]}"
        total[key] = total.get(key, 0) + round(protocol["ballots_issued"] * share)


def _totals_rows(mission: Mission, figures: dict[int, dict], headers: list[str]) -> list[list[str]]:
    """The district, region and national rows of the second import, as the commission publishes them."""
    districts = {pk: [code, {}] for pk, code in District.objects.filter(mission=mission).values_list("pk", "code")}
    regions = {pk: [code, {}] for pk, code in mission.regions.values_list("pk", "code")}
    national: dict = {}
    for pk, district_id, region_id in PollingStation.objects.filter(mission=mission).values_list(
        "pk", "district_id", "region_id"
    ):
        if district_id:
            _add(districts[district_id][1], figures[pk])
        _add(regions[region_id][1], figures[pk])
        _add(national, figures[pk])
    rows = []
    for index, (code, total) in enumerate(sorted(districts.values(), key=lambda item: item[0])):
        if not total:
            continue
        if index == DISTRICT_NOT_ADDING_UP:  # the district table does not add up
            first = LISTS[0][0]
            total = {**total, "valid_ballots": total["valid_ballots"] + NOT_ADDING_UP_VOTES}
            total["votes"] = {**total["votes"], first: total["votes"][first] + NOT_ADDING_UP_VOTES}
        rows.append(_total_row({"level": "district", "district": code, **total}, headers))
    for code, total in sorted(regions.values(), key=lambda item: item[0]):
        if total:
            shifted = {
                f"turnout_{hour[:2]}": min(
                    total["ballots_issued"], round(total[f"turnout_{hour[:2]}"] * (1 + REGION_TURNOUT_SHIFT))
                )
                for hour in results_imports.TURNOUT_HOURS
            }
            rows.append(_total_row({"level": "region", "region": code, **total, **shifted}, headers))
    seats = {f"seats:{code}": seats for code, _a, _s, seats in LISTS}
    lists = {code for code, *_ in LISTS}
    national["votes"] = {code: n for code, n in national["votes"].items() if code in lists}
    rows.append(_total_row({"level": "national", **national, **seats}, headers))
    return rows


def _total_row(values: dict, headers: list[str]) -> list[str]:
    values = {**values, **values.pop("votes", {})}
    return [str(values.get(header, "")) for header in headers]


def official_results_load(*, mission: Mission, copied: dict[int, dict], rng: random.Random) -> list[int]:
    """Two imports of the official results for every station; returns the stations that differed at first."""
    candidates = _candidates_by_district(mission)
    stations = list(
        PollingStation.objects.filter(mission=mission)
        .order_by("code")
        .values_list("pk", "code", "registered_voters", "district_id")
    )
    published = {
        pk: copied.get(pk) or _protocol(voters, candidates.get(district, []), rng)
        for pk, code, voters, district in stations
    }
    differing = rng.sample(sorted(copied), min(DIFFERING_STATIONS, len(copied)))
    first = {**published, **{pk: _falsified(published[pk], rng) for pk in differing}}
    corrected = set(differing[:CORRECTED_STATIONS])
    second = {pk: published[pk] if pk in corrected else first[pk] for pk in published}
    codes = list(Contestant.objects.filter(mission=mission).values_list("code", flat=True))
    headers = ["station", *LINE_CODES, *codes, *(f"turnout_{hour[:2]}" for hour in results_imports.TURNOUT_HOURS)]
    with_totals = ["level", "district", "region", *headers, *(f"seats:{code}" for code, *_ in LISTS)]
    for figures, day, columns in ((first, 20, headers), (second, 25, with_totals)):
        cells = [_row(code, figures[pk], columns) for pk, code, _v, _d in stations]
        if columns is with_totals:
            cells = [["station", *row[1:]] for row in cells] + _totals_rows(mission, figures, columns)
        rows = list(enumerate(cells, start=2))
        table = Table(headers=columns, rows=rows)
        plan = official_results_import(
            mission=mission,
            table=table,
            mapping=mapping_guess(columns, results_imports.FIELDS),
            **{field: text.format(day=day) for field, text in SOURCE.items()},
            filename="results-by-station.csv",
            is_demo=True,
        )
        assert plan.applied, plan.errors[:3]
    return differing
