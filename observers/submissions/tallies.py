"""The tallies of the answers (AnswerTally), kept as forms arrive and corrected as they change.

- submissions_tally: the outbox worker's part, in the transaction of the forms' job: marks the forms tallied
  (UPDATE ... WHERE NOT tallied, so a form is added once however often its job runs) and adds the answers of
  those that count, in one upsert (INSERT ... ON CONFLICT DO UPDATE SET count = count + excluded.count; on
  PostgreSQL one prepared statement of arrays for the whole message) whose rows go in key order, so two workers
  adding to the same rows wait for each other instead of deadlocking. The upsert is the cost (~40 rows a form);
  the mark is not HOT (the partial index `submission_untallied` reads the flag) but cost 0.05-0.09 ms of
  PostgreSQL's CPU a form, against 0.5 for the upsert (measured on the bench's database).
- submission_tally_change: the review's part: excluding a tallied form takes its answers out, restoring it puts
  them back (the review holds the form's row lock, which the worker's UPDATE also takes: the two never cross).
- tallies_codes_change: a form version published or corrected changes which questions of its kind are tabulated
  (any version's yes/no and choice questions): answers to a code that became tabulated are counted from the forms
  tallied so far; the rows of one that no longer is are deleted.
- tallies_recount: the rows the forms give, counted afresh in the database (`manage.py tallies_check`), to compare
  with the tallies or to replace them.

Which questions a kind tabulates is read under a FOR SHARE lock of its versions: publishing a version (which locks
the latest FOR UPDATE) waits for the workers adding forms, and a worker that waited reads the new version after it.
A form counts once it is tallied and not excluded; forms not tallied yet are counted by the findings from their
answers. settings.TALLIES = False (env TALLIES) leaves every form untallied: the findings then count all of them.
"""

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models.functions import Coalesce

from config.db.prepared import execute_prepared, placeholders
from mission.models import Mission, PollingStation
from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES, NEGATIVE_ASSESSMENTS
from observers.models import AnswerTally, Checklist, Submission

TABULATED_TYPES = ("yes_no", "single", "multiple")
FORMS = ("", "")  # the (code, value) of the forms' own count
# Figures beyond the answers, under codes no question can have (a question's code is an identifier):
STATION = "#station"  # value: a station's id; count: forms there (the stations observed)
ASSESSED = "#assessed"  # value: "<station id>:+" or ":-"; count: forms assessing it positively or negatively
TURNOUT, VOTERS, VOTED = "#turnout", "#voters", "#voted"  # value: the visit's hour (mission time); voting forms
# answering both turnout questions: count: those forms, the voters on the list, the voters who had voted (sums)
OPENED_AT = "#opening_time"  # value: the time a late station opened (HH:MM); count: opening forms giving it
VOTERS_CODE, VOTED_CODE, OPENING_TIME_CODE = "voters_on_list", "voted_by_visit", "opening_time"
EXCLUDED = Submission.ReviewStatus.EXCLUDED.value
TALLY = AnswerTally._meta.db_table
KEY = ("checklist_id", "team_id", "region_id", "district_id", "code", "value")
Key = tuple[int, int, int, int, int, str, str]  # mission, then KEY


def tallies_enabled() -> bool:
    return getattr(settings, "TALLIES", True)


def tabulated_codes(checklists: Iterable[Checklist]) -> dict[str, set[str]]:
    """{kind: codes tabulated}: the yes/no and choice questions of any of the kind's versions."""
    codes: dict[str, set[str]] = defaultdict(set)
    for checklist in checklists:
        codes[checklist.kind].update(q["code"] for q in checklist.questions if q.get("type") in TABULATED_TYPES)
    return codes


def answer_values(answer) -> list[str]:
    """An answer's values as the tallies (and the findings' SQL, jsonb_array_elements_text) write them: [] when
    unanswered, one per choice of a multiple choice."""
    if answer in (None, "", []):
        return []
    return [_text(value) for value in (answer if isinstance(answer, list) else [answer])]


