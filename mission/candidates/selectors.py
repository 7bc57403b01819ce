"""Registration figures, counted in the database: applicants, registered, refused, deregistered, women, by
nominating party, by district, refusals by reason, the lists. Pages and report blocks both read them here."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from mission.candidates.models import Candidate, CandidateList, Gender, RegistrationStatus
from mission.models import Mission

REFUSED = (RegistrationStatus.REFUSED, RegistrationStatus.DEREGISTERED)


@dataclass(frozen=True)
class Registration:
    applicants: int
    registered: int
    refused: int
    deregistered: int
    withdrawn: int
    women_registered: int

    @property
    def women_share(self) -> float | None:
        return 100 * self.women_registered / self.registered if self.registered else None


def _counts() -> dict:
    status = RegistrationStatus
    return {
        "applicants": Count("id"),
        "registered": Count("id", filter=Q(status=status.REGISTERED)),
        "refused": Count("id", filter=Q(status=status.REFUSED)),
        "deregistered": Count("id", filter=Q(status=status.DEREGISTERED)),
        "withdrawn": Count("id", filter=Q(status=status.WITHDRAWN)),
        "women_registered": Count("id", filter=Q(status=status.REGISTERED, gender=Gender.FEMALE)),
    }


def district_candidates(*, mission: Mission) -> QuerySet[Candidate]:
    return Candidate.objects.filter(mission=mission, district__isnull=False)


def registration_total(*, candidates: QuerySet[Candidate]) -> Registration:
    return Registration(**candidates.aggregate(**_counts()))


def registration_by(*, candidates: QuerySet[Candidate], by: str) -> list[tuple[int | None, Registration]]:
    """Per `by` ("nominated_by" or "district"): (its id, or None for self-nominated; the figures), by id."""
    rows = candidates.order_by().values(by).annotate(**_counts()).order_by(by)
    return [(row.pop(by), Registration(**row)) for row in rows]


def refusals_by_reason(*, candidates: QuerySet[Candidate]) -> dict[str, dict[str, int]]:
    """{reason: {"refused": n, "deregistered": n}}, refusals and deregistrations counted apart."""
    rows = candidates.filter(status__in=REFUSED).order_by().values("reason", "status").annotate(n=Count("id"))
    found: dict[str, dict[str, int]] = {}
    for row in rows:
        found.setdefault(row["reason"], {"refused": 0, "deregistered": 0})[row["status"]] = row["n"]
    return found


def candidate_lists(*, mission: Mission) -> QuerySet[CandidateList]:
    """The lists with their candidates counted (and the registered women among them) and their parties."""
    status = RegistrationStatus.REGISTERED
    return (
        CandidateList.objects.filter(mission=mission)
        .annotate(
            candidate_count=Count("candidates", filter=Q(candidates__status=status), distinct=True),
            women_count=Count(
                "candidates", filter=Q(candidates__status=status, candidates__gender=Gender.FEMALE), distinct=True
            ),
        )
        .prefetch_related("parties")
    )
