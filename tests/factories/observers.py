"""Factories of the observers app: accounts, teams, observers, the plan, checklists and submissions."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from observers.models import Assignment, Checklist, DeploymentPlan, Observer, Role, Submission, Team
from tests.factories.mission import MissionFactory, PollingStationFactory

# A small form with every question type, a follow-up and the overall assessment.
SAMPLE_QUESTIONS = [
    {"code": "arrival_time", "type": "time", "required": True, "labels": {"en": "Arrival time", "kk": "Келу уақыты"}},
    {"code": "voters_on_list", "type": "integer", "required": True, "min": 0, "labels": {"en": "Voters on the list"}},
    {"code": "voted_by_visit", "type": "integer", "required": False, "min": 0, "labels": {"en": "Voted by the visit"}},
    {"code": "secrecy", "type": "yes_no", "required": True, "labels": {"en": "Secrecy of the vote ensured"}},
    {"code": "unauthorised", "type": "yes_no", "required": True, "labels": {"en": "Unauthorised persons present"}},
    {
        "code": "unauthorised_who",
        "type": "multiple",
        "required": True,
        "relevant": {"question": "unauthorised", "equals": "yes"},
        "choices": [
            {"value": "police", "labels": {"en": "Police"}},
            {"value": "officials", "labels": {"en": "Officials"}},
        ],
        "labels": {"en": "Which unauthorised persons?"},
    },
    {"code": "notes", "type": "text", "required": False, "labels": {"en": "Notes"}},
    {
        "code": "overall_assessment",
        "type": "single",
        "required": True,
        "choices": [
            {"value": v, "labels": {"en": v.replace("_", " ")}} for v in ("very_good", "good", "bad", "very_bad")
        ],
        "labels": {"en": "Overall assessment", "kk": "Жалпы баға"},
    },
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    mission = factory.SubFactory(MissionFactory)
    code = factory.Sequence(lambda n: f"T{n:03d}")
    kind = Team.Kind.STO


class ObserverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observer

    mission = factory.SubFactory(MissionFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.STO
    full_name = factory.Sequence(lambda n: f"Observer {n}")
    team = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role in (Role.STO, Role.LTO)),
        yes_declaration=factory.SubFactory(
            TeamFactory,
            mission=factory.SelfAttribute("..mission"),
            kind=factory.LazyAttribute(lambda t: Team.Kind.LTO if t.factory_parent.role == Role.LTO else Team.Kind.STO),
        ),
        no_declaration=None,
    )


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    polling_station = factory.SubFactory(PollingStationFactory, mission=factory.SelfAttribute("..team.mission"))
    order = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def published(assignment, create, extracted, **kwargs):
        """Observers see (and submit against) a published plan only: publish it unless published=False."""
        if create and extracted is not False:
            DeploymentPlan.objects.get_or_create(
                mission=assignment.team.mission,
                defaults={"status": DeploymentPlan.Status.PUBLISHED, "published_at": timezone.now()},
            )


class ChecklistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checklist

    mission = factory.SubFactory(MissionFactory)
    kind = Checklist.Kind.VOTING
    version = 1
    title = factory.LazyAttribute(lambda c: {"en": c.kind.title()})
    questions = factory.LazyFunction(lambda: [dict(q) for q in SAMPLE_QUESTIONS])


def valid_answers(**overrides) -> dict:
    answers = {
        "arrival_time": "09:30",
        "voters_on_list": 1200,
        "voted_by_visit": 300,
        "secrecy": "yes",
        "unauthorised": "no",
        "overall_assessment": "good",
    }
    answers.update(overrides)
    return {k: v for k, v in answers.items() if v is not None}


def protocol_answers(**overrides) -> dict:
    """A standard counting form (observers/checklists/standard_forms/counting.json) whose observers copied a
    protocol that adds up, for a ballot of lists OTAN and AKZHOL and candidates IVANOV and SEITOV."""
    answers = {
        "arrival_time": "19:40",
        "departure_time": "23:10",
        "unused_ballots_cancelled": "yes",
        "signatures_counted": "yes",
        "ballots_received": 1000,
        "ballots_cast": 600,
        "validity_consistent": "yes",
        "figures_reconciled": "yes",
        "protocol_in_ink": "yes",
        "protocol_presigned": "no",
        "protocol_posted": "yes",
        "protocol_copy_given": "yes",
        "protocol_copied": "yes",
        "voters_on_list": 1200,
        "ballots_issued": 610,
        "ballots_spoiled": 5,
        "ballots_unused": 385,
        "valid_ballots": 590,
        "invalid_ballots": 10,
        "votes_lists": {"OTAN": 400, "AKZHOL": 190},
        "votes_candidates": {"IVANOV": 300, "SEITOV": 280},
        "unauthorised_present": "no",
        "observers_restricted": "no",
        "overall_assessment": "good",
    }
    answers.update(overrides)
    return {k: v for k, v in answers.items() if v is not None}


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    checklist = factory.SubFactory(ChecklistFactory)
    mission = factory.SelfAttribute("checklist.mission")
    team = factory.SubFactory(TeamFactory, mission=factory.SelfAttribute("..mission"))
    observer = factory.SubFactory(
        ObserverFactory, mission=factory.SelfAttribute("..mission"), team=factory.SelfAttribute("..team")
    )
    polling_station = factory.SubFactory(PollingStationFactory, mission=factory.SelfAttribute("..mission"))
    answers = factory.LazyFunction(valid_answers)
    observed_at = factory.LazyFunction(timezone.now)
    content_hash = factory.Sequence(lambda n: f"{n:064d}")
