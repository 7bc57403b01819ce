"""Form versions: publishing through the service and the editor page, and who may do it."""

import copy

import pytest

from observers.checklists.forms import QuestionForm
from observers.checklists.services import ChecklistInvalid, ChecklistLocked, checklist_publish, checklist_update
from observers.models import Checklist, Role
from tests.factories import SAMPLE_QUESTIONS, ChecklistFactory, ObserverFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def _questions() -> list[dict]:
    return copy.deepcopy(SAMPLE_QUESTIONS)


def editor_data(questions: list[dict], *, expected_latest: int, title: str = "Voting", deleted=(), order=None) -> dict:
    """What the editor page posts for `questions` (as if the browser showed them in this order)."""
    data = {
        "expected_latest": expected_latest,
        "title_en": title,
        "title_ru": "",
        "title_kk": "",
        "q-TOTAL_FORMS": len(questions),
        "q-INITIAL_FORMS": len(questions),
        "q-MIN_NUM_FORMS": 0,
        "q-MAX_NUM_FORMS": 1000,
    }
    for index, question in enumerate(questions):
        for name, value in QuestionForm.initial_for(question).items():
            if name == "required" and not value:
                continue
            data[f"q-{index}-{name}"] = "" if value is None else value
        data[f"q-{index}-ORDER"] = (order or list(range(1, len(questions) + 1)))[index]
        if index in deleted:
            data[f"q-{index}-DELETE"] = "on"
    return data


@pytest.fixture
def coordinator():
    return ObserverFactory(role=Role.COORDINATOR)


# Service ----------------------------------------------------------------------------------------


def test_publish_numbers_versions_per_form_and_leaves_old_ones_alone(coordinator):
    mission = coordinator.mission
    v1 = ChecklistFactory(mission=mission)
    changed = _questions()
    changed[3]["labels"]["ru"] = "Тайна голосования обеспечена"

    v2 = checklist_publish(mission=mission, kind="voting", title={"en": "Voting"}, questions=changed)
    opening = checklist_publish(mission=mission, kind="opening", title={"en": "Opening"}, questions=_questions())

    assert (v2.version, opening.version) == (2, 1)
    v1.refresh_from_db()
    assert v1.questions == SAMPLE_QUESTIONS
    assert Checklist.objects.get(pk=v2.pk).questions[3]["labels"]["ru"] == "Тайна голосования обеспечена"


def test_a_submission_keeps_its_version(coordinator, client):
    v1 = ChecklistFactory(mission=coordinator.mission)
    submission = SubmissionFactory(checklist=v1)
    changed = _questions()[:-1]  # the overall assessment goes away in v2
    client.force_login(coordinator.user)

    response = client.post(f"/forms/{v1.pk}/edit/", editor_data(changed, expected_latest=1))

    v2 = Checklist.objects.get(mission=coordinator.mission, kind="voting", version=2)
    assert response.status_code == 302 and response["Location"] == f"/forms/{v2.pk}/"
    assert len(v2.questions) == len(SAMPLE_QUESTIONS) - 1
    submission.refresh_from_db()
    v1.refresh_from_db()
    assert submission.checklist_id == v1.pk
    assert v1.questions == SAMPLE_QUESTIONS


def test_a_version_with_submissions_cannot_be_updated():
    checklist = SubmissionFactory().checklist
    changed = _questions()[:2]
    with pytest.raises(ChecklistLocked, match="version 1 has submissions"):
        checklist_update(checklist=checklist, title={"en": "Voting"}, questions=changed)
    checklist.refresh_from_db()
    assert checklist.questions == SAMPLE_QUESTIONS


def test_a_version_without_submissions_can_be_corrected_in_place():
    checklist = ChecklistFactory()
    checklist_update(checklist=checklist, title={"en": "Voting day"}, questions=_questions()[:2])
    checklist.refresh_from_db()
    assert (checklist.title, [q["code"] for q in checklist.questions]) == (
        {"en": "Voting day"},
        ["arrival_time", "voters_on_list"],
    )


