"""A small election day for the fault tests: two short-term teams that both plan one station, a phone token each
(and a login: the first observer's password, hashed as the production settings expect).

Importable, or run against another database (`python -m tests.faults.seed` prints it as JSON).
"""

import json
import uuid

PASSWORD = "pass-word-123"
VOTING_ANSWERS = {
    "arrival_time": "09:30",
    "voters_on_list": 1200,
    "voted_by_visit": 300,
    "secrecy": "yes",
    "unauthorised": "no",
    "overall_assessment": "good",
}


def election_day_seed() -> dict:
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from observers.models import Checklist, Role
    from observers.onboarding.services import token_issue
    from tests.factories import AssignmentFactory, ChecklistFactory, ObserverFactory, PollingStationFactory, TeamFactory

    station = PollingStationFactory(code="00.25.01")
    mission = station.mission
    checklist = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING)
    users = []
    for code in ("STO-07", "STO-08"):
        team = TeamFactory(mission=mission, code=code)
        AssignmentFactory(team=team, polling_station=station, order=1)
        users.append(ObserverFactory(mission=mission, role=Role.STO, team=team).user)
    hasher = PBKDF2PasswordHasher()  # the tests' settings hash with MD5, which the app as deployed does not read
    users[0].password = hasher.encode(PASSWORD, hasher.salt())
    users[0].save(update_fields=["password"])
    return {
        "checklist": checklist.pk,
        "station": station.pk,
        "username": users[0].username,
        "tokens": [token_issue(user=user) for user in users],
    }


def voting_form(seed: dict, **answers) -> dict:
    return {
        "uuid": str(uuid.uuid4()),
        "checklist": seed["checklist"],
        "polling_station": seed["station"],
        "answers": {**VOTING_ANSWERS, **answers},
        "observed_at": "2004-09-19T09:30:00+06:00",
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(election_day_seed()))