def _text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


@dataclass(frozen=True)
class Version:
    """What the tallies need of a form's checklist version: its kind, the codes its kind tabulates, the mission's
    time zone (for the hour of a visit)."""

    kind: str
    codes: frozenset[str]
    zone: str


def form_tally(*, answers: dict, version: Version, station_id: int | None, observed_at: datetime) -> Counter:
    """What one counted form adds: {(code, value): count}, value "" for "answered"; then the figures beyond the
    answers (STATION, ASSESSED, TURNOUT... above)."""
    added = Counter({FORMS: 1})
    for code in version.codes:
        values = answer_values(answers.get(code))
        if values:
            added[(code, "")] += 1
            for value in values:
                added[(code, value)] += 1
    assessment = answers.get(ASSESSMENT_CODE)
    if station_id is not None:
        added[(STATION, str(station_id))] += 1
        if isinstance(assessment, str) and assessment in ASSESSMENT_VALUES:
            added[(ASSESSED, f"{station_id}:{'-' if assessment in NEGATIVE_ASSESSMENTS else '+'}")] += 1
    if version.kind == "voting" and answer_values(answers.get(VOTERS_CODE)) and answer_values(answers.get(VOTED_CODE)):
        hour = str(observed_at.astimezone(ZoneInfo(version.zone)).hour)
        added[(TURNOUT, hour)] += 1
        added[(VOTERS, hour)] += int(answers[VOTERS_CODE])
        added[(VOTED, hour)] += int(answers[VOTED_CODE])
    if version.kind == "opening" and answer_values(answers.get(OPENING_TIME_CODE)):
        added[(OPENED_AT, str(answers[OPENING_TIME_CODE]))] += 1
    return added


def _versions_locked(*, checklist_ids: Iterable[int] = (), submission_ids: Iterable[int] = ()) -> dict[int, Version]:
    """{checklist id: Version} of these versions, or of those of these forms not tallied yet, with every version of
    their kinds locked FOR SHARE. One statement when this process has read the same versions before: a version's
    questions are read again only when its row changed (its xmin, on PostgreSQL)."""
    table, submissions = Checklist._meta.db_table, Submission._meta.db_table
    checklist_ids, submission_ids = sorted(checklist_ids), sorted(submission_ids)
    if checklist_ids:
        of = f"SELECT mission_id, kind FROM {table} WHERE id IN ({placeholders(len(checklist_ids))})"
    elif submission_ids:
        of = (
            f"SELECT v.mission_id, v.kind FROM {table} v JOIN {submissions} s ON s.checklist_id = v.id"
            f" WHERE s.id IN ({placeholders(len(submission_ids))}) AND NOT s.tallied"
        )
    else:
        return {}
    postgresql = connection.vendor == "postgresql"
    row_version, lock = ("c.xmin::text", " ORDER BY c.id FOR SHARE OF c") if postgresql else ("''", "")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.id, {row_version} FROM {table} c WHERE (c.mission_id, c.kind) IN ({of}){lock}",
            checklist_ids or submission_ids,
        )
        rows = tuple(cursor.fetchall())
    if not rows:
        return {}
    cached = _VERSIONS.get(rows) if postgresql else None
    if cached is None:
        # Read after the lock, in a statement of its own: a version published while we waited is seen.
        cached = versions_of(_with_zone(Checklist.objects.filter(pk__in=[pk for pk, _ in rows])))
        if len(_VERSIONS) >= 256:
            _VERSIONS.clear()
        _VERSIONS[rows] = cached
    return cached


# The versions of a kind as this process read them, by their (id, xmin) rows: a changed row has another xmin.
_VERSIONS: dict[tuple, dict[int, Version]] = {}


def _with_zone(checklists) -> list[Checklist]:
    return list(checklists.select_related("mission").only("mission__time_zone", "kind", "questions"))


