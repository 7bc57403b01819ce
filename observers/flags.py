"""Disagreements between teams: two teams' forms of one kind at one station that contradict each other.

Run for each stored submission by the outbox job `submission_check` (observers/outbox.py), after the commit, so
of two forms stored at once the later check sees the earlier one: every pair is compared at least once, and
the unique constraint on the pair and question keeps a disagreement found twice to one flag.
"""
from .checklists import ASSESSMENT_CODE, ASSESSMENT_VALUES, NEGATIVE_ASSESSMENTS
from .models import Checklist, Submission, SubmissionFlag

POLARITY = {value: "negative" if value in NEGATIVE_ASSESSMENTS else "positive" for value in ASSESSMENT_VALUES}


def _disagree(code: str, one, other) -> bool:
    if code == ASSESSMENT_CODE:
        return {POLARITY.get(one), POLARITY.get(other)} == {"positive", "negative"}
    return {one, other} == {"yes", "no"}  # "na" disagrees with nothing


def submission_disagreements_flag(*, submission_id: int) -> int:
    """Record a flag for each question on which another team's form of the same kind at the same station
    disagrees with this submission: the overall assessment (positive against negative), or a question one
    answered yes and the other no. Returns how many disagreements were found (a flag recorded before stays)."""
    # Every form of this kind at this station, this one included: one hand-written query, as the ORM took longer
    # to build it than PostgreSQL to answer it (the check runs for every form a phone sends). The station and the
    # kind as scalar subqueries, so that PostgreSQL looks the forms up by the station's index.
    submissions, checklists = Submission._meta.db_table, Checklist._meta.db_table
    forms = list(Submission.objects.raw(
        f"SELECT form.id, form.mission_id, form.team_id, form.polling_station_id, form.answers, kind.kind"
        f" FROM {submissions} form JOIN {checklists} kind ON kind.id = form.checklist_id"
        f" WHERE form.polling_station_id = (SELECT polling_station_id FROM {submissions} WHERE id = %s)"
        f" AND kind.kind = (SELECT c.kind FROM {submissions} s JOIN {checklists} c ON c.id = s.checklist_id"
        " WHERE s.id = %s) ORDER BY form.id",
        [submission_id, submission_id],
    ))
    submission = next((form for form in forms if form.pk == submission_id), None)
    if submission is None:  # no station, or deleted since
        return 0
    flags = [
        SubmissionFlag(
            mission_id=submission.mission_id, polling_station_id=submission.polling_station_id,
            kind=submission.kind, question=code, first=first, second=second,
            first_answer=first.answers[code], second_answer=second.answers[code],
        )
        for other in forms
        if other.team_id != submission.team_id
        for first, second in [sorted((submission, other), key=lambda form: form.pk)]
        for code in submission.answers.keys() & other.answers.keys()
        if _disagree(code, submission.answers[code], other.answers[code])
    ]
    SubmissionFlag.objects.bulk_create(flags, ignore_conflicts=True)
    return len(flags)