def test_publish_refuses_a_stale_editor_an_unchanged_form_and_a_broken_one():
    v1 = ChecklistFactory()
    checklist_publish(mission=v1.mission, kind="voting", title={"en": "Voting"}, questions=_questions()[:3])
    with pytest.raises(ChecklistLocked, match="version 2 was published after you started"):
        checklist_publish(
            mission=v1.mission, kind="voting", title={"en": "Voting"}, questions=_questions(), expected_latest=1
        )
    with pytest.raises(ChecklistInvalid, match="nothing changed: version 2"):
        checklist_publish(mission=v1.mission, kind="voting", title={"en": "Voting"}, questions=_questions()[:3])
    broken = _questions()
    broken[5]["relevant"] = {"question": "secrecy", "equals": "maybe"}
    broken[1]["min"] = 10
    broken[1]["max"] = 5
    with pytest.raises(ChecklistInvalid) as refused:
        checklist_publish(mission=v1.mission, kind="voting", title={}, questions=broken)
    assert refused.value.problems == [
        "the form needs an English title",
        "question 2 (voters_on_list): the minimum is more than the maximum",
        "question 6 (unauthorised_who): follow-up value 'maybe' is not an answer of secrecy (answers: yes, no, na)",
    ]
    assert Checklist.objects.filter(mission=v1.mission).count() == 2


# Pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, status",
    [
        (Role.COORDINATOR, 200),
        (Role.ANALYST, 200),
        (Role.LTO, 403),
        (Role.STO, 403),
    ],
)
@pytest.mark.parametrize(
    "page", ["/forms/", "/forms/{pk}/", "/forms/{pk}/edit/", "/forms/{pk}/xlsform/", "/forms/import/"]
)
def test_only_the_core_team_manages_forms(client, role, status, page):
    member = ObserverFactory(role=role)
    checklist = ChecklistFactory(mission=member.mission)
    client.force_login(member.user)
    assert client.get(page.format(pk=checklist.pk)).status_code == status


def test_core_team_cannot_reach_another_missions_forms(client, coordinator):
    elsewhere = ChecklistFactory()
    client.force_login(coordinator.user)
    for page in ("/forms/{pk}/", "/forms/{pk}/edit/", "/forms/{pk}/xlsform/"):
        assert client.get(page.format(pk=elsewhere.pk)).status_code == 404
    response = client.post(f"/forms/{elsewhere.pk}/edit/", editor_data(_questions()[:2], expected_latest=1))
    assert response.status_code == 404
    assert Checklist.objects.count() == 1