def versions_of(checklists: list[Checklist]) -> dict[int, Version]:
    """{checklist id: Version} of checklists read with their mission's time zone."""
    by_kind: dict[tuple[int, str], list[Checklist]] = defaultdict(list)
    for checklist in checklists:
        by_kind[(checklist.mission_id, checklist.kind)].append(checklist)
    codes = {key: frozenset(tabulated_codes(versions)[key[1]]) for key, versions in by_kind.items()}
    return {
        c.pk: Version(kind=c.kind, codes=codes[(c.mission_id, c.kind)], zone=c.mission.time_zone) for c in checklists
    }


def submissions_tally(*, submission_ids: list[int]) -> int:
    """Add the forms not tallied yet among `submission_ids` (the worker's job); returns how many were added.

    Locks in the order every writer of the tallies takes them: the form versions (FOR SHARE), the forms, the rows."""
    if not tallies_enabled() or not submission_ids:
        return 0
    locked = _versions_locked(submission_ids=set(submission_ids))
    if not locked:
        return 0  # none left to tally
    marked = _marked(submission_ids)
    counted = [form[:-1] for form in marked if form[-1] != EXCLUDED]
    _add(_rows_of(counted, locked), sign=1)
    return len(counted)


_MARK_SQL = (
    f"UPDATE {Submission._meta.db_table} SET tallied = %s WHERE id IN ({{ids}}) AND NOT tallied"
    " RETURNING mission_id, checklist_id, team_id, polling_station_id, answers, observed_at, review_status"
)


def _marked(submission_ids: list[int]) -> list[tuple]:
    """Mark the forms not tallied yet among these as tallied; returns them as (mission, checklist, team, region,
    district, station, answers, observed_at, review status). Their row locks make a review of one of them wait for
    our commit, or us for its."""
    mark = _MARK_SQL.format(ids=placeholders(len(submission_ids)))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # with the stations' areas, in the same statement
            cursor.execute(
                f"WITH m AS ({mark}) SELECT m.mission_id, m.checklist_id, m.team_id, COALESCE(p.region_id, 0),"
                " COALESCE(p.district_id, 0), m.polling_station_id, m.answers, m.observed_at, m.review_status"
                f" FROM m LEFT JOIN {PollingStation._meta.db_table} p ON p.id = m.polling_station_id",
                [True, *submission_ids],
            )
            return cursor.fetchall()
        cursor.execute(mark, [True, *submission_ids])
        marked = cursor.fetchall()
    stations = {row[3] for row in marked if row[3] is not None}
    areas = {
        pk: (region_id, district_id or 0)
        for pk, region_id, district_id in PollingStation.objects.filter(pk__in=stations).values_list(
            "pk", "region_id", "district_id"
        )
    }
    return [
        (mission_id, checklist_id, team_id, *areas.get(station_id, (0, 0)), station_id, answers, observed_at, status)
        for mission_id, checklist_id, team_id, station_id, answers, observed_at, status in marked
    ]


def submission_tally_change(*, submission: Submission, sign: int) -> None:
    """Take a tallied form's answers out of the tallies (sign -1, excluded) or put them back (+1, restored). The
    caller holds the form's row lock and changes its review status in the same transaction."""
    if not submission.tallied:
        return  # not in the tallies: the findings count it from its answers, excluded or not
    station = submission.polling_station
    area = (station.region_id, station.district_id or 0) if station else (0, 0)
    form = (
        submission.mission_id,
        submission.checklist_id,
        submission.team_id,
        *area,
        submission.polling_station_id,
        submission.answers,
        submission.observed_at,
    )
    _add(_rows_of([form], _versions_locked(checklist_ids=[submission.checklist_id])), sign=sign)


