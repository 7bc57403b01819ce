"""The lines of a precinct results protocol, as observers copy them on the counting form and as the commission
publishes them. The codes are the counting form's question codes and the fields of `StationResult`; the labels
are what a report prints."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    code: str
    labels: dict

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]


LINES = (
    Line(
        "voters_on_list",
        {"en": "Voters on the list", "ru": "Избирателей в списке", "kk": "Тізімдегі сайлаушылар"},
    ),
    Line("ballots_received", {"en": "Ballots received", "ru": "Получено бюллетеней", "kk": "Алынған бюллетеньдер"}),
    Line("ballots_issued", {"en": "Ballots issued", "ru": "Выдано бюллетеней", "kk": "Берілген бюллетеньдер"}),
    Line(
        "ballots_spoiled",
        {"en": "Ballots spoiled", "ru": "Испорчено бюллетеней", "kk": "Бүлінген бюллетеньдер"},
    ),
    Line(
        "ballots_unused",
        {"en": "Ballots unused", "ru": "Неиспользованных бюллетеней", "kk": "Пайдаланылмаған бюллетеньдер"},
    ),
    Line(
        "ballots_cast",
        {"en": "Ballots in the box", "ru": "Бюллетеней в урнах", "kk": "Жәшіктердегі бюллетеньдер"},
    ),
    Line("valid_ballots", {"en": "Valid ballots", "ru": "Действительных бюллетеней", "kk": "Жарамды бюллетеньдер"}),
    Line(
        "invalid_ballots",
        {"en": "Invalid ballots", "ru": "Недействительных бюллетеней", "kk": "Жарамсыз бюллетеньдер"},
    ),
)
LINE_CODES = tuple(line.code for line in LINES)
BY_CODE = {line.code: line for line in LINES}

# The counting form's questions holding votes per contestant, by the ballot they are on.
VOTES_QUESTIONS = {"votes_lists": "list", "votes_candidates": "candidate"}

# The protocol's arithmetic: the line on the left equals the sum of those on the right.
SUMS = (
    ("ballots_received", ("ballots_issued", "ballots_spoiled", "ballots_unused")),
    ("ballots_cast", ("valid_ballots", "invalid_ballots")),
    ("valid_ballots", ("votes_lists",)),
)
