"""The tallies of the answers (AnswerTally), kept as forms arrive and corrected as they change.

- submissions_tally: the outbox worker's part, in the transaction of the forms' job: marks the forms tallied
  (UPDATE ... WHERE NOT tallied, so a form is added once however often its job runs) and adds the answers of
  those that count, in one upsert (INSERT ... ON CONFLICT DO UPDATE SET count = count + excluded.count) whose rows
  go in key order, so two workers adding to the same rows wait for each other instead of deadlocking.
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

from django.conf import settings
from django.db import connection

from config.db.prepared import placeholders
from mission.models import PollingStation
from observers.models import AnswerTally, Checklist, Submission

TABULATED_TYPES = ("yes_no", "single", "multiple")
FORMS = ("", "")  # the (code, value) of the forms' own count
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


def form_tally(*, answers: dict, codes: Iterable[str]) -> Counter:
    """What one counted form adds: {(code, value): count}, value "" for "answered"."""
    added = Counter({FORMS: 1})
    for code in codes:
        values = answer_values(answers.get(code))
        if values:
            added[(code, "")] += 1
            for value in values:
                added[(code, value)] += 1
    return added


def _codes_locked(checklist_ids: set[int]) -> dict[int, set[str]]:
    """{checklist id: codes its kind tabulates} for these versions, every version of their kinds locked FOR SHARE."""
    if not checklist_ids:
        return {}
    table = Checklist._meta.db_table
    lock = "" if connection.vendor == "sqlite" else " ORDER BY id FOR SHARE"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE (mission_id, kind) IN"
            f" (SELECT mission_id, kind FROM {table} WHERE id IN ({placeholders(len(checklist_ids))})){lock}",
            sorted(checklist_ids),
        )
        ids = [row[0] for row in cursor.fetchall()]
    # Read after the lock, in a statement of its own: a version published while we waited is seen.
    checklists = list(Checklist.objects.filter(pk__in=ids).only("mission_id", "kind", "questions"))
    by_kind: dict[tuple[int, str], list[Checklist]] = defaultdict(list)
    for checklist in checklists:
        by_kind[(checklist.mission_id, checklist.kind)].append(checklist)
    codes = {key: tabulated_codes(versions)[key[1]] for key, versions in by_kind.items()}
    return {checklist.pk: codes[(checklist.mission_id, checklist.kind)] for checklist in checklists}


def submissions_tally(*, submission_ids: list[int]) -> int:
    """Add the forms not tallied yet among `submission_ids` (the worker's job); returns how many were added.

    Locks in the order every writer of the tallies takes them: the form versions (FOR SHARE), the forms, the rows."""
    if not tallies_enabled() or not submission_ids:
        return 0
    versions = Submission.objects.filter(pk__in=submission_ids, tallied=False).values_list("checklist_id", flat=True)
    codes = _codes_locked(set(versions.distinct().order_by()))
    if not codes:
        return 0
    with connection.cursor() as cursor:
        # Marked as they are read: a review of the same form waits for our commit, or we for its.
        cursor.execute(
            f"UPDATE {Submission._meta.db_table} SET tallied = %s"
            f" WHERE id IN ({placeholders(len(submission_ids))}) AND NOT tallied"
            " RETURNING mission_id, checklist_id, team_id, polling_station_id, review_status, answers",
            [True, *submission_ids],
        )
        marked = cursor.fetchall()
    station_ids = {row[3] for row in marked if row[3] is not None and row[4] != EXCLUDED}
    areas = {
        pk: (region_id, district_id or 0)
        for pk, region_id, district_id in PollingStation.objects.filter(pk__in=station_ids).values_list(
            "pk", "region_id", "district_id"
        )
    }
    forms = [
        (mission_id, checklist_id, team_id, *areas.get(station_id, (0, 0)), status, answers)
        for mission_id, checklist_id, team_id, station_id, status, answers in marked
    ]
    counted = [form for form in forms if form[5] != EXCLUDED]
    _add(_rows_of(counted, codes), sign=1)
    return len(counted)


def submission_tally_change(*, submission: Submission, sign: int) -> None:
    """Take a tallied form's answers out of the tallies (sign -1, excluded) or put them back (+1, restored). The
    caller holds the form's row lock and changes its review status in the same transaction."""
    if not submission.tallied:
        return  # not in the tallies: the findings count it from its answers, excluded or not
    station = submission.polling_station
    area = (station.region_id, station.district_id or 0) if station else (0, 0)
    form = (submission.mission_id, submission.checklist_id, submission.team_id, *area, "", submission.answers)
    _add(_rows_of([form], _codes_locked({submission.checklist_id})), sign=sign)


def _rows_of(forms: list[tuple], codes: dict[int, set[str]]) -> Counter:
    """{(mission, checklist, team, region, district, code, value): count} of forms given as (mission, checklist,
    team, region, district, review status, answers), counting the `codes` of their versions."""
    rows: Counter = Counter()
    for mission_id, checklist_id, team_id, region_id, district_id, _, answers in forms:
        if isinstance(answers, str):
            answers = json.loads(answers)  # SQLite hands the JSON back as text
        for (code, value), count in form_tally(answers=answers, codes=codes.get(checklist_id, ())).items():
            rows[(mission_id, checklist_id, team_id, region_id, district_id, code, value)] += count
    return rows


def _add(rows: Counter, *, sign: int) -> None:
    """Upsert rows, adding sign x count to each; in key order (no deadlocks between two workers)."""
    if not rows:
        return
    ordered = sorted(rows.items(), key=lambda item: item[0][1:])
    columns = ("mission_id", *KEY, "count")
    for start in range(0, len(ordered), 1000):
        chunk = ordered[start : start + 1000]
        values = ", ".join(f"({placeholders(len(columns))})" for _ in chunk)
        params = [value for key, count in chunk for value in (*key, sign * count)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TALLY} ({', '.join(columns)}) VALUES {values}"
                f" ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET count = {TALLY}.count + excluded.count",
                params,
            )


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


