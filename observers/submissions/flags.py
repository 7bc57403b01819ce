"""Disagreements between teams: two teams' forms of one kind at one station that contradict each other.

Run for each stored submission by the outbox job `submission_check` (observers/outbox/services.py), after the commit, so
of two forms stored at once the later check sees the earlier one: every pair is compared at least once, and
the unique constraint on the pair and question keeps a disagreement found twice to one flag. A worker checks
the forms of a message together.
"""

from collections import defaultdict

from config.db.prepared import placeholders
from observers.checklists.definitions import ASSESSMENT_CODE, ASSESSMENT_VALUES, NEGATIVE_ASSESSMENTS
from observers.models import Checklist, Submission, SubmissionFlag

POLARITY = {value: "negative" if value in NEGATIVE_ASSESSMENTS else "positive" for value in ASSESSMENT_VALUES}


def _disagree(code: str, one, other) -> bool:
    if code == ASSESSMENT_CODE:
        return {POLARITY.get(one), POLARITY.get(other)} == {"positive", "negative"}
    return {one, other} == {"yes", "no"}  # "na" disagrees with nothing


def submissions_disagreements_flag(*, submission_ids: list[int]) -> int:
    """Record a flag for each question on which another team's form of the same kind at the same station
    disagrees with one of these submissions: the overall assessment (positive against negative), or a question one
    answered yes and the other no. Returns how many disagreements were found (a flag recorded before stays)."""
    if not submission_ids:
        return 0
    # Every form of the kinds at the stations of these submissions, them included: one hand-written query for a
    # whole message of checks, as the ORM took longer to build it than PostgreSQL to answer it. PostgreSQL finds
    # the forms by the (station, checklist) index.
    submissions, checklists = Submission._meta.db_table, Checklist._meta.db_table
    forms = list(
        Submission.objects.raw(
            f"SELECT form.id, form.mission_id, form.team_id, form.polling_station_id, form.answers, kind.kind"
            f" FROM (SELECT DISTINCT s.polling_station_id, c.kind FROM {submissions} s"
            f" JOIN {checklists} c ON c.id = s.checklist_id WHERE s.id IN ({placeholders(len(submission_ids))}))"
            f" checked JOIN {submissions} form ON form.polling_station_id = checked.polling_station_id"
            f" JOIN {checklists} kind ON kind.id = form.checklist_id AND kind.kind = checked.kind",
            list(submission_ids),
        )
    )
    at_station: dict[tuple, list] = defaultdict(list)
    for form in forms:
        at_station[form.polling_station_id, form.kind].append(form)
    checked = set(submission_ids)
    flags = {
        (first.pk, second.pk, code): SubmissionFlag(
            mission_id=first.mission_id,
            polling_station_id=first.polling_station_id,
            kind=first.kind,
            question=code,
            first=first,
            second=second,
            first_answer=first.answers[code],
            second_answer=second.answers[code],
        )
        for submission in forms
        if submission.pk in checked  # forms without a station, or deleted since: none
        for other in at_station[submission.polling_station_id, submission.kind]
        if other.team_id != submission.team_id
        for first, second in [sorted((submission, other), key=lambda form: form.pk)]
        for code in submission.answers.keys() & other.answers.keys()
        if _disagree(code, submission.answers[code], other.answers[code])
    }
    SubmissionFlag.objects.bulk_create(flags.values(), ignore_conflicts=True)
    return len(flags)
