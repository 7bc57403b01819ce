"""Synthetic submissions: the forms a mission's teams would send, for the demo and for benchmarks.

Works from what is in the database (the current version of each form, the teams, their members and the
STO teams' plans), so it serves any mission. Answers are walked question by question in form order, so
follow-ups are answered only when asked and the overall assessment follows the problems reported.
"""

import datetime as dt
import itertools
import random
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from mission.models import Mission
from observers.checklists.definitions import ASSESSMENT_CODE, choice_values, is_relevant
from observers.demo import texts
from observers.demo.geography import REGION_TROUBLE
from observers.models import Assignment, Checklist, Observer, Submission, Team
from observers.submissions.hashing import submission_content_hash

BATCH_SIZE = 5000

# code -> (the answer that reports a problem, how often at an ordinary station, how serious: 1 or 2)
PROBLEMS = {
    "materials_complete": ("no", 0.03, 1),
    "boxes_shown_empty": ("no", 0.02, 1),
    "boxes_sealed": ("no", 0.02, 2),
    "seal_numbers_recorded": ("no", 0.05, 1),
    "figures_announced": ("no", 0.06, 1),
    "opened_on_time": ("no", 0.05, 1),
    "unauthorised_present": ("yes", 0.05, 1),
    "observers_restricted": ("yes", 0.015, 2),
    "identity_checked": ("no", 0.02, 1),
    "voters_signed_list": ("no", 0.015, 1),
    "identical_signatures": ("yes", 0.03, 2),
    "secrecy_ensured": ("no", 0.04, 1),
    "group_voting": ("yes", 0.07, 1),
    "proxy_voting": ("yes", 0.03, 1),
    "multiple_voting": ("yes", 0.008, 2),
    "ballot_stuffing": ("yes", 0.006, 2),
    "evoting_working": ("no", 0.08, 1),
    "campaign_material": ("yes", 0.03, 1),
    "intimidation": ("yes", 0.01, 2),
    "overcrowding": ("yes", 0.07, 1),
    "unauthorised_directing": ("yes", 0.15, 2),
    "unused_ballots_cancelled": ("no", 0.08, 1),
    "signatures_counted": ("no", 0.1, 1),
    "validity_consistent": ("no", 0.05, 1),
    "figures_reconciled": ("no", 0.08, 2),
    "protocol_in_ink": ("no", 0.03, 1),
    "protocol_presigned": ("yes", 0.02, 2),
    "protocol_posted": ("no", 0.08, 1),
    "protocol_copy_given": ("no", 0.06, 1),
    "conditions_adequate": ("no", 0.1, 1),
    "observers_could_see": ("no", 0.1, 1),
    "protocols_changed": ("yes", 0.04, 2),
    "data_entry_transparent": ("no", 0.08, 1),
    "voter_list_problems": ("yes", 0.2, 1),
    "misuse_of_resources": ("yes", 0.2, 1),
    "pressure_on_voters": ("yes", 0.12, 1),
    "complaints_filed": ("yes", 0.3, 1),
    "candidate_registration_problems": ("yes", 0.15, 1),
    "media_problems": ("yes", 0.25, 1),
    "minorities_issues": ("yes", 0.06, 1),
    "women_participation_issues": ("yes", 0.05, 1),
    "security_concerns": ("yes", 0.03, 1),
}
# yes/no questions that report no problem: how often the answer is yes
YES_RATES = {
    "party_observers_present": 0.75,
    "citizen_observers_present": 0.45,
    "evoting_used": 0.15,
    "accessible": 0.4,
    "reported_to_authorities": 0.5,
    # The protocol's figures must add up and fit the station's ballot: observers/demo/results.py copies them.
    "protocol_copied": 0.0,
}
CHOICE_WEIGHTS = {
    "severity": {"low": 3, "medium": 4, "high": 2, "critical": 1.2},
    "category": {
        "intimidation": 3,
        "violence": 0.5,
        "ballot_stuffing": 1.5,
        "multiple_voting": 2,
        "vote_buying": 1,
        "observers_obstructed": 1.5,
        "campaign": 2,
        "administrative_resources": 2,
        "evoting": 1,
        "other": 1,
    },
    "campaign_climate": {"calm": 5, "lively": 3, "tense": 1},
}
MULTIPLE_RATES = {
    "unauthorised_who": {"police": 0.5, "local_officials": 0.5, "party_activists": 0.3, "other": 0.15},
    "materials_missing": {
        "ballots": 0.2,
        "voter_list": 0.3,
        "protocols": 0.3,
        "seals": 0.4,
        "ballot_boxes": 0.1,
        "stamp": 0.2,
        "booths": 0.4,
    },
}
# How much likelier a troubled station is for each kind of form (counts go wrong more often than voting).
TROUBLED_SHARE = 0.05
KIND_TROUBLE = {"opening": 1.2, "counting": 3.0, "tabulation": 2.5}
TROUBLED_FACTOR = 6


