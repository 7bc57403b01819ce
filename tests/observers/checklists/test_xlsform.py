"""XLSForm export and import: the round trip, the standard's shape, and broken files."""

import copy
import io
import json
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from observers.checklists import standard_forms
from observers.checklists.xlsform import XLSFormInvalid, xlsform_export, xlsform_import
from observers.models import Checklist, Role
from tests.factories import SAMPLE_QUESTIONS, ChecklistFactory, ObserverFactory

pytestmark = pytest.mark.django_db

STANDARD_FORMS = sorted(standard_forms.FORMS_DIR.glob("*.json"))

EVERY_TYPE = [
    {
        "code": "arrival_time",
        "type": "time",
        "required": True,
        "section": {"en": "Arrival", "ru": "Прибытие", "kk": "Келу"},
        "labels": {"en": "Arrival time", "ru": "Время прибытия", "kk": "Келу уақыты"},
    },
    {
        "code": "voters_on_list",
        "type": "integer",
        "required": True,
        "min": 0,
        "max": 5000,
        "labels": {"en": "Voters on the list", "ru": "Избирателей в списке", "kk": "Тізімдегі сайлаушылар"},
    },
    {"code": "queue", "type": "integer", "required": False, "max": 300, "labels": {"en": "People queueing"}},
    {
        "code": "unauthorised",
        "type": "yes_no",
        "required": True,
        "section": {"en": "Persons present"},
        "labels": {"en": "Unauthorised persons present", "kk": "Бөгде адамдар болды ма"},
    },
    {
        "code": "unauthorised_who",
        "type": "multiple",
        "required": True,
        "relevant": {"question": "unauthorised", "equals": "yes"},
        "choices": [
            {"value": "police", "labels": {"en": "Police", "ru": "Полиция", "kk": "Полиция"}},
            {"value": "officials", "labels": {"en": "Local officials"}},
        ],
        "labels": {"en": "Who?"},
    },
    {
        "code": "police_inside",
        "type": "yes_no",
        "required": False,
        "relevant": {"question": "unauthorised_who", "equals": "police"},
        "labels": {"en": "Police inside the station"},
    },
    {
        "code": "ballot_box",
        "type": "single",
        "required": True,
        "choices": [{"value": "sealed", "labels": {"en": "Sealed"}}, {"value": "open", "labels": {"en": "Not sealed"}}],
        "labels": {"en": "Ballot box"},
    },
    {
        "code": "seal_numbers",
        "type": "text",
        "required": False,
        "relevant": {"question": "ballot_box", "equals": "sealed"},
        "labels": {"en": "Seal numbers"},
    },
]