def _rows_of(forms: Iterable[tuple], versions: dict[int, Version]) -> Counter:
    """{(mission, checklist, team, region, district, code, value): count} of forms given as (mission, checklist,
    team, region, district, station, answers, observed_at)."""
    rows: Counter = Counter()
    for mission_id, checklist_id, team_id, region_id, district_id, station_id, answers, observed_at in forms:
        if isinstance(answers, str):
            answers = json.loads(answers)  # SQLite hands the JSON back as text
        if isinstance(observed_at, str):
            observed_at = datetime.fromisoformat(observed_at)
        added = form_tally(
            answers=answers, version=versions[checklist_id], station_id=station_id, observed_at=observed_at
        )
        for (code, value), count in added.items():
            rows[(mission_id, checklist_id, team_id, region_id, district_id, code, value)] += count
    return rows


def _add(rows: Counter, *, sign: int) -> None:
    """Upsert rows, adding sign x count to each; in key order (no deadlocks between two workers).

    On PostgreSQL one prepared statement whatever the number of rows: each column one array, written as its text
    ('{1,2,3}'), unnested. A VALUES list of a message's ~2,000 rows (8 placeholders each) cost the database more to
    parse and plan than to write the rows, and the worker more to build: 0.93 ms of PostgreSQL's CPU and 0.80 ms of
    the worker's a form, against 0.55 and 0.46 (measured on the bench's database, 50 forms a message)."""
    if not rows:
        return
    ordered = sorted(rows.items(), key=lambda item: item[0][1:])
    if connection.vendor == "postgresql":
        columns = [*zip(*(key for key, _ in ordered), strict=True), [sign * count for _, count in ordered]]
        arrays = [_array(column, quoted=index in _TEXT_COLUMNS) for index, column in enumerate(columns)]
        with connection.cursor() as cursor:
            execute_prepared(cursor, _UPSERT_SQL, arrays)
        return
    names = ("mission_id", *KEY, "count")
    for start in range(0, len(ordered), 1000):
        chunk = ordered[start : start + 1000]
        values = ", ".join(f"({placeholders(len(names))})" for _ in chunk)
        params = [value for key, count in chunk for value in (*key, sign * count)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TALLY} ({', '.join(names)}) VALUES {values}"
                f" ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET count = {TALLY}.count + excluded.count",
                params,
            )


_UPSERT_SQL = (
    f"INSERT INTO {TALLY} (mission_id, {', '.join(KEY)}, count)"
    " SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::int[], %s::int[], %s::text[], %s::text[],"
    f" %s::bigint[]) ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET count = {TALLY}.count + excluded.count"
)
_TEXT_COLUMNS = (5, 6)  # code, value


def _array(values, *, quoted: bool) -> str:
    """A PostgreSQL array's text: numbers as they are, texts in double quotes (backslash before \\ and ")."""
    if not quoted:
        return "{" + ",".join(map(str, values)) + "}"
    return "{" + ",".join(map(_quoted, values)) + "}"


def _quoted(text: str) -> str:
    if "\\" in text or '"' in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


# --- counting afresh ---

# The rows the tallied, counted forms of some checklist versions give, for some (checklist, code) pairs.
_RECOUNT_SQL = """
    WITH codes(checklist_id, code) AS (SELECT * FROM unnest(%s::bigint[], %s::text[])),
    forms AS (
        SELECT s.mission_id, s.checklist_id, s.team_id, COALESCE(p.region_id, 0) AS region_id,
               COALESCE(p.district_id, 0) AS district_id, s.answers, COUNT(*) AS n
        FROM {submissions} s LEFT JOIN {stations} p ON p.id = s.polling_station_id
        WHERE s.checklist_id = ANY(%s) AND s.tallied AND s.review_status <> %s
        GROUP BY 1, 2, 3, 4, 5, 6
    )
    SELECT f.mission_id, f.checklist_id, f.team_id, f.region_id, f.district_id, '', '', SUM(f.n)
    FROM forms f WHERE %s GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT f.mission_id, f.checklist_id, f.team_id, f.region_id, f.district_id, c.code, COALESCE(v.value, ''),
           SUM(f.n)
    FROM forms f
    JOIN codes c ON c.checklist_id = f.checklist_id
    CROSS JOIN LATERAL (SELECT f.answers -> c.code AS answer) a
    CROSS JOIN LATERAL jsonb_array_elements_text(
        CASE jsonb_typeof(a.answer) WHEN 'array' THEN a.answer ELSE jsonb_build_array(a.answer) END || 'null'::jsonb
    ) AS v(value)
    WHERE a.answer IS NOT NULL AND a.answer NOT IN ('""'::jsonb, '[]'::jsonb, 'null'::jsonb)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
"""


