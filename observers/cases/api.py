"""The register through the API, for the phone: an LTO sends a case (idempotent on its uuid) and reads and
corrects their team's; the core team the mission's. The same form as the pages checks every field."""

from django.forms.models import model_to_dict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from mission.cases.forms import EDITABLE, CaseFileForm
from mission.cases.models import CaseFile
from mission.cases.services import CaseConflict, case_file_save
from observers.api.serializers import DetailSerializer
from observers.api.submissions import Conflict
from observers.cases.scoping import case_files_visible
from observers.models import Role
from observers.permissions import HasMissionRole


class CaseFileSerializer(serializers.ModelSerializer):
    appeal_of = serializers.CharField(source="appeal_of.number", default=None, allow_null=True)

    class Meta:
        model = CaseFile
        fields = ["id", "uuid", "number", "appeal_of", *EDITABLE, "created_at", "updated_at"]
        read_only_fields = fields


class CaseFileInputSerializer(serializers.Serializer):
    """For the schema: what a phone sends. Fields as on the page; ids for party, commission, region, meeting."""

    uuid = serializers.UUIDField(help_text="Made by the phone when the case is started")
    appeal_of = serializers.IntegerField(required=False, help_text="Id of the case this one appeals")
    complainant_kind = serializers.CharField()
    complainant = serializers.CharField()
    subject = serializers.CharField()
    summary = serializers.CharField()
    body = serializers.CharField()
    filed_on = serializers.DateField()
    source = serializers.CharField()


def _valid(name: str, field: serializers.Field, value):
    """The value parsed by `field`, or a 400 naming the field, as the form's errors do."""
    try:
        return field.run_validation(value)
    except exceptions.ValidationError as error:
        raise exceptions.ValidationError({name: error.detail}) from None


ERRORS = {400: OpenApiTypes.OBJECT, 403: DetailSerializer}


@extend_schema_view(
    list=extend_schema(
        summary="Case files I may see: my team's, or the whole register for the core team",
        responses={200: CaseFileSerializer(many=True), 403: DetailSerializer},
    ),
    retrieve=extend_schema(
        summary="One case file", responses={200: CaseFileSerializer, 403: DetailSerializer, 404: DetailSerializer}
    ),
)
class CaseFileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [HasMissionRole]
    allowed_roles = {Role.COORDINATOR, Role.ANALYST, Role.LTO}
    queryset = CaseFile.objects.none()
    serializer_class = CaseFileSerializer

    def get_queryset(self):
        return case_files_visible(membership=self.request.membership).select_related("appeal_of").order_by("-id")

    def _form(self, data, *, instance=None, appeal_of=None) -> CaseFileForm:
        # Every field of a case is one value: a list or an object in its place is the sender's mistake, not a 500.
        nested = {
            field: ["Give one value here, not a list or an object."]
            for field, value in data.items()
            if isinstance(value, list | dict)
        }
        if nested:
            raise exceptions.ValidationError(nested)
        form = CaseFileForm(data, mission=self.request.membership.mission, instance=instance, appeal_of=appeal_of)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            raise exceptions.ValidationError({field: [e["message"] for e in found] for field, found in errors.items()})
        return form

    @extend_schema(
        summary="Send a case file (idempotent on uuid)",
        request=CaseFileInputSerializer,
        description="201 when stored; 200 with the first case when the same uuid comes again (nothing is written); "
        "400 naming each field at fault; 409 when the uuid belongs to another mission's case.",
        responses={201: CaseFileSerializer, 200: CaseFileSerializer, **ERRORS, 409: DetailSerializer},
    )
    def create(self, request):
        uuid = _valid("uuid", serializers.UUIDField(), request.data.get("uuid"))
        appeal_of = None
        if request.data.get("appeal_of") is not None:
            appeal_id = _valid("appeal_of", serializers.IntegerField(min_value=1), request.data["appeal_of"])
            appeal_of = self.get_queryset().filter(pk=appeal_id).first()
            if appeal_of is None:
                raise exceptions.ValidationError({"appeal_of": ["No case of yours has this id."]})
        try:
            case, created = case_file_save(
                form=self._form(request.data, appeal_of=appeal_of), user=request.user, uuid=uuid
            )
        except CaseConflict:
            raise Conflict("This uuid was used for another case.") from None
        return Response(
            CaseFileSerializer(case).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(
        summary="Correct a case file: the fields sent replace the case's",
        request=CaseFileInputSerializer,
        responses={200: CaseFileSerializer, **ERRORS, 404: DetailSerializer},
    )
    def partial_update(self, request, pk=None):
        case = self.get_object()
        data = {key: value for key, value in model_to_dict(case, fields=EDITABLE).items() if value is not None}
        data.update({key: value for key, value in request.data.items() if key in EDITABLE})
        case, _created = case_file_save(form=self._form(data, instance=case), user=request.user)
        return Response(CaseFileSerializer(case).data)