def tallies_recount(*, checklists: list[Checklist], codes: dict[int, set[str]] | None = None) -> Counter:
    """The rows the forms of `checklists` give now, counted from their answers (forms tallied and counted only).
    `codes`: {checklist id: codes} to count only those (and not the forms themselves); all tabulated by default."""
    if not checklists:
        return Counter()
    with_forms = codes is None
    if codes is None:
        by_kind = tabulated_codes(checklists)
        codes = {checklist.pk: by_kind[checklist.kind] for checklist in checklists}
    ids = [checklist.pk for checklist in checklists]
    if connection.vendor != "postgresql":
        return _recount_in_python(ids, codes, with_forms)
    pairs = [(checklist_id, code) for checklist_id, its in codes.items() for code in sorted(its)]
    sql = _RECOUNT_SQL.format(submissions=Submission._meta.db_table, stations=PollingStation._meta.db_table)
    with connection.cursor() as cursor:
        if connection.in_atomic_block:  # hash the groups rather than sort a million forms on disk
            cursor.execute("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off")
        cursor.execute(sql, [[p[0] for p in pairs], [p[1] for p in pairs], ids, EXCLUDED, with_forms])
        return Counter({tuple(row[:7]): int(row[7]) for row in cursor.fetchall()})


def _recount_in_python(ids: list[int], codes: dict[int, set[str]], with_forms: bool) -> Counter:
    rows: Counter = Counter()
    forms = (
        Submission.objects.filter(checklist_id__in=ids, tallied=True)
        .counted()
        .values_list(
            "mission_id",
            "checklist_id",
            "team_id",
            "polling_station__region_id",
            "polling_station__district_id",
            "answers",
        )
        .order_by()
    )
    for mission_id, checklist_id, team_id, region_id, district_id, answers in forms.iterator(chunk_size=2000):
        for (code, value), count in form_tally(answers=answers, codes=codes.get(checklist_id, ())).items():
            if (code, value) != FORMS or with_forms:
                rows[(mission_id, checklist_id, team_id, region_id or 0, district_id or 0, code, value)] += count
    return rows


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