def test_anonymous_is_sent_to_login(client):
    response = client.get("/forms/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_list_shows_versions_and_submissions_per_version(client, coordinator, django_assert_max_num_queries):
    mission = coordinator.mission
    voting_v1 = ChecklistFactory(mission=mission)
    voting_v2 = ChecklistFactory(mission=mission, version=2)
    ChecklistFactory(mission=mission, kind="counting")
    SubmissionFactory.create_batch(3, checklist=voting_v1)
    SubmissionFactory(checklist=voting_v2)
    ChecklistFactory(kind="opening")  # another mission's
    client.force_login(coordinator.user)

    with django_assert_max_num_queries(6):
        response = client.get("/forms/")

    forms = response.context["forms"]
    assert [(f["kind"], f["latest"].version, len(f["versions"]), f["submissions"]) for f in forms] == [
        ("voting", 2, 2, 4),
        ("counting", 1, 1, 0),
    ]
    assert [v.submission_count for v in forms[0]["versions"]] == [1, 3]
    assert "v1</a>: 3" in response.content.decode()


def test_form_page_shows_the_questions_in_the_chosen_language(client, coordinator):
    questions = _questions()
    questions[0]["labels"]["ru"] = "Время прибытия"
    checklist = ChecklistFactory(
        mission=coordinator.mission, questions=questions, title={"en": "Voting", "kk": "Дауыс беру"}
    )
    client.force_login(coordinator.user)

    russian = client.get(f"/forms/{checklist.pk}/?lang=ru").content.decode()
    kazakh = client.get(f"/forms/{checklist.pk}/?lang=kk").content.decode()

    assert "Время прибытия" in russian and "Arrival time" not in russian
    assert "Secrecy of the vote ensured" in russian  # no Russian label: English stands in
    assert "<h1>Дауыс беру" in kazakh and "Жалпы баға" in kazakh
    assert "only when unauthorised is “Иә”" in kazakh


def test_editor_reorders_removes_adds_and_changes_questions(client, coordinator):
    v1 = ChecklistFactory(mission=coordinator.mission)
    client.force_login(coordinator.user)
    questions = _questions()
    questions[3]["required"] = False
    questions[3]["labels"]["kk"] = "Дауыс беру құпиялығы қамтамасыз етілді"
    questions[3]["section"] = {"en": "Secrecy"}
    questions.append(
        {"code": "queue", "type": "integer", "required": False, "max": 500, "labels": {"en": "People queueing"}}
    )
    # notes (index 6) removed, the new question moved to the top
    order = [2, 3, 4, 5, 6, 7, 8, 9, 1]
    data = editor_data(questions, expected_latest=1, deleted=(6,), order=order)

    response = client.post(f"/forms/{v1.pk}/edit/", data)

    assert response.status_code == 302
    v2 = Checklist.objects.get(mission=coordinator.mission, kind="voting", version=2)
    assert [q["code"] for q in v2.questions] == [
        "queue",
        "arrival_time",
        "voters_on_list",
        "voted_by_visit",
        "secrecy",
        "unauthorised",
        "unauthorised_who",
        "overall_assessment",
    ]
    assert v2.questions[0] == {
        "code": "queue",
        "type": "integer",
        "required": False,
        "max": 500,
        "labels": {"en": "People queueing"},
    }
    assert v2.questions[4] == {**SAMPLE_QUESTIONS[3], **{k: questions[3][k] for k in ("required", "labels", "section")}}
    assert v2.questions[6] == SAMPLE_QUESTIONS[5]


def test_editor_shows_problems_on_their_question_and_writes_nothing(client, coordinator):
    v1 = ChecklistFactory(mission=coordinator.mission)
    client.force_login(coordinator.user)
    questions = _questions()
    questions[5]["relevant"] = {"question": "overall_assessment", "equals": "bad"}  # a later question
    data = editor_data(questions, expected_latest=1)
    data["q-6-code"] = "Notes!"

    response = client.post(f"/forms/{v1.pk}/edit/", data)

    assert response.status_code == 400
    forms = response.context["formset"].forms
    assert forms[5].non_field_errors() == ["follow-up of an unknown or later question"]
    assert forms[6].non_field_errors() == ["code must be lower-case letters, digits and _"]
    assert Checklist.objects.count() == 1


def test_editor_refuses_when_someone_published_meanwhile(client, coordinator):
    v1 = ChecklistFactory(mission=coordinator.mission)
    ChecklistFactory(mission=coordinator.mission, version=2)
    client.force_login(coordinator.user)

    response = client.post(f"/forms/{v1.pk}/edit/", editor_data(_questions()[:4], expected_latest=1))

    assert response.status_code == 400
    assert "version 2 was published after you started" in response.content.decode()
    assert Checklist.objects.count() == 2


def test_editor_choices_are_one_a_line(client, coordinator):
    v1 = ChecklistFactory(mission=coordinator.mission, questions=_questions()[:1])
    client.force_login(coordinator.user)
    data = editor_data(_questions()[:1], expected_latest=1)
    data.update(
        {
            "q-TOTAL_FORMS": 2,
            "q-1-code": "present",
            "q-1-type": "multiple",
            "q-1-label_en": "Who was present?",
            "q-1-choices": "police | Police | Полиция | Полиция\n\nofficials | Officials\n",
            "q-1-ORDER": 2,
        }
    )

    assert client.post(f"/forms/{v1.pk}/edit/", data).status_code == 302

    assert Checklist.objects.get(version=2).questions[1]["choices"] == [
        {"value": "police", "labels": {"en": "Police", "ru": "Полиция", "kk": "Полиция"}},
        {"value": "officials", "labels": {"en": "Officials"}},
    ]


def test_admin_makes_a_version_with_submissions_read_only(admin_client):
    used, unused = SubmissionFactory().checklist, ChecklistFactory()
    assert 'name="questions"' not in admin_client.get(f"/admin/observers/checklist/{used.pk}/change/").content.decode()
    assert 'name="questions"' in admin_client.get(f"/admin/observers/checklist/{unused.pk}/change/").content.decode()


def _as_the_browser_sends(response) -> dict:
    """The editor page's fields with the values it shows, as a browser would post them untouched."""
    data = {}
    formset = response.context["formset"]
    for form in (response.context["title_form"], formset.management_form, *formset.forms):
        for field in form:
            value = field.value()
            if value is not None and value is not False:
                data[field.html_name] = "on" if value is True else value
    return data


@pytest.mark.parametrize("kind", Checklist.Kind.values)
def test_the_editor_keeps_every_standard_form_as_it_is(client, coordinator, kind):
    from observers.checklists.standard_forms import standard_form_load

    form = standard_form_load(kind)
    checklist = ChecklistFactory(
        mission=coordinator.mission, kind=kind, title=form["title"], questions=form["questions"]
    )
    client.force_login(coordinator.user)
    data = _as_the_browser_sends(client.get(f"/forms/{checklist.pk}/edit/"))

    response = client.post(f"/forms/{checklist.pk}/edit/", data)

    assert response.status_code == 400
    assert "nothing changed: version 1 already has these questions" in response.content.decode()
