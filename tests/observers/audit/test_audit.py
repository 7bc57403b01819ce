"""The audit trail: changes recorded with their actor and mission, bulk entries, and the coordinators' page."""

import datetime as dt

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from observers.audit.registry import audit_bulk
from observers.models import Assignment, Observer, Role, Team
from tests.factories import (
    AssignmentFactory,
    MissionFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    TeamFactory,
)

AUDIT = "/audit/"


@pytest.fixture
def coordinator(db) -> Observer:
    return ObserverFactory(
        mission=MissionFactory(time_zone="Asia/Almaty"),
        role=Role.COORDINATOR,
        user__username="coordinator",
        user__is_staff=True,
        user__is_superuser=True,
    )


def signed_in(observer: Observer) -> Client:
    client = Client()
    client.force_login(observer.user)
    return client


def test_a_station_edited_in_the_back_office_shows_who_changed_what(coordinator):
    region = RegionFactory(mission=coordinator.mission)
    station = PollingStationFactory(region=region, code="00.25.01", name="School No. 1", registered_voters=1000)
    client = signed_in(coordinator)
    form = {
        "mission": coordinator.mission.pk,
        "region": region.pk,
        "district": "",
        "code": "00.25.01",
        "name": "School No. 1",
        "address": "1 Main Street",
        "latitude": "43.25",
        "longitude": "76.95",
        "registered_voters": "1200",
    }
    response = client.post(f"/admin/mission/pollingstation/{station.pk}/change/", form)
    assert response.status_code == 302, response.content[:2000]

    entry = LogEntry.objects.get(content_type__model="pollingstation", action=LogEntry.Action.UPDATE)
    assert entry.actor == coordinator.user
    assert entry.changes == {"registered_voters": ["1000", "1200"]}
    page = client.get(AUDIT, {"model": "mission.pollingstation"})
    assert page.status_code == 200
    [row] = [row for row in page.context["rows"] if row["entry"] == entry]
    assert row["changes"] == [("registered voters", "1000", "1200")]
    html = page.content.decode()
    assert "00.25.01 School No. 1" in html and "coordinator" in html


def test_a_team_change_names_the_related_objects(coordinator):
    mission = coordinator.mission
    lto_1, lto_2 = (TeamFactory(mission=mission, code=code, kind="lto") for code in ("LTO-01", "LTO-02"))
    team = TeamFactory(mission=mission, code="STO-07", parent=lto_1)
    region = RegionFactory(mission=mission, name="Almaty oblast")
    with set_actor(coordinator.user):
        team.parent = lto_2
        team.base_city = "Taldykorgan"
        team.save()
        team.area.add(region)

    rows = signed_in(coordinator).get(AUDIT, {"model": "observers.team", "actor": coordinator.user.pk}).context["rows"]
    assert {row["entry"].object_pk for row in rows} == {str(team.pk)}
    assert [row["changes"] for row in rows] == [
        [("area", "", "Almaty oblast")],  # newest first
        [("parent", "LTO-01", "LTO-02"), ("base city", "", "Taldykorgan")],
    ]


def test_a_deleted_assignment_stays_in_its_missions_trail_and_not_in_others(coordinator):
    assignment = AssignmentFactory(team=TeamFactory(mission=coordinator.mission, code="STO-01"))
    elsewhere = AssignmentFactory()  # another mission
    with set_actor(coordinator.user):
        Assignment.objects.filter(pk__in=[assignment.pk, elsewhere.pk]).delete()  # queryset delete still signals

    entries = list(signed_in(coordinator).get(AUDIT, {"model": "observers.assignment"}).context["page"])
    assert [(e.object_pk, e.action) for e in entries if e.action == LogEntry.Action.DELETE] == [
        (str(assignment.pk), LogEntry.Action.DELETE)
    ]
    other = LogEntry.objects.get(
        object_pk=str(elsewhere.pk), action=LogEntry.Action.DELETE, content_type__model="assignment"
    )
    assert other.additional_data["mission"] == elsewhere.team.mission_id


def test_a_bulk_change_is_one_entry(coordinator):
    entry = audit_bulk(
        actor=coordinator.user,
        mission=coordinator.mission,
        model=Observer,
        action="create",
        count=412,
        detail="Imported the roster: 412 observers",
    )
    assert entry.action == LogEntry.Action.CREATE
    assert entry.additional_data == {"mission": coordinator.mission.pk, "count": 412}
    html = signed_in(coordinator).get(AUDIT, {"model": "observers.observer"}).content.decode()
    assert "412 rows" in html and "Imported the roster: 412 observers" in html
    with pytest.raises(ValueError, match="Unknown audit action 'replace'"):
        audit_bulk(actor=None, mission=coordinator.mission, model=Team, action="replace", count=1, detail="")


