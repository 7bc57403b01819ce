"""The day's plan for the phone: the caller's team and the stations it visits, in order, once published."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from mission.clock import zone_labels
from mission.results.ballot import ballots_of_stations
from observers.api.serializers import DetailSerializer, PlanSerializer
from observers.deployment.selectors import published_team_plan
from observers.models import Role
from observers.permissions import HasMissionRole
from observers.submissions.selectors import team_station_marks
from observers.submissions.services import NO_TEAM_MESSAGE


class PlanApi(APIView):
    permission_classes = [HasMissionRole]
    allowed_roles = (Role.LTO, Role.STO)

    @extend_schema(
        summary="My team and the stations it plans to visit, in order",
        responses={200: PlanSerializer, 403: DetailSerializer},
    )
    def get(self, request):
        team = request.membership.team
        if team is None:
            raise exceptions.PermissionDenied(NO_TEAM_MESSAGE)
        assignments = list(published_team_plan(team=team))
        stations = [assignment.polling_station for assignment in assignments]
        ballots = ballots_of_stations(mission_id=team.mission_id, stations=stations) if stations else {}
        zone = request.membership.mission.time_zone
        plan = {
            "mission_id": request.membership.mission_id,
            "time_zone": zone,
            "time_zone_names": zone_labels(zone),
            "team": team,
            "assignments": assignments,
        }
        marks = team_station_marks(team=team) if stations else {}
        return Response(PlanSerializer(plan, context={"ballots": ballots, "marks": marks}).data)
