"""A mission at full scale for the deployment tests and bench/lists.py: written with bulk_create, seeded, repeatable."""

import random
from collections import Counter

from django.contrib.auth import get_user_model

from mission.models import District, Mission, PollingStation, Region
from observers.deployment.planner import largest_remainder
from observers.models import Observer, Role, Team
from tests.factories import MissionFactory

# Kazakhstan-sized box: regions spread over it, stations scattered around each region's centre.
LATITUDES = (41.0, 54.0)
LONGITUDES = (51.0, 86.0)


def build_deployment_mission(
    *,
    stations: int = 10_000,
    regions: int = 16,
    lto_teams: int = 20,
    sto_teams: int = 200,
    seed: int = 2004,
    **mission_fields,
) -> Mission:
    rng = random.Random(seed)
    mission = MissionFactory(**mission_fields)
    region_rows = Region.objects.bulk_create(
        Region(
            mission=mission,
            code=f"R{i:02d}",
            name=f"Region {i}",
            latitude=rng.uniform(*LATITUDES),
            longitude=rng.uniform(*LONGITUDES),
        )
        for i in range(regions)
    )
    districts = District.objects.bulk_create(
        District(mission=mission, region=region, code=f"{region.code}-D{j}", name=f"District {region.code}-{j}")
        for region in region_rows
        for j in range(4)
    )
    # Regions differ in size (weight i + 1), as real ones do; one station in a hundred has no coordinates.
    weights = [i + 1 for i in range(regions)]
    station_rows = []
    for n in range(stations):
        region_index = rng.choices(range(regions), weights)[0]
        region = region_rows[region_index]
        located = n % 100 != 99
        station_rows.append(
            PollingStation(
                mission=mission,
                region=region,
                district=districts[region_index * 4 + n % 4],
                code=f"{region_index:02d}.{n:05d}",
                name=f"School No. {n}",
                address=f"{n} Abai Avenue",
                latitude=region.latitude + rng.gauss(0, 0.6) if located else None,
                longitude=region.longitude + rng.gauss(0, 0.9) if located else None,
                registered_voters=rng.randint(200, 3000),
            )
        )
    PollingStation.objects.bulk_create(station_rows, batch_size=2000)

    # Each long-term team covers one region; the spare ones share the largest regions. Short-term teams go to
    # long-term teams in proportion to the stations of their area, as a coordinator would send them.
    lto_rows = Team.objects.bulk_create(
        Team(mission=mission, code=f"LTO-{i + 1:02d}", kind=Team.Kind.LTO, base_city=f"City {i + 1}")
        for i in range(lto_teams)
    )
    area = {
        team.pk: region_rows[i if i < regions else regions - 1 - (i - regions) % regions]
        for i, team in enumerate(lto_rows)
    }
    Team.area.through.objects.bulk_create(Team.area.through(team_id=pk, region=region) for pk, region in area.items())
    sharing = Counter(region.pk for region in area.values())
    region_weight = {region.pk: weights[i] for i, region in enumerate(region_rows)}
    share = largest_remainder(sto_teams, {pk: region_weight[r.pk] / sharing[r.pk] for pk, r in area.items()})
    parents = [team for team in lto_rows for _ in range(share[team.pk])]
    sto_rows = Team.objects.bulk_create(
        Team(
            mission=mission,
            code=f"STO-{i + 1:03d}",
            kind=Team.Kind.STO,
            parent=parent,
            interpreter=f"Interpreter {i + 1}",
            driver=f"Driver {i + 1}",
        )
        for i, parent in enumerate(parents)
    )
    _add_members(mission, lto_rows, Role.LTO)
    _add_members(mission, sto_rows, Role.STO)
    return mission


def _add_members(mission: Mission, teams: list[Team], role: str) -> None:
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"{mission.slug}-{team.code}-{k}".lower(), password="!")
        for team in teams
        for k in (1, 2)
    )
    Observer.objects.bulk_create(
        Observer(mission=mission, user=user, role=role, full_name=f"{team.code} observer {k}", team=team)
        for (team, k), user in zip(((t, k) for t in teams for k in (1, 2)), users)
    )


def propose_and_apply(client, capture_on_commit, *, stations_per_team: int = 10, weight: str = "stations"):
    """Through the pages, as a coordinator does: propose (the outbox job runs on commit, as the worker would), then
    apply the proposal the plan page shows. Returns the apply's response, followed."""
    from observers.models import DeploymentPlan, PlanProposal

    with capture_on_commit(execute=True):
        response = client.post("/deployment/plan/propose/", {"stations_per_team": stations_per_team, "weight": weight})
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = PlanProposal.objects.order_by("-pk").first()
    plan = DeploymentPlan.objects.get(mission=proposal.mission)
    edited = plan.edited_at.isoformat() if plan.edited_at else ""
    return client.post(f"/deployment/plan/proposals/{proposal.pk}/apply/", {"plan_edited_at": edited}, follow=True)
