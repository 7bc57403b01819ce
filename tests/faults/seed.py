"""A small election day for the fault tests: two short-term teams that both plan one station, a phone token each.

Importable, or run against another database (`python -m tests.faults.seed` prints it as JSON).
"""
import json
import uuid

VOTING_ANSWERS = {
    "arrival_time": "09:30", "voters_on_list": 1200, "voted_by_visit": 300,
    "secrecy": "yes", "unauthorised": "no", "overall_assessment": "good",
}


def election_day_seed() -> dict:
    from observers.authentication import token_issue
    from observers.models import Checklist, Role
    from tests.factories import AssignmentFactory, ChecklistFactory, ObserverFactory, PollingStationFactory, TeamFactory

    station = PollingStationFactory(code="00.25.01")
    mission = station.mission
    checklist = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING)
    tokens = []
    for code in ("STO-07", "STO-08"):
        team = TeamFactory(mission=mission, code=code)
        AssignmentFactory(team=team, polling_station=station, order=1)
        tokens.append(token_issue(user=ObserverFactory(mission=mission, role=Role.STO, team=team).user))
    return {"checklist": checklist.pk, "station": station.pk, "tokens": tokens}


def voting_form(seed: dict, **answers) -> dict:
    return {
        "uuid": str(uuid.uuid4()), "checklist": seed["checklist"], "polling_station": seed["station"],
        "answers": {**VOTING_ANSWERS, **answers}, "observed_at": "2004-09-19T09:30:00+06:00",
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(election_day_seed()))
