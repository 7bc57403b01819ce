"""Read-only API for the needs-assessment data, for the core team, scoped to the caller's current mission."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.response import Response

from mission import selectors
from mission.models import CommissionLevel, CommissionMember, ElectionCommission, Invitation, Meeting
from observers.permissions import IsCore

LEVEL_PARAMETER = OpenApiParameter(
    "level", OpenApiTypes.STR, enum=CommissionLevel.values, description="Only commissions of this level."
)


class MemberSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="nominated_by.name", default=None, allow_null=True)

    class Meta:
        model = CommissionMember
        fields = ["id", "full_name", "position", "nominated_by", "party", "nominating_body", "appointed"]


class CommissionSerializer(serializers.ModelSerializer):
    polling_station = serializers.CharField(source="polling_station.code", default=None, allow_null=True)
    appointed_count = serializers.IntegerField(read_only=True)
    members = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = ElectionCommission
        fields = [
            "id",
            "level",
            "name",
            "name_ru",
            "name_kk",
            "region",
            "district",
            "polling_station",
            "size",
            "parent",
            "appointed_count",
            "members",
        ]


class NominatorSerializer(serializers.Serializer):
    party_id = serializers.IntegerField(allow_null=True)
    nominator = serializers.CharField()
    nominated = serializers.IntegerField()
    appointed = serializers.IntegerField()
    appointed_share = serializers.FloatField(allow_null=True, help_text="Per cent of the nominees appointed")
    seat_share = serializers.FloatField(allow_null=True, help_text="Per cent of the level's appointed members")


class LevelCompositionSerializer(serializers.Serializer):
    level = serializers.CharField(help_text='Empty for the sum over all levels ("All levels")')
    label = serializers.CharField()
    commissions = serializers.IntegerField()
    seats = serializers.IntegerField()
    appointed = serializers.IntegerField()
    vacant = serializers.IntegerField()
    rows = NominatorSerializer(many=True)


class InvitationSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name")
    category = serializers.CharField(source="organisation.category")

    class Meta:
        model = Invitation
        fields = ["id", "organisation", "organisation_name", "category", "attended", "attendees"]


class MeetingSerializer(serializers.ModelSerializer):
    invitations = InvitationSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "date",
            "starts_at",
            "ends_at",
            "city",
            "name",
            "name_ru",
            "name_kk",
            "notes",
            "invitations",
        ]


class MissionReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Lists and details of the caller's current mission only: another mission's record is a 404."""

    permission_classes = [IsCore]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no caller
            return self.serializer_class.Meta.model.objects.none()
        return self.mission_queryset(self.request.membership.mission)


class CommissionViewSet(MissionReadOnlyViewSet):
    """Election commissions of the mission, highest level first, each with its members and nominees."""

    serializer_class = CommissionSerializer
    filterset_fields = ["level", "region", "parent"]

    def mission_queryset(self, mission):
        return selectors.commissions_with_members(mission=mission)


class MeetingViewSet(MissionReadOnlyViewSet):
    """The programme of meetings by date and time, each with the organisations invited and who attended."""

    serializer_class = MeetingSerializer
    filterset_fields = ["date", "city"]

    def mission_queryset(self, mission):
        return selectors.meeting_programme(mission=mission)


class CompositionViewSet(viewsets.ViewSet):
    """Members of the election commissions by nominating party, per level: nominated, appointed, shares."""

    permission_classes = [IsCore]

    @extend_schema(parameters=[LEVEL_PARAMETER], responses=LevelCompositionSerializer(many=True))
    def list(self, request):
        level = request.query_params.get("level") or None
        if level is not None and level not in CommissionLevel.values:
            raise exceptions.ValidationError({"level": f"Choose one of: {', '.join(CommissionLevel.values)}."})
        blocks = selectors.composition_by_party(mission=request.membership.mission, level=level)
        return Response(LevelCompositionSerializer(blocks, many=True).data)
