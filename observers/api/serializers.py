"""The API's shapes: what phones send and receive."""

import copy
import math
import re

from django.conf import settings
from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from mission.models import PollingStation, Region
from observers.accounts.selectors import has_two_factor
from observers.checklists.definitions import TYPES
from observers.logins.messages import address_wait_message, locked_out_message
from observers.models import Assignment, Checklist, Team

TWO_FACTOR_MESSAGE = (
    "This account uses two-factor authentication: log in on the web page with your code; the phone app opened "
    "from that browser is signed in with it."
)
ID_MAX = 2**63 - 1  # the largest id PostgreSQL's bigint holds
# PostgreSQL's JSON cannot hold a NUL character, and UTF-8 has no unpaired surrogate (JSON can say "\ud800").
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE_MESSAGE = "contains a character that cannot be stored (NUL or an unpaired surrogate): remove it."


def _problems(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), **kwargs)


class LoginRefused(exceptions.Throttled):
    """429 with Retry-After, saying in its own words how long (DRF's Throttled appends an English sentence)."""

    def __init__(self, *, wait: float, detail: str):
        super().__init__(detail=detail)
        self.wait = math.ceil(wait)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})

    def validate(self, attrs):
        request = self.context.get("request")
        user = authenticate(request, username=attrs["username"], password=attrs["password"])
        wait = getattr(request, "login_address_wait", 0)  # set by observers.logins.backends
        if wait:
            raise LoginRefused(wait=wait, detail=address_wait_message(wait))
        if getattr(request, "axes_locked_out", False):  # set by django-axes after repeated failures
            raise LoginRefused(wait=settings.AXES_COOLOFF_TIME.total_seconds(), detail=locked_out_message())
        if user is None:
            raise serializers.ValidationError("Wrong username or password: check both and try again.")
        if has_two_factor(user=user):  # a password alone is not enough for this account
            raise serializers.ValidationError(TWO_FACTOR_MESSAGE)
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`. Shown once.")
    expires_at = serializers.DateTimeField()


class TokensRevokedSerializer(serializers.Serializer):
    revoked = serializers.IntegerField(help_text="How many live tokens were revoked.")


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


def _strings(value):
    """Every string inside a decoded JSON value, keys included (iterative: the nesting may be deep)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack += item.keys()
            stack += item.values()
        elif isinstance(item, list):
            stack += item


class SubmissionInputSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(help_text="Made by the phone when the form is started; a resend keeps it.")
    checklist = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, help_text="Id of the checklist version filled in."
    )
    polling_station = serializers.IntegerField(min_value=1, max_value=ID_MAX, required=False, allow_null=True)
    polling_station_code = serializers.CharField(
        max_length=64, required=False, allow_blank=True, help_text="Instead of (or as well as) the station's id."
    )
    answers = serializers.DictField(help_text="Question code → answer.")
    observed_at = serializers.DateTimeField(help_text="When the form was filled, ISO 8601 with a UTC offset.")

    def get_fields(self):
        # DRF deep-copies the declared fields for each serializer, which builds every field anew: a tenth of the
        # CPU a phone's form took. Each serializer still needs its own (binding sets their name and parent); these
        # keep nothing else a request could change, so a shallow copy is enough.
        return {name: copy.copy(field) for name, field in self._declared_fields.items()}

    def validate_answers(self, answers: dict) -> dict:
        problems = {
            code.encode("utf-8", "backslashreplace").decode(): [UNSTORABLE_MESSAGE]
            for code, value in answers.items()
            if any(UNSTORABLE.search(text) for text in _strings({code: value}))
        }
        if problems:
            raise serializers.ValidationError(problems)
        return answers


@extend_schema_field(
    {
        "oneOf": [
            {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            {"type": "array", "items": {"type": "string"}},
        ],
        "description": "Question code → problems; a list of problems when `answers` is not an object at all.",
    }
)
class AnswerProblemsField(serializers.JSONField):
    pass


class SubmissionInvalidSerializer(serializers.Serializer):
    """The 400 answer: each field at fault with its problems; `answers` names each question."""

    checklist = _problems(required=False)
    polling_station = _problems(required=False)
    polling_station_code = _problems(required=False)
    observed_at = _problems(required=False)
    answers = AnswerProblemsField(required=False)


_TIME = serializers.DateTimeField()  # DRF's way of writing a time, shared: the field keeps no state


class SubmissionSerializer(serializers.Serializer):
    """The fields say what a submission looks like (the schema, and the test that holds to_representation to
    them); to_representation writes it without them: it is built for every form a phone sends, and DRF copying a
    serializer's fields for each use was a tenth of the CPU that took (a ModelSerializer would cost twice that)."""

    uuid = serializers.UUIDField(read_only=True)
    mission = serializers.IntegerField(source="mission_id", read_only=True)
    checklist = serializers.IntegerField(source="checklist_id", read_only=True)
    kind = serializers.ChoiceField(source="checklist.kind", choices=Checklist.Kind.choices, read_only=True)
    version = serializers.IntegerField(source="checklist.version", read_only=True)
    polling_station = serializers.IntegerField(source="polling_station_id", read_only=True, allow_null=True)
    polling_station_code = serializers.CharField(source="polling_station.code", read_only=True, allow_null=True)
    team = serializers.IntegerField(source="team_id", read_only=True)
    team_code = serializers.CharField(source="team.code", read_only=True)
    observed_at = serializers.DateTimeField(read_only=True)
    received_at = serializers.DateTimeField(read_only=True)
    answers = serializers.JSONField(read_only=True)

    def to_representation(self, submission):
        station = submission.polling_station
        return {
            "uuid": str(submission.uuid),
            "mission": submission.mission_id,
            "checklist": submission.checklist_id,
            "kind": submission.checklist.kind,
            "version": submission.checklist.version,
            "polling_station": submission.polling_station_id,
            "polling_station_code": station.code if station else None,
            "team": submission.team_id,
            "team_code": submission.team.code,
            "observed_at": _TIME.to_representation(submission.observed_at),
            "received_at": _TIME.to_representation(submission.received_at),
            "answers": submission.answers,
        }


class QuestionSerializer(serializers.Serializer):
    """A question of a form (documentation of the `questions` JSON; see observers/checklists/definitions.py)."""

    code = serializers.CharField()
    type = serializers.ChoiceField(choices=TYPES)
    required = serializers.BooleanField(required=False)
    labels = serializers.DictField(child=serializers.CharField(), help_text="By language: en, ru, kk.")
    choices = serializers.ListField(child=serializers.DictField(), required=False)
    min = serializers.IntegerField(required=False)
    max = serializers.IntegerField(required=False)
    relevant = serializers.DictField(required=False, help_text='Asked only when {"question", "equals"} holds.')
    section = serializers.DictField(child=serializers.CharField(), required=False)


@extend_schema_field(QuestionSerializer(many=True))
class QuestionsField(serializers.JSONField):
    pass


class ChecklistSerializer(serializers.ModelSerializer):
    title = serializers.DictField(child=serializers.CharField(), read_only=True)
    questions = QuestionsField(read_only=True)

    class Meta:
        model = Checklist
        fields = ["id", "mission", "kind", "version", "title", "published_at", "questions"]
        read_only_fields = fields


class RegionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="label", read_only=True, help_text="In the request's language.")

    class Meta:
        model = Region
        fields = ["id", "code", "name"]


class TeamSerializer(serializers.ModelSerializer):
    area = RegionSerializer(many=True, read_only=True)

    class Meta:
        model = Team
        fields = ["id", "code", "kind", "base_city", "area"]


class BallotEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=["list", "candidate"])
    labels = serializers.DictField(child=serializers.CharField(allow_blank=True), help_text="By language: en, ru, kk.")


class StationSerializer(serializers.ModelSerializer):
    ballot = serializers.SerializerMethodField(help_text="The lists and candidates on the station's ballot.")

    class Meta:
        model = PollingStation
        fields = ["id", "code", "name", "address", "latitude", "longitude", "ballot"]

    @extend_schema_field(BallotEntrySerializer(many=True))
    def get_ballot(self, station) -> list[dict]:
        return self.context.get("ballots", {}).get(station.pk, [])


class AssignmentSerializer(serializers.ModelSerializer):
    polling_station = StationSerializer(read_only=True)
    sent = serializers.SerializerMethodField(help_text="What the server holds of the team's forms here")

    class Meta:
        model = Assignment
        fields = ["order", "purpose", "polling_station", "sent"]

    @extend_schema_field(serializers.ChoiceField(choices=["sent", "sent_back"], allow_null=True))
    def get_sent(self, assignment) -> str | None:
        return self.context.get("marks", {}).get(assignment.polling_station_id)


class PlanSerializer(serializers.Serializer):
    mission = serializers.IntegerField(source="mission_id")
    time_zone = serializers.CharField(help_text="The mission's time zone: the phone shows its times in it")
    time_zone_names = serializers.DictField(
        child=serializers.CharField(), help_text="The zone as people name it, per language: 'Astana time'"
    )
    team = TeamSerializer()
    assignments = AssignmentSerializer(many=True)
