"""Protocol against published, per observed count: each line and each contestant's votes with the difference,
and the flags an analyst looks for (published figures differ beyond the tolerance, protocol not posted or not
given to observers, the protocol's own arithmetic failing, no published figures for the station).

One query (each counting form with its station's latest published figures) and one pass in Python: 20,000
protocols in 0.8 s on the shared bench machine (bench/results.py; 3.4 s before the published figures were joined
and only the compared answers extracted); the line-by-line rows are made only for the pages that show them."""

from collections import defaultdict
from dataclasses import dataclass, field

import orjson
from django.db import connection
from django.db.models import F, FilteredRelation, IntegerField, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from mission.models import Contestant, Mission, ResultsImport
from mission.results.imports import latest_station_import
from mission.results.lines import LINE_CODES, SUMS, VOTES_QUESTIONS
from observers.models import Checklist, Submission

FACTS = ("protocol_copied", "protocol_posted", "protocol_copy_given", "figures_reconciled")
PUBLISHED = (*LINE_CODES, "votes")
OBSERVED = (*FACTS, *LINE_CODES, *VOTES_QUESTIONS)


class Flag:
    DIFFERS = "differs"
    NOT_PUBLISHED = "not_published"
    NOT_POSTED = "not_posted"
    COPY_NOT_GIVEN = "copy_not_given"
    CHECKS_FAILED = "checks_failed"
    PUBLISHED_INCONSISTENT = "published_inconsistent"
    ALL = (DIFFERS, NOT_PUBLISHED, NOT_POSTED, COPY_NOT_GIVEN, CHECKS_FAILED, PUBLISHED_INCONSISTENT)


@dataclass
class Row:
    """One line of the protocol (or one contestant's votes): `code` is the line's or the contestant's."""

    code: str
    observed: int | None
    published: int | None
    is_votes: bool = False

    @property
    def difference(self) -> int | None:
        if self.observed is None or self.published is None:
            return None
        return self.published - self.observed


@dataclass
class Count:
    """One counting form, its protocol (`observed`: the form's answers about it) set against the station's
    published figures (`figures`, None when none were published)."""

    submission_id: int
    station_id: int
    station_code: str
    station_name: str
    region_id: int
    team_code: str
    observed: dict
    figures: dict | None
    flags: list[str] = field(default_factory=list)
    numbers: dict = field(default_factory=dict)  # contestant code -> number on the ballot

    def _ballot_order(self, item: tuple) -> tuple:
        return (self.numbers.get(item[0], 0), item[0])

    @property
    def facts(self) -> dict:
        return {code: self.observed.get(code) for code in FACTS}

    @property
    def copied(self) -> bool:
        return self.observed.get("protocol_copied") == "yes"

    @property
    def published(self) -> bool:
        return self.figures is not None

    @property
    def differs(self) -> bool:
        return Flag.DIFFERS in self.flags

    @property
    def rows(self) -> list[Row]:
        """Line by line, then each contestant's votes (none when the protocol was not copied)."""
        if not self.copied:
            return []
        published = self.figures or {}
        rows = [Row(code, self.observed.get(code), published.get(code)) for code in LINE_CODES]
        published_votes = published.get("votes") or {}
        for question in VOTES_QUESTIONS:
            for code, votes in sorted((self.observed.get(question) or {}).items(), key=self._ballot_order):
                rows.append(Row(code, votes, published_votes.get(code) if self.figures else None, is_votes=True))
        return rows


def _sums_fail(figures: dict, list_votes: int | None = None) -> bool:
    """The protocol's arithmetic fails on these figures (where all the lines of a sum are there). `list_votes`: the
    votes of the lists, for published figures (whose votes hold every contestant's). Written out plainly: it runs
    twice for each of tens of thousands of forms."""
    for total, parts in SUMS:
        whole = figures.get(total)
        if whole is None:
            continue
        added = 0
        for code in parts:
            value = list_votes if code == "votes_lists" and list_votes is not None else figures.get(code)
            if value is None:
                break
            added += sum(value.values()) if isinstance(value, dict) else value
        else:
            if added != whole:
                return True
    return False


def _differs(observed: dict, figures: dict, tolerance: int) -> bool:
    for code in LINE_CODES:
        copied, published = observed[code], figures[code]
        if copied is not None and published is not None and abs(copied - published) > tolerance:
            return True
    published_votes = figures["votes"] or {}
    for question in VOTES_QUESTIONS:
        copied_votes = observed[question]
        if not copied_votes or copied_votes.items() <= published_votes.items():  # the usual case: all alike
            continue
        for code, votes in copied_votes.items():
            published = published_votes.get(code)
            if published is not None and abs(votes - published) > tolerance:
                return True
    return False


def latest_import(mission: Mission) -> ResultsImport | None:
    """The latest import with station rows: the stations' published figures (a file of totals only leaves them)."""
    return latest_station_import(mission)