@dataclass(frozen=True)
class Visit:
    """One form to fill in: who, where and when (`arrival`, `departure`: minutes after local midnight of `day`)."""

    kind: str
    team_id: int
    observer_id: int
    day: dt.date
    arrival: int
    departure: int | None = None
    station_id: int | None = None
    voters: int = 0
    region: str = ""
    place: str = ""
    district: str = ""


@dataclass
class _Filling:
    """The state of one form being filled in."""

    visit: Visit
    rng: random.Random
    rate: float
    troubled: bool
    problems: list[str] = field(default_factory=list)
    score: int = 0


def submissions_generate(*, mission: Mission, count: int | None = None, rng: random.Random) -> int:
    """Bulk-create synthetic submissions for the mission's teams; returns how many.

    count=None: one election day (each STO team's plan, some tabulations and incidents, the LTOs' weekly
    reports); count=N: N submissions, going round the same visits again as often as needed.
    """
    checklists = _current_checklists(mission)
    visits = [visit for visit in _visits(mission, rng) if visit.kind in checklists]
    if not visits:
        return 0
    chosen = visits if count is None else itertools.islice(itertools.cycle(visits), count)
    zone = ZoneInfo(mission.time_zone)
    created = 0
    for batch in _batches(chosen, BATCH_SIZE):
        Submission.objects.bulk_create(
            [_submission(mission, checklists[visit.kind], visit, rng, zone) for visit in batch]
        )
        created += len(batch)
    return created


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _current_checklists(mission: Mission) -> dict[str, Checklist]:
    latest = {}
    for checklist in Checklist.objects.filter(mission=mission).order_by("kind", "-version"):
        latest.setdefault(checklist.kind, checklist)
    return latest


def _submission(mission, checklist: Checklist, visit: Visit, rng: random.Random, zone: ZoneInfo) -> Submission:
    answers = answers_make(checklist.questions, visit, rng)
    local = dt.datetime.combine(visit.day, dt.time(), tzinfo=zone) + dt.timedelta(minutes=visit.arrival)
    observed_at = local.astimezone(dt.UTC)
    return Submission(
        uuid=uuid.uuid4(),  # random even with a seeded rng: a second run with the same seed must not clash
        mission_id=mission.pk,
        checklist_id=checklist.pk,
        team_id=visit.team_id,
        observer_id=visit.observer_id,
        polling_station_id=visit.station_id,
        answers=answers,
        observed_at=observed_at,
        content_hash=submission_content_hash(
            checklist_id=checklist.pk, polling_station_id=visit.station_id, answers=answers, observed_at=observed_at
        ),
    )


# --- who goes where, and when ---


def _visits(mission: Mission, rng: random.Random) -> list[Visit]:
    members = defaultdict(list)
    for team_id, observer_id in (
        Observer.objects.filter(mission=mission, team__isnull=False).order_by("id").values_list("team_id", "id")
    ):
        members[team_id].append(observer_id)
    plans = defaultdict(list)
    for row in (
        Assignment.objects.filter(team__mission=mission)
        .order_by("team_id", "order")
        .values(
            "team_id",
            "purpose",
            "polling_station_id",
            "polling_station__registered_voters",
            "polling_station__region__code",
            "polling_station__code",
            "polling_station__address",
            "polling_station__district__name",
        )
    ):
        plans[row["team_id"]].append(row)
    visits = []
    for team_id, plan in plans.items():
        if members[team_id]:
            visits += _election_day(mission.election_date, plan, members[team_id], rng)
    areas = {}  # an LTO team's first region, for how troubled its reports are
    for team_id, region in (
        Team.area.through.objects.filter(team__mission=mission).order_by("id").values_list("team_id", "region__code")
    ):
        areas.setdefault(team_id, region)
    for team_id, base_city in (
        Team.objects.filter(mission=mission, kind=Team.Kind.LTO).order_by("id").values_list("id", "base_city")
    ):
        if members[team_id]:
            visits += _lto_reports(
                mission.election_date, team_id, members[team_id], areas.get(team_id, ""), base_city, rng
            )
    return visits


