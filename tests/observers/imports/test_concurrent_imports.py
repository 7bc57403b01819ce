"""Two coordinators confirm imports into one mission at once, through the pages, on PostgreSQL with a connection
each: the second import waits for the first, finds its preview outdated, saves nothing and says what to do."""

import threading
import time
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.urls import reverse

from mission.imports.rows import Changes
from mission.models import PollingStation
from observers.imports.views import KINDS
from observers.models import Observer, Role, Team
from tests.factories import MissionFactory, ObserverFactory
from tests.mission.imports.helpers import confirm, upload_and_preview

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media")]

FILES = {
    "roster": ("roster.csv", "Name,Role,E-mail,Team\nAnna Kowalska,STO,anna@example.org,S01\nJens Berg,STO,,S01\n"),
    "stations": ("stations.csv", "code;name;region\nA1;School 1;North\nA2;School 2;North\n"),
}
OUTDATED = "Another import into this mission finished while yours was running"
WAIT = 10  # seconds: far above what a step takes, so only a deadlock would reach it


@pytest.fixture
def coordinators():
    mission = MissionFactory()
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(ObserverFactory(mission=mission, role=Role.COORDINATOR).user)
        clients.append(client)
    return mission, clients


class PausedApply:
    """Holds the first import between its plan and its writes (its transaction open, the mission locked)."""

    def __init__(self):
        self.inside, self.go, self.calls = threading.Event(), threading.Event(), 0
        self.original = Changes.apply

    def __call__(self, changes: Changes) -> None:
        self.calls += 1
        if self.calls == 1:
            self.inside.set()
            assert self.go.wait(WAIT)
        self.original(changes)


def _in_thread(target) -> tuple[threading.Thread, dict]:
    result = {}

    def run():
        try:
            result["response"] = target()
        finally:
            connection.close()  # the thread's own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def _a_connection_waits_for_a_lock() -> bool:
    deadline = time.monotonic() + WAIT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


def _shown(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize("kind", ["roster", "stations"])
def test_the_second_of_two_imports_at_once_waits_saves_nothing_and_asks_to_look_again(coordinators, kind):
    mission, (first, second) = coordinators
    name, content = FILES[kind]
    for client in (first, second):
        plan = upload_and_preview(client, kind, name, content.encode()).context["plan"]
        assert (plan.errors, plan.to_create) == ([], 2)
    paused = PausedApply()

    with mock.patch.object(Changes, "apply", lambda changes: paused(changes)):
        one, one_result = _in_thread(lambda: confirm(first, kind))
        assert paused.inside.wait(WAIT)
        two, two_result = _in_thread(lambda: confirm(second, kind))
        waited = _a_connection_waits_for_a_lock()  # the second import, on the mission's row
        paused.go.set()
        one.join(WAIT)
        two.join(WAIT)

    assert waited
    assert one_result["response"].status_code == 302 and one_result["response"].url == reverse(KINDS[kind].done)
    refused = two_result["response"]
    assert refused.status_code == 302 and refused.url == f"/imports/{kind}/preview/"
    again = second.get(refused.url)
    assert OUTDATED in _shown(again) and "nothing of yours was saved" in _shown(again)
    assert (again.context["plan"].to_create, again.context["plan"].unchanged) == (0, 2)
    imported = Observer.objects.filter(mission=mission).exclude(role=Role.COORDINATOR)
    written = imported if kind == "roster" else PollingStation.objects.filter(mission=mission)
    assert written.count() == 2
    assert LogEntry.objects.filter(object_repr__startswith=f"Imported {name}").count() == 1
    # Confirming the new preview works: nothing left to change.
    assert confirm(second, kind).url == reverse(KINDS[kind].done)
    assert written.count() == 2


def test_a_clash_with_an_edit_made_during_the_import_is_a_message_not_a_500(coordinators):
    mission, (first, second) = coordinators
    name, content = FILES["roster"]
    upload_and_preview(first, "roster", name, content.encode())
    paused = PausedApply()

    with mock.patch.object(Changes, "apply", lambda changes: paused(changes)):
        one, one_result = _in_thread(lambda: confirm(first, "roster"))
        assert paused.inside.wait(WAIT)
        # Meanwhile the other coordinator creates, on the teams page, the team the import is about to create.
        made = second.post("/deployment/teams/new/?kind=sto", {"code": "S01", "interpreter": "", "driver": ""})
        paused.go.set()
        one.join(WAIT)

    assert made.status_code == 302
    refused = one_result["response"]
    assert refused.status_code == 302 and refused.url == "/imports/roster/preview/"
    again = first.get(refused.url)
    assert OUTDATED in _shown(again)
    assert not Observer.objects.filter(mission=mission).exclude(role=Role.COORDINATOR).exists()
    assert list(Team.objects.filter(mission=mission).values_list("code", flat=True)) == ["S01"]
    assert dict(again.context["plan"].notes)["teams to create"] == 0