def test_filters_by_model_user_and_the_missions_calendar_day(coordinator):
    mission = coordinator.mission
    analyst = ObserverFactory(mission=mission, role=Role.ANALYST, user__username="analyst")
    LogEntry.objects.all().delete()  # only the three entries below
    late = audit_bulk(actor=coordinator.user, mission=mission, model=Team, action="update", count=1, detail="late")
    next_day = audit_bulk(actor=analyst.user, mission=mission, model=Team, action="update", count=1, detail="next day")
    station = audit_bulk(actor=analyst.user, mission=mission, model=Assignment, action="delete", count=3, detail="plan")
    # Almaty was UTC+6 in 2004: 18 Sep 20:00 UTC is 19 Sep 02:00 there, 19 Sep 19:00 UTC is 20 Sep 01:00.
    LogEntry.objects.filter(pk=late.pk).update(timestamp=dt.datetime(2004, 9, 18, 20, tzinfo=dt.UTC))
    LogEntry.objects.filter(pk=next_day.pk).update(timestamp=dt.datetime(2004, 9, 19, 19, tzinfo=dt.UTC))
    LogEntry.objects.filter(pk=station.pk).update(timestamp=dt.datetime(2004, 9, 19, 6, tzinfo=dt.UTC))
    client = signed_in(coordinator)

    def shown(**filters) -> list[str]:
        response = client.get(AUDIT, filters)
        assert response.status_code == 200
        return [entry.object_repr for entry in response.context["page"]]

    assert shown() == ["next day", "plan", "late"]
    assert shown(day_from="2004-09-19", day_to="2004-09-19") == ["plan", "late"]
    assert shown(model="observers.team") == ["next day", "late"]
    assert shown(actor=analyst.user.pk) == ["next day", "plan"]
    assert shown(actor=analyst.user.pk, model="observers.assignment", day_from="2004-09-19") == ["plan"]


def test_wrong_filters_say_what_to_fix(coordinator):
    client = signed_in(coordinator)
    response = client.get(AUDIT, {"day_from": "2004-09-20", "day_to": "2004-09-19"})
    assert response.status_code == 400
    assert "The last day must not come before the first one." in response.content.decode()
    assert client.get(AUDIT, {"model": "auth.user"}).status_code == 400
    assert client.get(AUDIT, {"day_from": "19/09/2004"}).status_code == 400


def test_the_page_reads_a_bounded_number_of_queries(coordinator, django_assert_max_num_queries):
    mission = coordinator.mission
    stations = PollingStationFactory.create_batch(30, region=RegionFactory(mission=mission))
    teams = TeamFactory.create_batch(2, mission=mission)
    with set_actor(coordinator.user):
        for station in stations:
            station.registered_voters += 1
            station.save()
        for observer in ObserverFactory.create_batch(20, mission=mission, team=teams[0]):
            observer.team = teams[1]
            observer.save()
    client = signed_in(coordinator)
    with django_assert_max_num_queries(9):
        response = client.get(AUDIT)
    assert response.status_code == 200
    # 30 stations created and changed, 2 teams, 20 observers created and moved, and the coordinator
    assert response.context["page"].paginator.count == 30 * 2 + 2 + 20 * 2 + 1
    team_moves = [c for row in response.context["rows"] for c in row["changes"] if c[0] == "team" and c[1]]
    assert team_moves and all(c == ("team", teams[0].code, teams[1].code) for c in team_moves)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.LTO, Role.STO])
def test_only_coordinators_see_the_trail(db, role):
    assert signed_in(ObserverFactory(role=role)).get(AUDIT).status_code == 403


def test_anonymous_is_sent_to_login(db):
    response = Client().get(AUDIT)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_station_import_leaves_one_audit_entry_with_the_coordinator(client):
    coordinator = ObserverFactory(role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    csv = b"code,name,region,voters\nA1,School 1,North,100\nA2,School 2,North,200\n"
    client.post("/imports/stations/", {"file": SimpleUploadedFile("stations.csv", csv)})
    client.post("/imports/stations/columns/", {"code": "0", "name": "1", "region": "2", "registered_voters": "3"})
    client.get("/imports/stations/preview/")  # the confirmation must match the preview the coordinator saw
    response = client.post("/imports/stations/preview/", {"confirm_regions": "on"})  # "North" is created
    assert response.status_code == 302, response.content.decode()[-3000:]
    entry = LogEntry.objects.get(object_repr__startswith="Imported stations.csv")
    assert entry.actor == coordinator.user
    assert entry.additional_data == {"mission": coordinator.mission.pk, "count": 2}