def _election_day(day: dt.date, plan: list[dict], observers: list[int], rng: random.Random) -> list[Visit]:
    """An STO team's day: opening at its first station, voting at most of the others, counting at the last."""
    voting = [row["polling_station_id"] for row in plan if row["purpose"] == Assignment.Purpose.VOTING]
    slot = (19 * 60 + 15 - 8 * 60) / max(1, len(voting))  # voting visits spread from 08:00 to 19:15
    visits = []
    for row in plan:
        if row["purpose"] == Assignment.Purpose.OPENING:
            arrival, departure = 6 * 60 + 30 + rng.randint(0, 20), 7 * 60 + 15 + rng.randint(0, 30)
        elif row["purpose"] == Assignment.Purpose.COUNTING:
            arrival, departure = 19 * 60 + 35 + rng.randint(0, 20), 22 * 60 + rng.randint(0, 115)
        elif rng.random() < 0.1:  # the team did not make it to every planned station
            continue
        else:
            arrival = 8 * 60 + int(voting.index(row["polling_station_id"]) * slot) + rng.randint(0, 10)
            departure = arrival + rng.randint(20, 45)
        visits.append(
            Visit(
                kind=row["purpose"],
                team_id=row["team_id"],
                observer_id=rng.choice(observers),
                day=day,
                arrival=arrival,
                departure=departure,
                station_id=row["polling_station_id"],
                voters=row["polling_station__registered_voters"],
                region=row["polling_station__region__code"],
                place=f"{row['polling_station__code']}, {row['polling_station__address']}",
                district=row["polling_station__district__name"] or "",
            )
        )
    if visits and visits[-1].kind == Assignment.Purpose.COUNTING and rng.random() < 0.25:
        arrival = rng.randint(20, 90)  # the district commission, after midnight
        last = visits[-1]
        visits.append(
            Visit(
                kind=Checklist.Kind.TABULATION,
                team_id=last.team_id,
                observer_id=last.observer_id,
                day=day + dt.timedelta(days=1),
                arrival=arrival,
                departure=arrival + rng.randint(90, 240),
                region=last.region,
                district=last.district or "District election commission",
            )
        )
    if visits and rng.random() < 0.1:
        seen = rng.choice(visits[:-1] if len(visits) > 1 else visits)
        visits.append(
            Visit(
                kind=Checklist.Kind.INCIDENT,
                team_id=seen.team_id,
                observer_id=seen.observer_id,
                day=seen.day,
                arrival=seen.arrival + rng.randint(0, 15),
                station_id=seen.station_id,
                region=seen.region,
                place=seen.place or seen.district,
            )
        )
    return visits


def _lto_reports(
    election_day: dt.date, team_id: int, observers: list[int], region: str, base_city: str, rng: random.Random
) -> list[Visit]:
    """Weekly reports on the six Sundays before election day, and now and then an incident."""
    visits = [
        Visit(
            kind=Checklist.Kind.LTO_WEEKLY,
            team_id=team_id,
            observer_id=rng.choice(observers),
            day=election_day - dt.timedelta(weeks=weeks),
            arrival=18 * 60 + rng.randint(0, 180),
            region=region,
            place=base_city,
        )
        for weeks in (6, 5, 4, 3, 2, 1)
    ]
    if rng.random() < 0.35:
        visits.append(
            Visit(
                kind=Checklist.Kind.INCIDENT,
                team_id=team_id,
                observer_id=rng.choice(observers),
                day=election_day - dt.timedelta(days=rng.randint(1, 34)),
                arrival=rng.randint(9 * 60, 20 * 60),
                region=region,
                place=base_city,
            )
        )
    return visits


# --- answers ---


def answers_make(questions: list[dict], visit: Visit, rng: random.Random) -> dict:
    """Plausible answers to `questions` for `visit`: problems are rarer at ordinary stations than troubled ones."""
    region_trouble = REGION_TROUBLE.get(visit.region, 1.0)
    troubled = rng.random() < TROUBLED_SHARE * region_trouble * KIND_TROUBLE.get(visit.kind, 1.0)
    filling = _Filling(visit, rng, rate=region_trouble**0.5 * (TROUBLED_FACTOR if troubled else 1), troubled=troubled)
    answers = {}
    for question in questions:
        if is_relevant(question, answers):
            value = _ANSWERERS[question["type"]](question, answers, filling)
            if value is not None:
                answers[question["code"]] = value
    return answers


