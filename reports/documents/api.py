"""The reports API: a report's settings (whether its shares carry their intervals), start a compilation, follow
it, download its PDF. Core team only, scoped to their missions."""

import json

from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from observers.permissions import IsCore
from reports.documents.render.pdf import pdf_response
from reports.documents.services import compilation_request, report_update
from reports.findings.selectors import (
    compilations_visible_to,
    core_mission_of,
    findings_summary,
    reports_visible_to,
)
from reports.models import Compilation, Report


class PDFRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; errors go out as JSON (see CompilationViewSet)."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data).encode()


class ReportSerializer(serializers.ModelSerializer):
    mission = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Report
        fields = ["id", "mission", "kind", "title", "issued_on", "final", "margins"]
        read_only_fields = ["id", "mission", "kind", "title", "issued_on", "final"]
        extra_kwargs = {
            "margins": {
                "help_text": (
                    "Print each share with its 95 % interval (“11 per cent (95 % interval 9–13) of 1,445 …”) and, "
                    "once, whether the stations were drawn at random and so what the intervals describe."
                )
            }
        }


@extend_schema_view(
    list=extend_schema(summary="Reports of my missions"),
    retrieve=extend_schema(summary="One report's settings"),
    partial_update=extend_schema(summary="Change a report's settings (margins)"),
)
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsCore]
    serializer_class = ReportSerializer
    queryset = Report.objects.none()  # for the schema; get_queryset scopes the real one
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return reports_visible_to(user=self.request.user)

    def perform_update(self, serializer):
        try:
            report_update(report=serializer.instance, **serializer.validated_data)
        except ValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from error


class CompilationInputSerializer(serializers.Serializer):
    mission = serializers.SlugField(required=False, help_text="Mission slug; default: the mission you are working on.")
    kind = serializers.ChoiceField(choices=Report.Kind.choices)
    language = serializers.ChoiceField(choices=Compilation.Language.choices)


class CompilationSerializer(serializers.ModelSerializer):
    mission = serializers.SlugRelatedField(source="report.mission", slug_field="slug", read_only=True)
    kind = serializers.CharField(source="report.kind", read_only=True)
    requested_by = serializers.CharField(source="requested_by.username", read_only=True, allow_null=True)
    pdf_url = serializers.SerializerMethodField(help_text="Where to download the PDF once the status is done.")

    class Meta:
        model = Compilation
        fields = [
            "id",
            "mission",
            "report",
            "kind",
            "language",
            "status",
            "stage",
            "progress",
            "error",
            "requested_by",
            "requested_at",
            "started_at",
            "finished_at",
            "attempts",
            "findings_at",
            "submissions_covered",
            "final",
            "pdf_url",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "final": {"help_text": "Made from a report marked final: the published report, never compiled again."}
        }

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf_url(self, compilation: Compilation) -> str | None:
        if compilation.status != Compilation.Status.DONE:
            return None
        return self.context["request"].build_absolute_uri(reverse("api-compilation-pdf", args=[compilation.pk]))


class CompilationDetailSerializer(CompilationSerializer):
    findings = serializers.SerializerMethodField(help_text="Headline figures: forms, stations, negative assessments.")

    class Meta(CompilationSerializer.Meta):
        fields = [*CompilationSerializer.Meta.fields, "findings"]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_findings(self, compilation: Compilation) -> dict | None:
        return findings_summary(findings=compilation.findings)


@extend_schema_view(
    list=extend_schema(summary="Compilations of my missions' reports, newest first"),
    retrieve=extend_schema(summary="One compilation: status, error, headline findings, PDF link"),
)
class CompilationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsCore]
    queryset = Compilation.objects.none()  # for the schema; get_queryset scopes the real one
    filterset_fields = ["status", "language"]

    def get_queryset(self):
        compilations = compilations_visible_to(user=self.request.user)
        return compilations.defer("findings") if self.action == "list" else compilations

    def get_serializer_class(self):
        return CompilationSerializer if self.action == "list" else CompilationDetailSerializer

    def finalize_response(self, request, response, *args, **kwargs):
        # A refusal or a 409 asked for as PDF is JSON all the same, and says so in its Content-Type.
        if response.status_code >= 400 and isinstance(getattr(request, "accepted_renderer", None), PDFRenderer):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    @extend_schema(
        summary="Compile a report (in the background)",
        description=(
            "202 with the queued compilation; follow it at its URL until the status is done or failed (`stage` and "
            "`progress`, per cent, tell how far it has got). A report marked final compiles as the published report, "
            "once per language; 400 names what to fix first (guide text left in a section, a data block that cannot "
            "be placed, a reference to no paragraph, a footnote with no text). Any other report compiles as a draft."
        ),
        request=CompilationInputSerializer,
        responses={202: CompilationDetailSerializer, 400: OpenApiResponse(description="What to fix, by field.")},
    )
    def create(self, request):
        data = CompilationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        slug = data.validated_data.get("mission")
        mission = core_mission_of(user=request.user, slug=slug) if slug else request.membership.mission
        if mission is None:
            raise exceptions.ValidationError(
                {"mission": [f"You are not a coordinator or analyst of a mission {slug!r}."]}
            )
        try:
            compilation = compilation_request(
                mission=mission,
                kind=data.validated_data["kind"],
                language=data.validated_data["language"],
                requested_by=request.user,
            )
        except ValidationError as error:
            raise exceptions.ValidationError(error.message_dict) from error
        compilation.refresh_from_db()  # an eager run has finished it by now
        body = CompilationDetailSerializer(compilation, context={"request": request}).data
        return Response(
            body,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": reverse("api-compilation-detail", args=[compilation.pk])},
        )

    @extend_schema(
        summary="Download the compiled PDF",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: OpenApiResponse(), 409: OpenApiResponse()},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PDFRenderer])
    def pdf(self, request, pk=None):
        compilation = self.get_object()
        if compilation.status != Compilation.Status.DONE:
            return Response(
                {"detail": f"The compilation is {compilation.status}; the PDF can be downloaded once it is done."},
                status=status.HTTP_409_CONFLICT,
            )
        return pdf_response(compilation)
