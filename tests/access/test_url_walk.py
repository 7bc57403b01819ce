"""Every URL the project routes, opened by every role, against the rule table in rules.py.

Each caller (anonymous, a coordinator, analyst, LTO or STO of mission A, or an analyst of mission B) opens every URL
twice: filled with their own mission's objects and with the other mission's (a role that could open the URL gets
404, one that could not gets 403). A refused caller's POST is refused too. On every answer, nothing of mission B
shows, and only a coordinator sees observers' phone numbers, e-mail addresses and nationalities.

A routed URL without a rule fails `test_every_routed_url_has_a_rule`: add one to RULES when you add a URL.
Django's admin has its own staff check (tested below); static and media files are not views of ours.
"""

import pytest
from django.test import Client
from django.urls import reverse

from observers.models import Role
from tests.access.conftest import ROLES, personal_data
from tests.access.helpers import routed_urls, rule_url
from tests.access.rules import LOGIN, PAGE, PUBLIC, RULES, Rule

REFUSALS = {401, 403, 404, 405}
TEXT_TYPES = ("text/", "application/json", "application/geo+json", "application/javascript", "application/manifest")


def test_every_routed_url_has_a_rule():
    missing = [
        f"{name or '(unnamed)'} at /{route}: "
        + (f"add RULES[{name!r}] = Rule(kind, roles, ...) in tests/access/rules.py" if name else "give the URL a name")
        for name, route in routed_urls()
        if name not in RULES
    ]
    assert not missing, "URLs without an access rule:\n" + "\n".join(missing)


def test_every_rule_is_for_a_routed_url():
    routed = {name for name, _route in routed_urls()}
    assert not sorted(set(RULES) - routed), "Rules for URLs no longer routed: remove them from tests/access/rules.py"


def _markers(mission) -> list[str]:
    """Strings only mission `mission`'s data carries."""
    return [
        mission.mission.name,
        mission.mission.slug,
        mission.station.code,
        mission.sto_team.code,
        mission.lto_team.code,
        mission.region.name,
        str(mission.submission.uuid),
        str(mission.counted.uuid),
        mission.section.heading,
        mission.recommendation.text,
        mission.outlet.name,
        *(m.full_name for m in mission.members.values()),
    ]


def _personal_values() -> list[str]:
    return [
        value
        for letter in "AB"
        for role in ROLES
        for key, value in personal_data(letter, role).items()
        if key != "gender"
    ]


def _expected(rule: Rule, role: str | None, *, foreign: bool):
    if rule.kind == PUBLIC:
        return rule.ok
    if role is None:
        return LOGIN if rule.kind == PAGE else (401 if rule.kind == "api" else 403)
    if role not in rule.roles:
        return 403
    if foreign or role in rule.hidden:
        return 404
    return rule.ok


def _outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return LOGIN
    return response.status_code


def _text(response) -> str:
    if not response["Content-Type"].startswith(TEXT_TYPES):
        return ""  # PDF, XLSX, images: nothing to search without parsing
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", errors="replace")


OUTSIDER = "core of another mission"  # mission B's analyst, whose "other" mission is A
CALLERS = ["anonymous", *ROLES, OUTSIDER]


@pytest.mark.parametrize("caller", CALLERS)
def test_url_walk(two_missions, caller):
    own, other = (two_missions.b, two_missions.a) if caller == OUTSIDER else (two_missions.a, two_missions.b)
    role = {"anonymous": None, OUTSIDER: Role.ANALYST}.get(caller, caller)
    client = Client()
    if role:
        client.force_login(own.members[role].user)
    forbidden_text = _markers(other) + ([] if role == Role.COORDINATOR else _personal_values())
    if role in (Role.LTO, Role.STO):  # observers see their own team's forms only
        team = own.members[role].team
        forbidden_text += [str(s.uuid) for s in (own.submission, own.counted, own.other_submission) if s.team != team]
    problems: list[str] = []

    def check(method: str, url: str, expected) -> None:
        response = getattr(client, method)(url)
        got = _outcome(response)
        wanted = REFUSALS | {LOGIN} if expected == "refused" else {expected}
        if got not in wanted:
            problems.append(f"{method.upper()} {url}: expected {expected}, got {got}")
        text = _text(response) if role else ""
        leaked = [marker for marker in forbidden_text if marker in text]
        if leaked:
            problems.append(f"{method.upper()} {url} ({got}) shows what {caller} may not see: {leaked}")

    for name, _route in routed_urls():
        rule = RULES.get(name)
        if rule is None:
            continue  # reported by test_every_routed_url_has_a_rule
        targets = [(own, False)] + ([(other, True)] if rule.objects and rule.kind != PUBLIC else [])
        for mission, foreign in targets:
            url = rule_url(name, rule, mission)
            expected = _expected(rule, role, foreign=foreign)
            gets_through = expected == rule.ok and rule.kind != PUBLIC
            check("post" if rule.post_only and not gets_through else "get", url, expected)
            if not gets_through and not rule.post_only and rule.kind != PUBLIC:
                check("post", url, "refused")
    assert not problems, f"{len(problems)} problems for {caller}:\n" + "\n".join(problems)


def test_admin_sends_non_staff_to_its_login(two_missions, client):
    client.force_login(two_missions.a.members[Role.COORDINATOR].user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    response = client.get(f"/admin/observers/observer/{two_missions.a.members[Role.STO].pk}/change/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
