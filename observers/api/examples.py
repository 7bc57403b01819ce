"""OpenAPI examples for the submission endpoint: what a phone sends and every answer it can get."""

from drf_spectacular.utils import OpenApiExample

_SUBMISSION = {
    "uuid": "6f1c2a4e-8d2b-4c1e-9a57-3f0e5b7d9c21",
    "checklist": 3,
    "polling_station": 41,
    "answers": {
        "arrival_time": "09:30",
        "voters_on_list": 1200,
        "voted_by_visit": 300,
        "secrecy": "yes",
        "unauthorised": "yes",
        "unauthorised_who": ["police"],
        "overall_assessment": "bad",
    },
    "observed_at": "2004-09-19T09:30:00+06:00",
}

SUBMISSION_EXAMPLES = [
    OpenApiExample("A voting checklist", value=_SUBMISSION, request_only=True),
    OpenApiExample(
        "Stored (201), or an identical resend (200)",
        value={
            **_SUBMISSION,
            "mission": 1,
            "kind": "voting",
            "version": 2,
            "polling_station_code": "00.25.01",
            "team": 7,
            "team_code": "STO-07",
            "observed_at": "2004-09-19T03:30:00Z",
            "received_at": "2004-09-19T03:31:12.402113Z",
        },
        response_only=True,
        status_codes=["201", "200"],
    ),
    OpenApiExample(
        "Answers that do not fit the form",
        value={
            "answers": {
                "voters_on_list": ["must be a whole number"],
                "secrecy": ["must be one of: yes, no, na"],
                "overall_assessment": ["is required"],
                "unauthorised_who": ["is asked only when unauthorised is 'yes'"],
                "voted_by_visit": ["cannot be more than the voters on the list (voters_on_list: 1200)"],
                "queue": ["is not a question of this form"],
            },
            "observed_at": ["is in the future: check the phone's date, time and time zone."],
        },
        response_only=True,
        status_codes=["400"],
    ),
    OpenApiExample(
        "A station outside the team's plan",
        value={
            "detail": (
                "Polling station 00.25.01 is not in the plan of team STO-07: "
                "check the station or ask your coordinator to add it."
            )
        },
        response_only=True,
        status_codes=["403"],
    ),
    OpenApiExample(
        "The uuid was already used for different content",
        value={
            "detail": (
                "uuid 6f1c2a4e-8d2b-4c1e-9a57-3f0e5b7d9c21 is already used by a different submission: "
                "a changed form needs a new uuid."
            )
        },
        response_only=True,
        status_codes=["409"],
    ),
]
