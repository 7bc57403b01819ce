"""An LTO files a weekly report and a case from the phone (token API), sends it again, corrects it, appeals it;
who may see it."""

import uuid

from mission.cases.models import CaseFile
from observers.models import Submission

CASES = "/api/v1/cases/"
CASE = {
    "complainant_kind": "party",
    "complainant": "Ak Zhol, North branch",
    "subject": "candidate_registration",
    "summary": "Candidate refused registration over signatures.",
    "body": "district",
    "filed_on": "2004-08-20",
    "deadline": "2004-08-25",
    "source": "lto",
}


def weekly_answers() -> dict:
    return {
        "meetings_commissions": 2,
        "meetings_parties": 3,
        "meetings_civil_society": 1,
        "administration_assessment": "good",
        "voter_list_problems": "yes",
        "media_problems": "yes",
        "campaign_events": 4,
        "campaign_climate": "tense",
        "misuse_of_resources": "no",
        "pressure_on_voters": "no",
        "complaints_filed": "no",
        "summary": "Quiet week; registration disputes in the district.",
    }


def test_an_lto_files_a_weekly_report_and_a_case_from_the_phone(rec, token_client):
    phone = token_client(rec.lto.user)
    report = {
        "uuid": str(uuid.uuid4()),
        "checklist": rec.weekly.pk,
        "answers": weekly_answers(),
        "observed_at": "2004-08-22T19:00:00+06:00",
    }
    sent = phone.post("/api/v1/submissions/", report, format="json")
    assert sent.status_code == 201, sent.json()
    case_uuid = str(uuid.uuid4())
    response = phone.post(CASES, {**CASE, "uuid": case_uuid, "region": rec.north.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "C-0001" and body["region"] == rec.north.pk and body["decision"] == "pending"
    again = phone.post(CASES, {**CASE, "uuid": case_uuid, "region": rec.north.pk}, format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert CaseFile.objects.count() == 1
    assert Submission.objects.get(team=rec.lto.team).answers["media_problems"] == "yes"
    case = CaseFile.objects.get()
    assert case.entered_by == rec.lto.user and str(case.uuid) == case_uuid


def test_bad_case_input_names_each_field_and_writes_nothing(rec, token_client):
    phone = token_client(rec.lto.user)
    bad = {**CASE, "uuid": str(uuid.uuid4()), "body": "parliament", "filed_on": "2004-08-20", "deadline": "2004-08-01"}
    bad["decision"] = "upheld"  # without a date of decision
    response = phone.post(CASES, bad, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "body" in errors
    assert any("deadline" in message for message in errors["__all__"])
    assert any("date of its decision" in message for message in errors["__all__"]), errors
    assert not CaseFile.objects.exists()
    assert phone.post(CASES, {**CASE, "uuid": "not-a-uuid"}, format="json").status_code == 400


def test_a_list_or_an_object_for_a_field_is_a_400_naming_it(rec, token_client):
    phone = token_client(rec.lto.user)
    response = phone.post(CASES, {**CASE, "uuid": str(uuid.uuid4()), "deadline": [{"x": 1}], "body": {}}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"deadline", "body"} and "not a list" in response.json()["deadline"][0]
    assert not CaseFile.objects.exists()


def test_the_team_shares_its_cases_other_teams_and_stos_do_not_see_them(rec, token_client):
    created = token_client(rec.lto.user).post(CASES, {**CASE, "uuid": str(uuid.uuid4())}, format="json").json()
    detail = f"{CASES}{created['id']}/"
    assert token_client(rec.teammate.user).get(detail).status_code == 200
    assert token_client(rec.other_lto.user).get(detail).status_code == 404
    assert token_client(rec.other_lto.user).get(CASES).json()["count"] == 0
    assert token_client(rec.analyst.user).get(CASES).json()["count"] == 1
    assert token_client(rec.sto.user).get(CASES).status_code == 403
    assert token_client(rec.other_lto.user).patch(detail, {"summary": "x"}, format="json").status_code == 404


def test_a_case_is_corrected_then_its_decision_appealed(rec, token_client):
    phone = token_client(rec.lto.user)
    case = phone.post(CASES, {**CASE, "uuid": str(uuid.uuid4())}, format="json").json()
    appeal = {**CASE, "uuid": str(uuid.uuid4()), "body": "regional", "filed_on": "2004-08-26", "appeal_of": case["id"]}
    appeal["deadline"] = "2004-09-03"
    refused = phone.post(CASES, appeal, format="json")
    assert refused.status_code == 400 and "pending" in str(refused.json())
    decided = phone.patch(f"{CASES}{case['id']}/", {"decision": "rejected", "decided_on": "2004-08-27"}, format="json")
    assert decided.status_code == 200 and decided.json()["decision"] == "rejected"
    early = phone.post(CASES, appeal, format="json")
    assert early.status_code == 400 and "filed_on" in early.json()
    response = phone.post(CASES, {**appeal, "filed_on": "2004-08-29"}, format="json")
    assert response.status_code == 201 and response.json()["appeal_of"] == case["number"]
    assert CaseFile.objects.get(pk=response.json()["id"]).appeal_of_id == case["id"]