# The figures beyond the answers (STATION ... OPENED_AT) the same forms give, as form_tally counts them.
_EXTRA_SQL = """
    WITH f AS (
        SELECT s.mission_id, s.checklist_id, s.team_id, COALESCE(p.region_id, 0) AS r, COALESCE(p.district_id, 0) AS d,
               s.polling_station_id AS station, s.answers AS a,
               EXTRACT(HOUR FROM s.observed_at AT TIME ZONE m.time_zone)::int AS hour
        FROM {submissions} s JOIN {missions} m ON m.id = s.mission_id
        LEFT JOIN {stations} p ON p.id = s.polling_station_id
        WHERE s.checklist_id = ANY(%(ids)s) AND s.tallied AND s.review_status <> %(excluded)s
    ),
    x AS (
        SELECT mission_id, checklist_id, team_id, r, d, %(station)s AS code, station::text AS value, 1::bigint AS n
        FROM f WHERE station IS NOT NULL
        UNION ALL
        SELECT mission_id, checklist_id, team_id, r, d, %(assessed)s, station::text || ':'
               || CASE WHEN a ->> %(assessment)s = ANY(%(negative)s) THEN '-' ELSE '+' END, 1
        FROM f WHERE station IS NOT NULL AND a -> %(assessment)s = ANY(%(assessments)s::jsonb[])
        UNION ALL
        SELECT mission_id, checklist_id, team_id, r, d, t.code, hour::text,
               CASE t.code WHEN %(turnout)s THEN 1 WHEN %(voters)s THEN (a ->> %(voters_code)s)::bigint
                           ELSE (a ->> %(voted_code)s)::bigint END
        FROM f CROSS JOIN (VALUES (%(turnout)s), (%(voters)s), (%(voted)s)) AS t(code)
        WHERE checklist_id = ANY(%(voting)s)
          AND COALESCE(a -> %(voters_code)s, 'null') NOT IN ('""'::jsonb, '[]'::jsonb, 'null'::jsonb)
          AND COALESCE(a -> %(voted_code)s, 'null') NOT IN ('""'::jsonb, '[]'::jsonb, 'null'::jsonb)
        UNION ALL
        SELECT mission_id, checklist_id, team_id, r, d, %(opened_at)s, a ->> %(opening_code)s, 1
        FROM f WHERE checklist_id = ANY(%(opening)s)
          AND COALESCE(a -> %(opening_code)s, 'null') NOT IN ('""'::jsonb, '[]'::jsonb, 'null'::jsonb)
    )
    SELECT mission_id, checklist_id, team_id, r, d, code, value, SUM(n) FROM x GROUP BY 1, 2, 3, 4, 5, 6, 7
"""


