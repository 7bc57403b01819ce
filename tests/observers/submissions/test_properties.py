"""Whatever a client sends to POST /api/v1/submissions/, the answer is a 4xx that says what is wrong, or the form
is stored whole: never a 500, never a row written for a refused form. Generated with hypothesis.

Bodies are encoded here with json.dumps (ASCII escapes), so they can carry what a JSON text can say but a
database cannot hold: NUL characters, unpaired surrogates, numbers beyond 64 bits, nesting a thousand deep.
"""

import json
import uuid

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from observers.models import OutboxJob, Submission
from tests.factories import valid_answers

URL = "/api/v1/submissions/"
ANSWERED = {201, 200, 400, 403, 409}
EXAMPLES = settings(
    max_examples=150,
    deadline=None,
    database=None,
    # Examples share the test's election day: each one checks what it changed, not a clean database.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any text a JSON string can carry, surrogates and control characters included.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | any_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(any_text, children, max_size=4),
    max_leaves=12,
)
FIELDS = ("uuid", "checklist", "polling_station", "polling_station_code", "answers", "observed_at")


@pytest.fixture
def phone(day, token_client):
    return token_client(day.sto.user)


def send(phone, body: bytes):
    """POST a body; check the answer and that rows appear only with a 201. Returns the response."""
    before = Submission.objects.count(), OutboxJob.objects.count()
    response = phone.generic("POST", URL, body, content_type="application/json")
    after = Submission.objects.count(), OutboxJob.objects.count()

    assert response.status_code in ANSWERED, (response.status_code, body[:300], response.content[:300])
    if currently_in_test_context():
        event(f"answered {response.status_code}")
    assert response["Content-Type"] == "application/json"
    assert after == ((before[0] + 1, before[1] + 1) if response.status_code == 201 else before)
    return response


def fields(day) -> dict[str, tuple]:
    """For each field: the right values (a form that fits, mostly), and wrong ones (near misses and junk)."""
    questions = [q["code"] for q in day.voting.questions]
    answer_values = st.sampled_from(["yes", "no", "na", "good", "very_bad", "09:30", 0, 1200, -1, ["police"], ""])
    changed_answers = st.builds(
        lambda changes, dropped: {**{k: v for k, v in valid_answers().items() if k not in dropped}, **changes},
        st.dictionaries(st.sampled_from(questions) | any_text, answer_values | json_values, max_size=3),
        st.sets(st.sampled_from(questions), max_size=2),
    )
    return {
        "uuid": (st.builds(uuid.uuid4).map(str) | st.uuids().map(str), any_text | json_values),  # new, or repeats
        "checklist": (st.just(day.voting.pk), st.sampled_from([day.incident.pk, 0, -1, 2**63, 2**64]) | json_values),
        "polling_station": (
            st.just(day.planned.pk),
            st.sampled_from([day.unplanned.pk, day.far.pk, None, 2**63]) | json_values,
        ),
        "polling_station_code": (
            st.just("00.25.01"),
            st.sampled_from(["00.25.02", "", "x" * 33]) | any_text | json_values,
        ),
        "answers": (st.just(valid_answers()) | changed_answers, json_values),
        "observed_at": (
            st.sampled_from(["2004-09-19T09:30:00+06:00", "2004-09-19T03:30:00Z"]),
            st.sampled_from(
                ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "2004-09-19", "2999-01-01T00:00Z"]
            )
            | st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())
            | json_values,
        ),
    }


@EXAMPLES
@given(data=st.data())
def test_any_form_like_body_is_answered_and_stored_whole_or_not_at_all(day, phone, data):
    body = {}
    for name, (right, wrong) in fields(day).items():
        kind = data.draw(st.sampled_from(["right"] * 8 + ["wrong", "absent"]), label=f"{name} is")
        if kind != "absent":
            body[name] = data.draw(right if kind == "right" else wrong, label=name)
    response = send(phone, json.dumps(body).encode())

    if response.status_code == 201:
        assert Submission.objects.get(uuid=body["uuid"]).answers == body["answers"]
        again = send(phone, json.dumps(body).encode())  # the same form again: the first result, nothing written
        assert again.status_code == 200 and again.json() == response.json()
        changed = {**body, "answers": {**body["answers"], "overall_assessment": "very_bad"}}
        if changed != body:
            assert send(phone, json.dumps(changed).encode()).status_code == 409


@EXAMPLES
@given(body=json_values)
def test_any_json_at_all_is_answered(day, phone, body):
    send(phone, json.dumps(body).encode())


