"""The weekly report's topics: which answer to which question of the LTO weekly form raises each."""

from dataclasses import dataclass

from mission.models import MeetingTopic


@dataclass(frozen=True)
class Topic:
    code: str
    question: str  # a question code of observers/checklists/standard_forms/lto_weekly.json
    values: tuple[str, ...]  # the answers that raise the issue


TOPICS = (
    Topic(MeetingTopic.ADMINISTRATION, "administration_assessment", ("bad", "very_bad")),
    Topic("voter_lists", "voter_list_problems", ("yes",)),
    Topic(MeetingTopic.REGISTRATION, "candidate_registration_problems", ("yes",)),
    Topic(MeetingTopic.CAMPAIGN, "campaign_climate", ("tense",)),
    Topic(MeetingTopic.RESOURCES, "misuse_of_resources", ("yes",)),
    Topic(MeetingTopic.PRESSURE, "pressure_on_voters", ("yes",)),
    Topic(MeetingTopic.MEDIA, "media_problems", ("yes",)),
    Topic(MeetingTopic.COMPLAINTS, "complaints_filed", ("yes",)),
    Topic(MeetingTopic.MINORITIES, "minorities_issues", ("yes",)),
    Topic(MeetingTopic.WOMEN, "women_participation_issues", ("yes",)),
    Topic(MeetingTopic.SECURITY, "security_concerns", ("yes",)),
)
BY_CODE = {str(topic.code): topic for topic in TOPICS}