def tallies_recount(*, checklists: list[Checklist], codes: dict[int, set[str]] | None = None) -> Counter:
    """The rows the forms of `checklists` give now, counted from their answers (forms tallied and counted only).
    `codes`: {checklist id: codes} to count only those answers (not the forms, nor the figures beyond the answers);
    everything by default."""
    if not checklists:
        return Counter()
    full = codes is None
    versions = versions_of(_with_zone(Checklist.objects.filter(pk__in=[c.pk for c in checklists])))
    if codes is None:
        codes = {pk: version.codes for pk, version in versions.items()}
    ids = sorted(versions)
    if connection.vendor != "postgresql":
        return _recount_in_python(ids, versions, None if full else codes)
    pairs = [(checklist_id, code) for checklist_id, its in codes.items() for code in sorted(its)]
    tables = {
        "submissions": Submission._meta.db_table,
        "stations": PollingStation._meta.db_table,
        "missions": Mission._meta.db_table,
    }
    with connection.cursor() as cursor:
        if connection.in_atomic_block:  # hash the groups rather than sort a million forms on disk
            cursor.execute("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off")
        cursor.execute(
            _RECOUNT_SQL.format(**tables), [[p[0] for p in pairs], [p[1] for p in pairs], ids, EXCLUDED, full]
        )
        rows = Counter({tuple(row[:7]): int(row[7]) for row in cursor.fetchall()})
        if full:
            of_kind = {kind: [pk for pk, v in versions.items() if v.kind == kind] for kind in ("voting", "opening")}
            cursor.execute(
                _EXTRA_SQL.format(**tables),
                {
                    "ids": ids,
                    "excluded": EXCLUDED,
                    "station": STATION,
                    "assessed": ASSESSED,
                    "assessment": ASSESSMENT_CODE,
                    "negative": list(NEGATIVE_ASSESSMENTS),
                    "assessments": [json.dumps(value) for value in ASSESSMENT_VALUES],
                    "turnout": TURNOUT,
                    "voters": VOTERS,
                    "voted": VOTED,
                    "voters_code": VOTERS_CODE,
                    "voted_code": VOTED_CODE,
                    "voting": of_kind["voting"],
                    "opened_at": OPENED_AT,
                    "opening_code": OPENING_TIME_CODE,
                    "opening": of_kind["opening"],
                },
            )
            rows.update({tuple(row[:7]): int(row[7]) for row in cursor.fetchall()})
    return rows


def _recount_in_python(ids: list[int], versions: dict[int, Version], codes: dict[int, set[str]] | None) -> Counter:
    forms = (
        Submission.objects.filter(checklist_id__in=ids, tallied=True)
        .counted()
        .values_list(
            "mission_id",
            "checklist_id",
            "team_id",
            Coalesce("polling_station__region_id", 0),
            Coalesce("polling_station__district_id", 0),
            "polling_station_id",
            "answers",
            "observed_at",
        )
        .order_by()
    )
    rows = _rows_of(forms.iterator(chunk_size=2000), versions)
    if codes is None:
        return rows
    return Counter({key: count for key, count in rows.items() if key[5] in codes.get(key[1], ())})


def tallies_stored(*, checklists: list[Checklist]) -> Counter:
    """The tallies of `checklists` as stored, rows whose count is 0 left out."""
    rows = AnswerTally.objects.filter(checklist__in=checklists).exclude(count=0)
    return Counter(
        {tuple(row[:7]): row[7] for row in rows.values_list("mission_id", *KEY, "count").order_by().iterator()}
    )


def tallies_replace(*, checklists: list[Checklist]) -> int:
    """Mark every form of `checklists` tallied and replace their tallies by a recount; returns the rows written.
    The caller holds a transaction (the command does)."""
    ids = [checklist.pk for checklist in checklists]
    Submission.objects.filter(checklist_id__in=ids, tallied=False).update(tallied=True)
    AnswerTally.objects.filter(checklist_id__in=ids).delete()
    rows = tallies_recount(checklists=checklists)
    _add(rows, sign=1)
    return len(rows)


def tallies_codes_change(*, mission_id: int, kind: str, before: set[str]) -> None:
    """After a version of `kind` was published or corrected (in the caller's transaction, holding the lock of its
    latest version): count the answers to codes now tabulated that were not, drop the rows of codes no longer."""
    versions = list(Checklist.objects.filter(mission_id=mission_id, kind=kind).only("kind", "questions"))
    after = tabulated_codes(versions)[kind]
    removed, added = before - after, after - before
    if removed:
        AnswerTally.objects.filter(checklist__in=versions, code__in=removed).delete()
    if added:
        _add(tallies_recount(checklists=versions, codes={v.pk: added for v in versions}), sign=1)