def _forms(mission: Mission, submission_id: int | None):
    forms = Submission.objects.filter(
        mission=mission, checklist__kind=Checklist.Kind.COUNTING, polling_station__isnull=False
    )
    # One form is shown whatever its review; figures count only the forms that count.
    return forms.filter(pk=submission_id) if submission_id else forms.counted()


def counts_compared(*, mission: Mission, tolerance: int = 0, submission_id: int | None = None) -> list[Count]:
    """Every counted counting form of the mission (or the one form asked for), protocol against the latest
    published figures. Three queries."""
    results_import = latest_import(mission)
    numbers, lists = {}, set()
    for code, kind, number in Contestant.objects.filter(mission=mission).values_list("code", "kind", "number"):
        numbers[code] = number
        if kind == Contestant.Kind.LIST:
            lists.add(code)
    # The station's published figures joined to each form (LEFT JOIN on the latest import), and of the form's
    # answers only what is compared, extracted in the database (whole answers made the rows too wide to sort in
    # memory): one query.
    forms = _forms(mission, submission_id).annotate(
        published=FilteredRelation(
            "polling_station__results", condition=Q(polling_station__results__results_import=results_import)
        ),
        **{f"answer_{code}": KT(f"answers__{code}") for code in FACTS},
        **{f"answer_{code}": Cast(KT(f"answers__{code}"), IntegerField()) for code in LINE_CODES},
        **{f"answer_{code}": F(f"answers__{code}") for code in VOTES_QUESTIONS},
    )
    rows = _fetched(
        forms.order_by("polling_station__code", "pk").values_list(
            "polling_station__code",
            "pk",
            "polling_station_id",
            "polling_station__name",
            "polling_station__region_id",
            "team__code",
            *(f"answer_{code}" for code in OBSERVED),
            "published__id",
            *(f"published__{code}" for code in PUBLISHED),
        )
    )
    counts = []
    for code, pk, station_id, name, region_id, team_code, *values in rows:
        observed = dict(zip(OBSERVED, values[: len(OBSERVED)], strict=True))
        for question in VOTES_QUESTIONS:
            observed[question] = _json(observed[question])
        published_id, *published = values[len(OBSERVED) :]
        figures = None
        if published_id is not None:
            figures = dict(zip(PUBLISHED, published, strict=True))
            figures["votes"] = _json(figures["votes"])
        count = Count(pk, station_id, code, name, region_id, team_code, observed, figures, numbers=numbers)
        count.flags = _flags(count, tolerance, lists)
        counts.append(count)
    return counts


def _fetched(queryset) -> list[tuple]:
    """The queryset's rows as the database sends them, JSON still text: Django's per-value converters took half
    the time of the whole comparison (0.5 of 1.0 s over 20,000 forms, bench/results.py)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _json(value):
    """orjson: decoding the votes was a fifth of the comparison with the standard library's json, a twentieth
    with orjson (0.20 s and 0.05 s over 20,000 forms)."""
    return orjson.loads(value) if isinstance(value, str) else value


def _flags(count: Count, tolerance: int, lists: set[str]) -> list[str]:
    flags = []
    observed, figures = count.observed, count.figures
    if count.copied and figures is not None and _differs(observed, figures, tolerance):
        flags.append(Flag.DIFFERS)
    if figures is None:
        flags.append(Flag.NOT_PUBLISHED)
    if observed.get("protocol_posted") == "no":
        flags.append(Flag.NOT_POSTED)
    if observed.get("protocol_copy_given") == "no":
        flags.append(Flag.COPY_NOT_GIVEN)
    if observed.get("figures_reconciled") == "no" or (count.copied and _sums_fail(observed)):
        flags.append(Flag.CHECKS_FAILED)
    if figures is not None:
        votes = figures.get("votes") or {}
        list_votes = sum(n for code, n in votes.items() if code in lists) if lists & votes.keys() else None
        if _sums_fail(figures, list_votes):
            flags.append(Flag.PUBLISHED_INCONSISTENT)
    return flags


@dataclass
class Headline:
    """At `differing` of `compared` stations where observers copied the protocol, the published results differed."""

    compared: int
    differing: int
    copied: int  # stations where observers copied the protocol, published or not
    observed: int  # stations whose count was observed
    by_region: dict[int, tuple[int, int]]  # region id -> (differing, compared)


def headline_of(counts: list[Count]) -> Headline:
    """By station: two teams at one count are one station, differing if either form differs."""
    copied, compared, differing, regions = set(), set(), set(), {}
    for count in counts:
        regions[count.station_id] = count.region_id
        if not count.copied:
            continue
        copied.add(count.station_id)
        if count.published:
            compared.add(count.station_id)
        if count.differs:
            differing.add(count.station_id)
    by_region: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for station_id in compared:
        by_region[regions[station_id]][1] += 1
        by_region[regions[station_id]][0] += station_id in differing
    return Headline(
        compared=len(compared),
        differing=len(differing),
        copied=len(copied),
        observed=len(regions),
        by_region={region: tuple(pair) for region, pair in by_region.items()},
    )
