"""Plan changes a coordinator can trust: the planner runs in the background (a status row run by an outbox job,
its progress polled), and propose, publish and withdraw each show what they change before they change it."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from mission.models import PollingStation
from observers.deployment import services
from observers.models import Assignment, DeploymentPlan, OutboxJob, PlanProposal, Role, Team
from tests.factories import (
    AssignmentFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    TeamFactory,
)
from tests.observers.deployment.helpers import build_deployment_mission, propose_and_apply


@pytest.fixture
def coordinator(db):
    return ObserverFactory(role=Role.COORDINATOR, full_name="Chief Coordinator")


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator.user)
    return client


@pytest.fixture
def two_teams(coordinator):
    """Two short-term teams of two observers each, in a region of six stations."""
    mission = coordinator.mission
    region = RegionFactory(mission=mission)
    PollingStationFactory.create_batch(6, region=region, mission=mission, latitude=43.2, longitude=76.9)
    teams = [TeamFactory(mission=mission, code=f"STO-{n}", kind=Team.Kind.STO) for n in (1, 2)]
    for team in teams:
        ObserverFactory.create_batch(2, mission=mission, role=Role.STO, team=team)
    return teams


def _propose(client, capture, **form):
    with capture(execute=True):
        response = client.post("/deployment/plan/propose/", {"stations_per_team": 3, "weight": "stations", **form})
    return response


def test_a_proposal_runs_in_the_background_and_changes_nothing_until_applied(
    signed_in, two_teams, django_capture_on_commit_callbacks
):
    response = _propose(signed_in, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    proposal = PlanProposal.objects.get()
    assert proposal.job.kind == OutboxJob.Kind.DEPLOYMENT_PROPOSE and proposal.job.status == "done"
    assert proposal.status == "done" and proposal.progress == 100 and len(proposal.routes) == 6
    assert not Assignment.objects.exists()  # the draft is as it was

    page = signed_in.get("/deployment/plan/")
    changes = page.context["proposal_changes"]
    assert changes == {
        "teams": 2,
        "team_codes": ["STO-1", "STO-2"],
        "stations_added": 6,
        "stations_removed": 0,
        "stations_after": 6,
        "observers": 4,
    }
    text = page.content.decode()
    assert "2 teams whose route changes" in text and "4 observers will see a different plan" in text

    response = propose_and_apply_last(signed_in)
    assert response.status_code == 200
    assert Assignment.objects.count() == 6
    assert PlanProposal.objects.get().applied_at is not None
    assert signed_in.get("/deployment/plan/").context["proposal"] is None


def propose_and_apply_last(client):
    proposal = PlanProposal.objects.order_by("-pk").first()
    plan = DeploymentPlan.objects.get(mission=proposal.mission)
    edited = plan.edited_at.isoformat() if plan.edited_at else ""
    return client.post(f"/deployment/plan/proposals/{proposal.pk}/apply/", {"plan_edited_at": edited}, follow=True)


def test_applying_is_refused_when_the_draft_changed_after_the_changes_were_shown(
    signed_in, two_teams, django_capture_on_commit_callbacks
):
    _propose(signed_in, django_capture_on_commit_callbacks)
    proposal = PlanProposal.objects.get()
    shown = signed_in.get("/deployment/plan/").context["plan_edited_at"]
    station = PollingStationFactory(mission=two_teams[0].mission, region=RegionFactory(mission=two_teams[0].mission))
    signed_in.post(f"/deployment/plan/teams/{two_teams[0].pk}/add/", {"station": station.pk})

    response = signed_in.post(f"/deployment/plan/proposals/{proposal.pk}/apply/", {"plan_edited_at": shown})

    assert response.status_code == 400
    assert "The draft has changed since these changes were worked out" in response.content.decode()
    assert list(Assignment.objects.values_list("polling_station", flat=True)) == [station.pk]


def test_replacing_a_draft_counts_stations_added_and_removed_and_the_teams_that_change(
    signed_in, two_teams, django_capture_on_commit_callbacks
):
    first, second = two_teams
    elsewhere = PollingStationFactory(mission=first.mission, region=RegionFactory(mission=first.mission))
    AssignmentFactory(team=first, polling_station=elsewhere, order=1, published=False)
    _propose(signed_in, django_capture_on_commit_callbacks)

    changes = signed_in.get("/deployment/plan/").context["proposal_changes"]

    assert changes["teams"] == 2 and changes["stations_added"] == 6 and changes["stations_removed"] == 1


def test_the_status_of_a_proposal_is_polled_as_json_and_a_failed_job_shows_as_failed(signed_in, two_teams):
    proposal = services.plan_proposal_request(mission=two_teams[0].mission, stations_per_team=3)

    state = signed_in.get(f"/deployment/plan/proposals/{proposal.pk}/status.json").json()
    assert state["status"] == "queued" and state["progress"] == 0 and state["stage_label"] == "Waiting for a worker"
    page = signed_in.get("/deployment/plan/").content.decode()
    assert "proposal_progress.js" in page and 'data-status="queued"' in page

    OutboxJob.objects.filter(pk=proposal.job_id).update(status="failed", last_error="MemoryError: out of memory")
    state = signed_in.get(f"/deployment/plan/proposals/{proposal.pk}/status.json").json()
    assert state["status"] == "failed" and "out of memory" in state["error"]


def test_one_proposal_at_a_time_and_none_while_the_plan_is_published(signed_in, two_teams):
    mission = two_teams[0].mission
    services.plan_proposal_request(mission=mission, stations_per_team=3)

    response = signed_in.post("/deployment/plan/propose/", {"stations_per_team": 3, "weight": "stations"})
    assert response.status_code == 400
    assert "already working on a proposal" in response.content.decode()

    PlanProposal.objects.update(status="done")
    DeploymentPlan.objects.filter(mission=mission).update(status="published", published_at="2024-09-19T06:00Z")
    response = signed_in.post("/deployment/plan/propose/", {"stations_per_team": 3, "weight": "stations"})
    assert response.status_code == 400 and "withdraw it before" in response.content.decode()


def test_a_proposal_that_cannot_run_fails_with_the_reason(signed_in, two_teams, django_capture_on_commit_callbacks):
    proposal = services.plan_proposal_request(mission=two_teams[0].mission, stations_per_team=3)
    Team.objects.filter(kind=Team.Kind.STO).delete()  # gone before a worker got to it

    services.plan_proposals_run([{"proposal_id": proposal.pk}])

    proposal.refresh_from_db()
    assert proposal.status == "failed" and "no short-term teams" in proposal.error
    page = signed_in.get("/deployment/plan/").content.decode()
    assert "The planner could not propose a plan" in page
    signed_in.post(f"/deployment/plan/proposals/{proposal.pk}/discard/")
    assert not PlanProposal.objects.exists()


def test_a_running_proposal_cannot_be_discarded(signed_in, two_teams):
    proposal = services.plan_proposal_request(mission=two_teams[0].mission, stations_per_team=3)
    response = signed_in.post(f"/deployment/plan/proposals/{proposal.pk}/discard/")
    assert response.status_code == 400 and "still working" in response.content.decode()


def test_another_missions_proposal_is_not_found(signed_in, db):
    other = TeamFactory(kind=Team.Kind.STO)
    PollingStationFactory(mission=other.mission)
    proposal = services.plan_proposal_request(mission=other.mission, stations_per_team=3)
    assert signed_in.get(f"/deployment/plan/proposals/{proposal.pk}/status.json").status_code == 404
    assert signed_in.post(f"/deployment/plan/proposals/{proposal.pk}/apply/").status_code == 404


def test_publish_asks_first_showing_who_will_see_the_plan(signed_in, coordinator, two_teams):
    first, _second = two_teams
    for order in (1, 2):
        AssignmentFactory(team=first, order=order, published=False)

    page = signed_in.get("/deployment/plan/publish/")

    assert page.status_code == 200
    assert page.context["changes"]["teams"] == 1 and page.context["changes"]["observers"] == 2
    text = page.content.decode()
    assert "Publish the plan?" in text and "2 observers will see a different plan" in text
    assert not DeploymentPlan.objects.filter(status="published").exists()  # asking changes nothing

    response = signed_in.post("/deployment/plan/publish/", follow=True)
    assert "by Chief Coordinator" in response.content.decode()

    page = signed_in.get("/deployment/plan/withdraw/")
    assert page.context["changes"]["observers"] == 2 and page.context["changes"]["stations_removed"] == 2
    assert "Withdraw the plan?" in page.content.decode()
    assert DeploymentPlan.objects.get(mission=coordinator.mission).status == "published"


def test_the_plan_page_lists_teams_by_page_with_search_and_filters(
    db, client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    mission = build_deployment_mission(stations=2_000, regions=4, lto_teams=4, sto_teams=120)
    coordinator = ObserverFactory(mission=mission, role=Role.COORDINATOR)
    client.force_login(coordinator.user)
    propose_and_apply(client, django_capture_on_commit_callbacks, stations_per_team=5)
    Assignment.objects.filter(team__code="STO-007").delete()
    lto = Team.objects.get(mission=mission, code="LTO-02")
    region = Assignment.objects.filter(team__code="STO-010").first().polling_station.region

    def codes(**query):
        with django_assert_max_num_queries(15):
            response = client.get("/deployment/plan/", query)
        assert response.status_code == 200
        return response.context["page"]

    assert codes().paginator.count == 120 and len(codes().object_list) == 50
    assert [t.code for t in codes(page=3)][0] == "STO-101"
    assert [t.code for t in codes(q="sto-007 observer 1")] == ["STO-007"]
    assert [t.code for t in codes(state="empty")] == ["STO-007"]
    assert all(t.parent_id == lto.pk for t in codes(parent=lto.pk))
    in_region = codes(region=region.pk)
    assert "STO-010" in [t.code for t in in_region] and in_region.paginator.count < 120
    assert "No short-term team matches these filters." in client.get("/deployment/plan/", {"q": "zzz"}).content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_progress_is_seen_by_others_while_the_jobs_transaction_is_open():
    team = TeamFactory(kind=Team.Kind.STO)
    PollingStationFactory(mission=team.mission)
    proposal = services.plan_proposal_request(mission=team.mission, stations_per_team=3)  # run at once (eager)
    assert PlanProposal.objects.get().status == "done"
    PlanProposal.objects.update(status="queued", stage="waiting", progress=0)
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with transaction.atomic(), services._progress_writer(proposal.pk) as progress:
            progress(PlanProposal.Stage.ROUTING, 40)
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT status, stage, progress FROM observers_planproposal WHERE id = %s", [proposal.pk]
                )
                assert cursor.fetchone() == ("running", "routing", 40)
    finally:
        other.close()


def test_a_proposal_whose_stations_are_gone_is_not_applied(signed_in, two_teams, django_capture_on_commit_callbacks):
    _propose(signed_in, django_capture_on_commit_callbacks)
    proposal = PlanProposal.objects.get()
    PollingStation.objects.filter(pk=proposal.routes[0][1]).delete()  # an import undone meanwhile

    response = propose_and_apply_last(signed_in)

    assert response.status_code == 400
    assert "have been removed since it was made: propose again" in response.content.decode()
    assert not Assignment.objects.exists()
