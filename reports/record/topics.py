"""The weekly report's topics: which answer to which question of the LTO weekly form raises each."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from mission.models import MeetingTopic


@dataclass(frozen=True)
class Topic:
    code: str
    question: str  # a question code of observers/checklists/standard_forms/lto_weekly.json
    values: tuple[str, ...]  # the answers that raise the issue
    label: str  # in the interface (reports print record_texts' "topics")


TOPICS = (
    Topic(MeetingTopic.ADMINISTRATION, "administration_assessment", ("bad", "very_bad"), _("Administration bad")),
    Topic("voter_lists", "voter_list_problems", ("yes",), _("Voter lists")),
    Topic(MeetingTopic.REGISTRATION, "candidate_registration_problems", ("yes",), _("Registration")),
    Topic(MeetingTopic.CAMPAIGN, "campaign_climate", ("tense",), _("Tense campaign")),
    Topic(MeetingTopic.RESOURCES, "misuse_of_resources", ("yes",), _("Administrative resources")),
    Topic(MeetingTopic.PRESSURE, "pressure_on_voters", ("yes",), _("Pressure")),
    Topic(MeetingTopic.MEDIA, "media_problems", ("yes",), _("Media")),
    Topic(MeetingTopic.COMPLAINTS, "complaints_filed", ("yes",), _("Complaints")),
    Topic(MeetingTopic.MINORITIES, "minorities_issues", ("yes",), _("Minorities")),
    Topic(MeetingTopic.WOMEN, "women_participation_issues", ("yes",), _("Women")),
    Topic(MeetingTopic.SECURITY, "security_concerns", ("yes",), _("Security")),
)
BY_CODE = {str(topic.code): topic for topic in TOPICS}
