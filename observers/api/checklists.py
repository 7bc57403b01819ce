"""The checklists a phone may fill: the latest version of each kind of the caller's missions, or every version."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from observers.api.serializers import ChecklistSerializer
from observers.checklists.selectors import checklists_visible_to
from observers.models import Checklist
from observers.permissions import HasMissionRole


@extend_schema_view(
    list=extend_schema(
        summary="Form definitions of my missions: the latest version of each kind",
        parameters=[OpenApiParameter("all", bool, description="Every version, not only the latest.")],
    ),
    retrieve=extend_schema(summary="One form definition with its questions"),
)
class ChecklistViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [HasMissionRole]
    queryset = Checklist.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = ChecklistSerializer

    def get_queryset(self):
        every_version = self.action != "list" or self.request.query_params.get("all") in ("1", "true")
        return checklists_visible_to(user=self.request.user, latest_only=not every_version)
