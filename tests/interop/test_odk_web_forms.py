"""Interoperability with a real OpenRosa client: ODK Web Forms' engine (@getodk/xforms-engine) loads a form we
serve with its stations.csv, is given the answers, writes the instance itself (instanceID, start, end) and sends
it to a live server; the form is then in the findings.

Needs Node and the engine: `npm ci` in tests/interop (package.json there). Skipped, saying so, without them."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from observers.models import Checklist, Submission
from observers.onboarding.services import token_issue
from tests.observers.conftest import day  # noqa: F401

HERE = Path(__file__).parent
ENGINE = HERE / "node_modules" / "@getodk" / "xforms-engine"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("node") is None, reason="node is missing: install Node.js 20 or later"),
    pytest.mark.skipif(not ENGINE.exists(), reason="ODK's engine is missing: run `npm ci` in tests/interop"),
]


def _send(server: str, form_id: str, answers: dict) -> dict:
    done = subprocess.run(
        ["node", str(HERE / "odk_client.mjs"), server, form_id, json.dumps(answers)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=HERE,
    )
    assert done.returncode in (0, 2), done.stderr[-3000:] + done.stdout[-2000:]  # 2: the engine would not send
    return json.loads(done.stdout.strip().splitlines()[-1])


ANSWERS = {
    "polling_station": "00.25.01",
    "arrival_time": "09:30",
    "voters_on_list": 1200,
    "voted_by_visit": 300,
    "secrecy": "yes",
    "unauthorised": "yes",
    "unauthorised_who": ["police"],
    "overall_assessment": "bad",
}


def test_odk_web_forms_fills_a_form_we_serve_and_it_is_in_the_findings(day, live_server):  # noqa: F811
    server = f"{live_server.url}/openrosa/key/{token_issue(user=day.sto.user)}/m/{day.mission.slug}"

    answer = _send(server, f"eom-{day.mission.pk}-voting", ANSWERS)

    assert answer["status"] == 201, answer
    submission = Submission.objects.get()
    assert submission.checklist.kind == Checklist.Kind.VOTING and submission.polling_station == day.planned
    assert submission.answers["unauthorised_who"] == ["police"] and submission.answers["overall_assessment"] == "bad"
    analyst = Client()
    analyst.force_login(day.coordinator.user)
    findings = analyst.get(f"/findings/submissions/{submission.pk}/")
    assert findings.status_code == 200 and "00.25.01" in findings.content.decode()


def test_a_station_outside_the_plan_cannot_be_picked_in_odk_web_forms(day, live_server):  # noqa: F811
    server = f"{live_server.url}/openrosa/key/{token_issue(user=day.sto.user)}/m/{day.mission.slug}"

    answer = _send(server, f"eom-{day.mission.pk}-voting", {**ANSWERS, "polling_station": day.unplanned.code})

    # Not among the choices of stations.csv: the engine leaves the required station empty and sends nothing.
    assert answer == {"status": "not ready", "violations": ["/data/polling_station"]}
    assert not Submission.objects.exists()