def upload(data: bytes, name: str = "form.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def workbook(survey: list[list], choices: list[list] | None = None, settings: list[list] | None = None) -> bytes:
    book = Workbook()
    book.active.title = "survey"
    for row in survey:
        book.active.append(row)
    for title, rows in (("choices", choices), ("settings", settings)):
        if rows is not None:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def round_trip(questions: list[dict]) -> list[dict]:
    checklist = ChecklistFactory(questions=questions)
    return xlsform_import(upload=upload(xlsform_export(checklist=checklist))).questions


@pytest.mark.parametrize("questions", [SAMPLE_QUESTIONS, EVERY_TYPE], ids=["sample", "every_type"])
def test_round_trip_gives_the_same_questions(questions):
    assert round_trip(copy.deepcopy(questions)) == questions


def test_every_standard_form_is_there():
    assert [path.stem for path in STANDARD_FORMS] == sorted(Checklist.Kind.values)


@pytest.mark.parametrize("path", STANDARD_FORMS, ids=[path.stem for path in STANDARD_FORMS])
def test_round_trip_of_each_standard_form(path):
    questions = json.loads(path.read_text(encoding="utf-8"))["questions"]
    assert round_trip(copy.deepcopy(questions)) == questions
    assert convert(xlsform=xlsform_export(checklist=ChecklistFactory(questions=questions)), file_type=".xlsx").xform


def test_export_follows_the_xlsform_standard():
    checklist = ChecklistFactory(
        kind="voting", version=3, title={"en": "Voting", "ru": "Голосование"}, questions=copy.deepcopy(EVERY_TYPE)
    )
    data = xlsform_export(checklist=checklist)
    book = load_workbook(io.BytesIO(data))

    assert book.sheetnames == ["survey", "choices", "settings"]
    survey = [[cell or "" for cell in row] for row in book["survey"].iter_rows(values_only=True)]
    assert survey[0] == [
        "type",
        "name",
        "label::English (en)",
        "label::Russian (ru)",
        "label::Kazakh (kk)",
        "required",
        "relevant",
        "constraint",
    ]
    assert survey[1] == ["begin_group", "section_1", "Arrival", "Прибытие", "Келу", "", "", ""]
    assert survey[3] == [
        "integer",
        "voters_on_list",
        "Voters on the list",
        "Избирателей в списке",
        "Тізімдегі сайлаушылар",
        "yes",
        "",
        ". >= 0 and . <= 5000",
    ]
    assert survey[4][7] == ". <= 300"
    assert survey[5][:2] == ["end_group", ""] and survey[6][:2] == ["begin_group", "section_2"]
    assert survey[7][:2] == ["select_one yes_no_na", "unauthorised"]
    assert survey[8][0] == "select_multiple unauthorised_who" and survey[8][6] == "${unauthorised} = 'yes'"
    assert survey[9][6] == "selected(${unauthorised_who}, 'police')"
    assert survey[-1][0] == "end_group"
    choices = list(book["choices"].iter_rows(values_only=True))
    assert ("unauthorised_who", "police", "Police", "Полиция", "Полиция") in choices
    assert ("yes_no_na", "na", "Not applicable", "Неприменимо", "Қатысы жоқ") in choices
    assert list(book["settings"].iter_rows(values_only=True))[1] == ("Voting", "voting", "3", "English (en)")
    # pyxform (the reference XLSForm converter) turns it into an XForm without warnings.
    warnings = []
    xform = convert(xlsform=data, file_type=".xlsx", warnings=warnings).xform
    assert warnings == []
    assert (
        'nodeset="/data/section_2/police_inside" type="string" relevant="selected( /data/section_2/unauthorised_who'
        in xform
    )
    assert 'constraint=". &gt;= 0 and . &lt;= 5000"' in xform


def test_import_reads_spelling_variants():
    data = workbook(
        survey=[
            ["Type", "Name", "Label", "label::Russian (ru)", "Required", "Relevant", "hint"],
            ["select one Parties", "party", "Party", "Партия", "TRUE", "", ""],
            ["select_one yes_no_na", "agreed", "Agreed", "", "", "${party}='ak_zhol'", ""],
        ],
        choices=[
            ["list name", "name", "label"],
            ["Parties", "ak_zhol", "Ak Zhol"],
            ["Parties", "otan", "Otan"],
            ["yes_no_na", "yes", "Yes"],
            ["yes_no_na", "no", "No"],
            ["yes_no_na", "na", "N/A"],
        ],
        settings=[["form_title", "form_id", "default_language"], ["Party meetings", "meetings", "English (en)"]],
    )
    imported = xlsform_import(upload=upload(data))
    assert (imported.form_id, imported.title) == ("meetings", {"en": "Party meetings"})
    assert imported.questions == [
        {
            "code": "party",
            "type": "single",
            "required": True,
            "labels": {"en": "Party", "ru": "Партия"},
            "choices": [{"value": "ak_zhol", "labels": {"en": "Ak Zhol"}}, {"value": "otan", "labels": {"en": "Otan"}}],
        },
        {
            "code": "agreed",
            "type": "yes_no",
            "required": False,
            "labels": {"en": "Agreed"},
            "relevant": {"question": "party", "equals": "ak_zhol"},
        },
    ]


BROKEN = {
    "no survey sheet": (
        lambda: _renamed_survey(),
        ["The workbook has no sheet named survey (sheets found: questions)."],
    ),
    "unknown type": (
        lambda: workbook([["type", "name", "label"], ["geopoint", "where", "Where?"]]),
        [
            "survey sheet, row 2, column 'type': type geopoint is not supported; use select_one <list>, "
            "select_multiple <list>, integer, time, text, begin_group or end_group"
        ],
    ),
    "bad relevant": (
        lambda: workbook(
            [
                ["type", "name", "label", "relevant"],
                ["integer", "voters", "Voters", ""],
                ["text", "why", "Why?", "${voters} > 100"],
            ]
        ),
        [
            "survey sheet, row 3, column 'relevant': ${voters} > 100 is not supported; write ${question} = 'value' "
            "or selected(${question}, 'value')"
        ],
    ),
    "relevant on a later question and an answer it lacks": (
        lambda: workbook(
            [
                ["type", "name", "label", "relevant"],
                ["text", "why", "Why?", "${late} = 'yes'"],
                ["select_one yes_no_na", "late", "Late?", ""],
                ["text", "how", "How?", "${late} = 'maybe'"],
            ],
            choices=[["list_name", "name"], ["yes_no_na", "yes"], ["yes_no_na", "no"], ["yes_no_na", "na"]],
        ),
        ["survey sheet, row 2, column 'relevant': refers to late, which is not an earlier question"],
    ),
    "random bytes": (
        lambda: os.urandom(3000),
        ["This is not an .xlsx workbook. Save the XLSForm from Excel or LibreOffice as .xlsx and upload it again."],
    ),
    "unknown list, bad required, constraint on text, unsupported column": (
        lambda: workbook(
            [
                ["type", "name", "label", "required", "constraint", "hint", "appearance"],
                ["select_one colours", "colour", "Colour", "", "", "", ""],
                ["text", "notes", "Notes", "sometimes", ". >= 1", "", ""],
                ["integer", "count", "Count", "", ". > 1", "Be exact", ""],
            ]
        ),
        [
            "survey sheet, row 4, column 'hint': this column is not supported; empty it or remove it",
            "survey sheet, row 2, column 'type': list colours is not in a choices sheet (the workbook has none)",
            "survey sheet, row 3, column 'required': write yes or leave it empty",
            "survey sheet, row 3, column 'constraint': only integer questions take a constraint",
            "survey sheet, row 4, column 'constraint': . > 1 is not supported; "
            "write . >= 0, . <= 100 or both joined by and",
        ],
    ),
    "groups, repeats, languages": (
        lambda: workbook(
            [
                ["type", "name", "label::French (fr)", "label"],
                ["begin_group", "a", "", "A"],
                ["begin_group", "b", "", "B"],
                ["begin repeat", "c", "", "C"],
                ["end_group", "", "", ""],
            ]
        ),
        [
            "survey sheet, row 1, column 'label::French (fr)': language not supported: use English (en), "
            "Russian (ru) or Kazakh (kk)",
            "survey sheet, row 3, column 'type': groups inside groups are not supported",
            "survey sheet, row 4, column 'type': repeats are not supported; make one question per item instead",
        ],
    ),
    "a choice twice in a list": (
        lambda: workbook(
            [["type", "name", "label"], ["select_multiple who", "who", "Who?"]],
            choices=[["list_name", "name", "label"], ["who", "police", "Police"], ["who", "police", "Again"]],
        ),
        ["choices sheet, row 3, column 'name': police is already in list who"],
    ),
}


def _renamed_survey() -> bytes:
    book = Workbook()
    book.active.title = "questions"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@pytest.mark.parametrize("make, errors", BROKEN.values(), ids=BROKEN.keys())
def test_broken_files_are_refused_with_the_sheet_row_and_column(make, errors):
    with pytest.raises(XLSFormInvalid) as refused:
        xlsform_import(upload=upload(make()))
    assert refused.value.errors == errors


def test_definition_problems_name_the_survey_row():
    data = workbook([["type", "name", "label"], ["text", "Notes", "Notes"], ["text", "notes2", ""]])
    with pytest.raises(XLSFormInvalid) as refused:
        xlsform_import(upload=upload(data))
    assert refused.value.errors == [
        "survey sheet, row 2: Notes: code must be lower-case letters, digits and _",
        "survey sheet, row 3: notes2: needs an English label",
    ]


# Pages ------------------------------------------------------------------------------------------


@pytest.fixture
def analyst(client):
    member = ObserverFactory(role=Role.ANALYST)
    client.force_login(member.user)
    return member


def test_download_gives_the_versions_xlsform(client, analyst):
    checklist = ChecklistFactory(mission=analyst.mission, version=2)
    response = client.get(f"/forms/{checklist.pk}/xlsform/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="{analyst.mission.slug}-voting-v2.xlsx"'
    assert xlsform_import(upload=upload(response.content)).questions == SAMPLE_QUESTIONS


def test_upload_previews_then_publishes_a_new_version(client, analyst):
    v1 = ChecklistFactory(mission=analyst.mission, title={"en": "Voting", "ru": "Голосование"})
    questions = copy.deepcopy(EVERY_TYPE)
    file = xlsform_export(checklist=ChecklistFactory(kind="voting", questions=questions, title={"en": "Voting day"}))

    preview = client.post("/forms/import/", {"kind": "voting", "file": upload(file)})

    assert preview.status_code == 200
    assert Checklist.objects.filter(mission=analyst.mission).count() == 1  # nothing written by the preview
    page = preview.content.decode()
    assert "8 questions read from the file" in page and "It becomes version 2" in page
    assert preview.context["changes"] == {
        "added": ["queue", "police_inside", "ballot_box", "seal_numbers"],
        "removed": ["voted_by_visit", "secrecy", "notes", "overall_assessment"],
        "changed": ["arrival_time", "voters_on_list", "unauthorised", "unauthorised_who"],
    }
    form = preview.context["publish_form"]
    data = {name: form[name].value() for name in form.fields}
    assert (data["title_en"], data["title_ru"], data["expected_latest"]) == ("Voting day", "Голосование", 1)

    published = client.post("/forms/import/", data)

    v2 = Checklist.objects.get(mission=analyst.mission, kind="voting", version=2)
    assert published.status_code == 302 and published["Location"] == f"/forms/{v2.pk}/"
    assert v2.questions == EVERY_TYPE and v2.title == {"en": "Voting day", "ru": "Голосование"}
    v1.refresh_from_db()
    assert v1.questions == SAMPLE_QUESTIONS


def test_upload_can_start_a_new_form_kind(client, analyst):
    file = xlsform_export(checklist=ChecklistFactory(kind="opening"))
    preview = client.post("/forms/import/", {"kind": "tabulation", "file": upload(file)})
    assert "It becomes version 1 of this form." in preview.content.decode()
    assert "it will be published as Tabulation" in preview.content.decode()  # the file says opening
    form = preview.context["publish_form"]
    data = {name: form[name].value() for name in form.fields}
    client.post("/forms/import/", data)
    created = Checklist.objects.get(mission=analyst.mission)
    assert (created.kind, created.version, created.title) == ("tabulation", 1, {"en": "Opening"})


@pytest.mark.parametrize("make, errors", [BROKEN["random bytes"], BROKEN["unknown type"], BROKEN["no survey sheet"]])
def test_upload_of_a_broken_file_shows_errors_and_writes_nothing(client, analyst, make, errors):
    response = client.post("/forms/import/", {"kind": "voting", "file": upload(make())})
    assert response.status_code == 400
    assert response.context["errors"] == errors
    assert "Nothing was published" in response.content.decode()
    assert not Checklist.objects.exists()


def test_upload_size_is_limited(client, analyst, settings):
    big = upload(b"x" * (2 * 1024 * 1024 + 1))
    response = client.post("/forms/import/", {"kind": "voting", "file": big})
    assert response.status_code == 400
    assert response.context["errors"] == ["The file is 2.0 MB; an XLSForm may be at most 2 MB."]


def test_publish_step_refuses_tampered_questions(client, analyst):
    data = {
        "kind": "voting",
        "expected_latest": 0,
        "title_en": "Voting",
        "questions": json.dumps([{"code": "x", "type": "colour", "labels": {"en": "X"}}]),
    }
    response = client.post("/forms/import/", data)
    assert response.status_code == 400
    assert "question 1 (x): type must be one of" in response.content.decode()
    assert not Checklist.objects.exists()


def test_a_workbook_that_unpacks_into_a_huge_file_is_refused_unread():
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (51 * 1024 * 1024))
    with pytest.raises(XLSFormInvalid) as refused:
        xlsform_import(upload=upload(content.getvalue()))
    assert refused.value.errors == ["The workbook unpacks to more than 50 MB; an XLSForm is far smaller."]


def test_a_sheet_running_on_is_refused(monkeypatch):
    monkeypatch.setattr("observers.checklists.xlsform.MAX_ROWS", 3)
    data = workbook([["type", "name", "label"], *[["text", f"q{n}", f"Q{n}"] for n in range(5)]])
    with pytest.raises(XLSFormInvalid) as refused:
        xlsform_import(upload=upload(data))
    assert refused.value.errors == [
        "survey sheet, row 5: the sheet goes on past 3 filled rows or row 20000; "
        "split the form or delete the rows below it"
    ]
