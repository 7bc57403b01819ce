"""The whole API fuzzed from its OpenAPI schema with schemathesis, with each role's phone token.

For every operation: valid requests (positive), invalid ones (negative), and valid ones naming the real objects of
the caller's mission and of another mission. Every answer must be a non-5xx that the schema documents, with the
documented content type and body. Bounded: MAX_EXAMPLES per operation and mode, about a minute for all four roles.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from observers.models import Role
from observers.onboarding.services import token_issue

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
ROLES = [Role.COORDINATOR, Role.ANALYST, Role.LTO, Role.STO]
MAX_EXAMPLES = 15
KNOWN_OBJECTS_EXAMPLES = 3

# Path parameters naming real objects of a mission (tests/access/conftest.py `_mission`), by operation path.
KNOWN_OBJECTS = {
    "/api/v1/cases/{id}/": lambda m: {"id": m.case.pk},
    "/api/v1/checklists/{id}/": lambda m: {"id": m.voting.pk},
    "/api/v1/nam/commissions/{id}/": lambda m: {"id": m.commission.pk},
    "/api/v1/nam/meetings/{id}/": lambda m: {"id": m.meeting.pk},
    "/api/v1/reports/compilations/{id}/": lambda m: {"id": m.compilation.pk},
    "/api/v1/reports/compilations/{id}/pdf/": lambda m: {"id": m.compilation.pk},
    "/api/v1/reports/reports/{id}/": lambda m: {"id": m.report.pk},
    "/api/v1/submissions/{uuid}/": lambda m: {"uuid": str(m.submission.uuid)},
    "/api/v1/submissions/{uuid}/attachments/": lambda m: {"uuid": str(m.counted.uuid)},
    "/api/v1/submissions/{uuid}/attachments/{id}/": lambda m: {"uuid": str(m.counted.uuid), "id": m.attachment.pk},
}


@pytest.fixture(autouse=True)
def connection_kept_open():
    """The WSGI app would close the database connection after each request, and with it the test's transaction:
    keep it open, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _strategies(operation, two_missions):
    yield "positive", operation.as_strategy(GenerationMode.POSITIVE), MAX_EXAMPLES
    yield "negative", operation.as_strategy(GenerationMode.NEGATIVE), MAX_EXAMPLES
    known = KNOWN_OBJECTS.get(operation.path)
    if known:
        for name, mission in (("own objects", two_missions.a), ("another mission's objects", two_missions.b)):
            yield name, operation.as_strategy(path_parameters=known(mission)), KNOWN_OBJECTS_EXAMPLES


def test_every_operation_with_path_parameters_is_fuzzed_with_real_objects(two_missions):
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json",
        application,
        headers={"Authorization": f"Token {token_issue(user=two_missions.a.members[Role.COORDINATOR].user)}"},
    )
    with_parameters = {op.ok().path for op in schema.get_all_operations() if "{" in op.ok().path}
    assert with_parameters == set(KNOWN_OBJECTS), "Add the new operation's real objects to KNOWN_OBJECTS"


@pytest.mark.fuzz
@pytest.mark.parametrize("role", ROLES)
def test_fuzz_the_api(two_missions, role):
    user = two_missions.a.members[role].user
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", application, headers={"Authorization": f"Token {token_issue(user=user)}"}
    )
    failures, cases = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode, strategy, examples in _strategies(operation, two_missions):

            @given(case=strategy)
            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.explicit, Phase.generate],
            )
            def fuzz(case):
                nonlocal cases
                cases += 1
                # A fresh token each time: a fuzzed logout revokes them all.
                case.call_and_validate(headers={"Authorization": f"Token {token_issue(user=user)}"}, checks=CHECKS)

            try:
                fuzz()
            except Unsatisfiable:
                assert mode == "negative", f"{operation.label} ({mode}): no case could be made"  # nothing to negate
            except (Exception, BaseExceptionGroup) as error:  # schemathesis reports its failures as a group
                failures.append(f"{role} {operation.label} ({mode}): {error}")
    print(f"{role}: {cases} cases")
    assert cases > 0
    assert not failures, "\n\n".join(failures)