def _yes_no(question, answers, filling: _Filling) -> str:
    code, rng = question["code"], filling.rng
    if code in PROBLEMS:
        bad, rate, weight = PROBLEMS[code]
        if rng.random() < min(0.9, rate * filling.rate):
            filling.problems.append(code)
            filling.score += weight
            return bad
        return "no" if bad == "yes" else "yes"
    return "yes" if rng.random() < YES_RATES.get(code, 1.0) else "no"


def _single(question, answers, filling: _Filling) -> str:
    values, rng = choice_values(question), filling.rng
    if question["code"] in (ASSESSMENT_CODE, "administration_assessment"):
        return _assessment(values, filling)
    weights = CHOICE_WEIGHTS.get(question["code"], {})
    return rng.choices(values, weights=[weights.get(v, 0.5) for v in values])[0]


def _assessment(values: tuple, filling: _Filling) -> str:
    """Negative more often the more (and the more serious) problems were reported."""
    score, rng = filling.score + filling.troubled, filling.rng
    if rng.random() < min(0.95, 0.01 + 0.03 * score + 0.04 * score * score):
        return "very_bad" if rng.random() < min(0.7, 0.15 + 0.1 * score) else "bad"
    return "very_good" if rng.random() < (0.4 if score == 0 else 0.1) else "good"


def _multiple(question, answers, filling: _Filling) -> list[str]:
    values, rng = choice_values(question), filling.rng
    rates = MULTIPLE_RATES.get(question["code"], {})
    return [v for v in values if rng.random() < rates.get(v, 0.0)] or [rng.choice(values)]


def _integer(question, answers, filling: _Filling) -> int:
    rng, visit = filling.rng, filling.visit
    voters = answers.get("voters_on_list") or visit.voters or rng.randint(500, 2500)
    by_code = {
        "voters_on_list": lambda: voters,
        "voted_by_visit": lambda: int(voters * rng.uniform(0.45, 0.8) * max(0, min(1, (visit.arrival - 420) / 780))),
        "ballots_received": lambda: voters + rng.randint(0, max(1, voters // 100)),
        "ballots_cast": lambda: int(answers.get("ballots_received", voters) * rng.uniform(0.45, 0.8)),
        "complaints_count": lambda: rng.randint(1, 4),
    }
    value = by_code.get(question["code"], lambda: rng.randint(0, 5))()
    return max(question.get("min", 0), min(question.get("max", value), value))


def _time(question, answers, filling: _Filling) -> str:
    visit = filling.visit
    minutes = {
        "departure_time": visit.departure if visit.departure is not None else visit.arrival,
        "opening_time": 7 * 60 + filling.rng.randint(10, 50),
    }.get(question["code"], visit.arrival)
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _text(question, answers, filling: _Filling) -> str | None:
    rng, visit = filling.rng, filling.visit
    by_code = {
        "notes": lambda: (
            " ".join(texts.REMARKS[c] for c in filling.problems[:2] if c in texts.REMARKS)
            if rng.random() < 0.7
            else None
        ),
        "description": lambda: texts.INCIDENTS.get(answers.get("category"), texts.INCIDENTS["other"]),
        "place": lambda: visit.place,
        "who": lambda: rng.choice(texts.WHO) if rng.random() < 0.6 else None,
        "district_commission": lambda: visit.district,
        "summary": lambda: rng.choice(texts.WEEKLY_SUMMARIES),
        "complaints_summary": lambda: rng.choice(texts.COMPLAINTS),
        "problems_expected": lambda: rng.choice(texts.EXPECTED_PROBLEMS) if rng.random() < 0.6 else None,
    }
    value = by_code.get(question["code"], lambda: None)()
    return value or ("Nothing further to report." if question.get("required") else None)


_ANSWERERS = {
    "yes_no": _yes_no,
    "single": _single,
    "multiple": _multiple,
    "integer": _integer,
    "time": _time,
    "text": _text,
    "votes": lambda question, answers, filling: None,  # the protocol's votes: observers/demo/results.py
}