@EXAMPLES
@given(body=st.binary(max_size=200))
def test_any_bytes_are_answered(day, phone, body):
    send(phone, body)


# Letters of the mission's languages and others observers write in, right-to-left marks, emoji, combining accents.
WORLD_TEXT = st.lists(
    st.sampled_from(
        list("ӘәҒғҚқҢңӨөҰұҮүҺһІі Жалпы бағасы")
        + list("ქართული ენა ბათუმი")
        + list("العربية الانتخابات")
        + list("עברית")
        + ["\u200f", "\u200e", "\u202b", "\u202c", "🗳️", "👩🏽‍⚖️", "e\u0301", "🇰🇿", "\t", "\n"]
    ),
    min_size=1,
    max_size=200,
).map("".join)


@EXAMPLES
@given(notes=WORLD_TEXT)
def test_text_in_any_script_comes_back_unchanged(day, phone, notes):
    body = {
        "uuid": str(uuid.uuid4()),
        "checklist": day.voting.pk,
        "polling_station": day.planned.pk,
        "answers": valid_answers(notes=notes),
        "observed_at": "2004-09-19T09:30:00+06:00",
    }
    response = send(phone, json.dumps(body, ensure_ascii=False).encode())
    assert response.status_code == 201, response.json()

    read = phone.get(f"{URL}{body['uuid']}/")
    assert read.json()["answers"]["notes"] == notes
    assert Submission.objects.get(uuid=body["uuid"]).answers["notes"] == notes


@pytest.mark.parametrize(
    "notes, problem",
    [
        ("before\x00after", "contains a character that cannot be stored (NUL or an unpaired surrogate): remove it."),
        ("half a pair \ud83d", "contains a character that cannot be stored (NUL or an unpaired surrogate): remove it."),
    ],
    ids=["NUL", "unpaired surrogate"],
)
def test_text_a_database_cannot_hold_is_named(day, phone, notes, problem):
    body = {
        "uuid": str(uuid.uuid4()),
        "checklist": day.voting.pk,
        "polling_station": day.planned.pk,
        "answers": valid_answers(notes=notes),
        "observed_at": "2004-09-19T09:30:00+06:00",
    }
    response = send(phone, json.dumps(body).encode())
    assert response.status_code == 400
    assert response.json() == {"answers": {"notes": [problem]}}


def test_an_unknown_question_code_with_an_unpaired_surrogate_is_named_escaped(day, phone):
    body = {
        "uuid": str(uuid.uuid4()),
        "checklist": day.voting.pk,
        "polling_station": day.planned.pk,
        "answers": {**valid_answers(), "q\udc00": "yes"},
        "observed_at": "2004-09-19T09:30:00+06:00",
    }
    response = send(phone, json.dumps(body).encode())
    assert response.status_code == 400
    assert list(response.json()["answers"]) == ["q\\udc00"]


def test_nesting_deeper_than_the_decoder_follows_is_a_parse_error(phone):
    response = send(phone, b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - nested too deeply."}


def test_a_body_above_the_limit_is_refused_before_it_is_read(phone, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    before = Submission.objects.count()

    response = phone.generic("POST", URL, b'{"answers": "' + b"x" * 10_000 + b'"}', content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {"detail": "The body has 10015 bytes; at most 10000 are accepted: send less."}
    assert Submission.objects.count() == before


def test_a_huge_string_is_answered(day, phone):
    body = {
        "uuid": str(uuid.uuid4()),
        "checklist": day.voting.pk,
        "polling_station": day.planned.pk,
        "answers": valid_answers(notes="ә" * 1_000_000),
        "observed_at": "2004-09-19T09:30:00+06:00",
    }
    response = send(phone, json.dumps(body, ensure_ascii=False).encode())
    assert response.status_code == 400
    assert response.json() == {"answers": {"notes": ["must be at most 4000 characters"]}}


def test_a_submission_takes_a_fixed_number_of_queries(day, phone, django_assert_max_num_queries):
    body = {
        "uuid": str(uuid.uuid4()),
        "checklist": day.voting.pk,
        "polling_station": day.planned.pk,
        "answers": valid_answers(),
        "observed_at": "2004-09-19T09:30:00+06:00",
    }
    phone.post(URL, {**body, "uuid": str(uuid.uuid4())}, format="json")  # the token's first use is recorded once
    # token and user; memberships; checklist; station and plan; savepoint, two inserts, release
    with django_assert_max_num_queries(8):
        assert phone.post(URL, body, format="json").status_code == 201
