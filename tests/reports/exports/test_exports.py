"""Exports as an analyst downloads them: submissions (CSV, XLSX), polling stations and the deployment (CSV, GeoJSON)."""

import csv
import datetime as dt
import io
import json
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from observers.models import Checklist, Role
from reports.exports.xlsx import xlsx_write
from tests.factories import (
    SAMPLE_QUESTIONS,
    AssignmentFactory,
    ChecklistFactory,
    DistrictFactory,
    MissionFactory,
    ObserverFactory,
    PollingStationFactory,
    RegionFactory,
    SubmissionFactory,
    TeamFactory,
    valid_answers,
)

ALMATY = ZoneInfo("Asia/Almaty")
SECRECY_KK = "Дауыс беру құпиясы қамтамасыз етілді ме? (Қ, Ә)"
GEORGIAN_STATION = "წალკის საჯარო სკოლა"
FIXED = [
    "uuid",
    "version",
    "team",
    "observer",
    "station_code",
    "station_name",
    "region",
    "district",
    "observed_at (Asia/Almaty)",
    "received_at (Asia/Almaty)",
]
# Version 2 of the voting form: "voted_by_visit" dropped, "queue" added, "secrecy" with a Kazakh label.
V2_CODES = [q["code"] for q in SAMPLE_QUESTIONS if q["code"] != "voted_by_visit"] + ["queue"]


def _local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ALMATY)


@pytest.fixture
def data(db):
    """Three voting forms of two versions in two regions, one counting form, one form of another mission.

    form     version team station          observed (Almaty)   notes
    early    1       T1   N-1 North/D-N    19 Sep 08:30        unauthorised: police, officials; voted 300
    noon     2       T2   S-2 South/D-S    19 Sep 12:00        station without a location
    late     2       T2   S-1 South/D-S    20 Sep 00:30        (18:30 UTC on the 19th)
    """
    mission = MissionFactory(slug="kz-2004")
    north = RegionFactory(mission=mission, code="N", name="North", name_kk="Солтүстік")
    south = RegionFactory(mission=mission, code="S", name="South", name_kk="Оңтүстік")
    d_north = DistrictFactory(region=north, code="D-N", name="Northern district", name_kk="Солтүстік округ")
    d_south = DistrictFactory(region=south, code="D-S", name="25 Tsalka", name_kk="25 წალკა")
    n1 = PollingStationFactory(
        region=north, district=d_north, code="N-1", name="School No. 1", latitude=43.25, longitude=76.95
    )
    s1 = PollingStationFactory(
        region=south, district=d_south, code="S-1", name=GEORGIAN_STATION, latitude=41.6, longitude=44.1
    )
    s2 = PollingStationFactory(
        region=south, district=d_south, code="S-2", name="Village club", latitude=None, longitude=None
    )
    t1, t2 = TeamFactory(mission=mission, code="T1"), TeamFactory(mission=mission, code="T2")
    o1 = ObserverFactory(mission=mission, team=t1, full_name="Aigerim Nurlanqyzy")
    o2 = ObserverFactory(mission=mission, team=t2, full_name="Nino Beridze")
    ObserverFactory(mission=mission, team=t2, full_name="Anna Mäkinen")
    v1 = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING, version=1)
    v2_questions = [
        dict(q, labels={"en": "Secrecy ensured", "kk": SECRECY_KK}) if q["code"] == "secrecy" else dict(q)
        for q in SAMPLE_QUESTIONS
        if q["code"] != "voted_by_visit"
    ] + [{"code": "queue", "type": "yes_no", "required": False, "labels": {"en": "Queue outside"}}]
    v2 = ChecklistFactory(mission=mission, kind=Checklist.Kind.VOTING, version=2, questions=v2_questions)
    counting = ChecklistFactory(mission=mission, kind=Checklist.Kind.COUNTING)
    early = SubmissionFactory(
        mission=mission,
        checklist=v1,
        team=t1,
        observer=o1,
        polling_station=n1,
        observed_at=_local(2004, 9, 19, 8, 30),
        answers=valid_answers(
            unauthorised="yes", unauthorised_who=["police", "officials"], notes='=HYPERLINK("http://example.org")'
        ),
    )
    noon = SubmissionFactory(
        mission=mission,
        checklist=v2,
        team=t2,
        observer=o2,
        polling_station=s2,
        observed_at=_local(2004, 9, 19, 12, 0),
        answers=valid_answers(voted_by_visit=None, queue="yes", notes="Тыныш, бәрі жақсы"),
    )
    late = SubmissionFactory(
        mission=mission,
        checklist=v2,
        team=t2,
        observer=o2,
        polling_station=s1,
        observed_at=_local(2004, 9, 20, 0, 30),
        answers=valid_answers(voted_by_visit=None, overall_assessment="bad"),
    )
    SubmissionFactory(mission=mission, checklist=counting, team=t1, observer=o1, polling_station=n1)
    AssignmentFactory(team=t1, polling_station=n1, order=1, purpose="opening")
    AssignmentFactory(team=t2, polling_station=s2, order=1)
    AssignmentFactory(team=t2, polling_station=s1, order=2, purpose="counting")
    other = SubmissionFactory(observed_at=_local(2004, 9, 19, 10, 0))  # another mission's voting form
    AssignmentFactory(team=other.team, polling_station=other.polling_station, order=1)
    return SimpleNamespace(
        mission=mission,
        analyst=ObserverFactory(mission=mission, role=Role.ANALYST),
        observer=o1,
        early=early,
        noon=noon,
        late=late,
        other=other,
        north=north,
        south=south,
        d_north=d_north,
        t1=t1,
        t2=t2,
    )


def _body(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def _csv(response) -> list[list[str]]:
    body = _body(response)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def analyst_client(client, data):
    client.force_login(data.analyst.user)
    return client


def test_submissions_csv_has_a_column_per_question_of_the_latest_version_in_the_chosen_language(analyst_client, data):
    response = analyst_client.get("/exports/submissions.csv", {"kind": "voting", "lang": "kk"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kz-2004-voting.csv"'
    header, *rows = _csv(response)
    assert header == FIXED + [
        "Келу уақыты (arrival_time)",
        "Voters on the list (voters_on_list)",
        f"{SECRECY_KK} (secrecy)",
        "Unauthorised persons present (unauthorised)",
        "Which unauthorised persons? (unauthorised_who)",
        "Notes (notes)",
        "Жалпы баға (overall_assessment)",
        "Queue outside (queue)",
    ]
    assert [row[0] for row in rows] == [str(data.early.uuid), str(data.noon.uuid), str(data.late.uuid)]
    early, noon, late = (dict(zip(header, row)) for row in rows)
    assert early["version"] == "1" and early["team"] == "T1" and early["observer"] == "Aigerim Nurlanqyzy"
    assert (early["station_code"], early["region"], early["district"]) == ("N-1", "Солтүстік", "Солтүстік округ")
    assert early["observed_at (Asia/Almaty)"] == "2004-09-19 08:30:00"
    assert early["Which unauthorised persons? (unauthorised_who)"] == "police; officials"
    assert early["Notes (notes)"] == '\'=HYPERLINK("http://example.org")'  # never run as a formula
    assert early["Queue outside (queue)"] == ""  # not asked in version 1
    assert noon["Notes (notes)"] == "Тыныш, бәрі жақсы" and noon["Queue outside (queue)"] == "yes"
    assert noon["district"] == "25 წალკა"
    assert late["station_name"] == GEORGIAN_STATION and late["observed_at (Asia/Almaty)"] == "2004-09-20 00:30:00"
    assert late["Жалпы баға (overall_assessment)"] == "bad"


def test_submissions_xlsx_reads_back_with_labels_types_and_non_latin_text(analyst_client, data):
    response = analyst_client.get("/exports/submissions.xlsx", {"kind": "voting", "lang": "kk"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="kz-2004-voting.xlsx"'
    sheet = load_workbook(io.BytesIO(_body(response))).active
    assert sheet.title == "Voting"
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[len(FIXED) :] == [
        "Келу уақыты (arrival_time)",
        "Voters on the list (voters_on_list)",
        f"{SECRECY_KK} (secrecy)",
        "Unauthorised persons present (unauthorised)",
        "Which unauthorised persons? (unauthorised_who)",
        "Notes (notes)",
        "Жалпы баға (overall_assessment)",
        "Queue outside (queue)",
    ]
    early, noon, late = (dict(zip(header, row)) for row in rows)
    assert early["observed_at (Asia/Almaty)"] == dt.datetime(2004, 9, 19, 8, 30)
    assert early["Voters on the list (voters_on_list)"] == 1200  # a number, not text
    assert early["Notes (notes)"] == '=HYPERLINK("http://example.org")'  # text, not a formula
    assert sheet.cell(row=2, column=header.index("Notes (notes)") + 1).data_type == "s"
    assert early["Which unauthorised persons? (unauthorised_who)"] == "police; officials"
    assert noon["Notes (notes)"] == "Тыныш, бәрі жақсы" and noon["district"] == "25 წალკა"
    assert late["station_name"] == GEORGIAN_STATION and early["region"] == "Солтүстік"


HOSTILE_LABELS = ["@SUM(1+1)*cmd", '=HYPERLINK("http://example.org")', "+1", "-1", "\tTab", "\rReturn"]


@pytest.fixture
def hostile_headers(data):
    """Version 2's labels rewritten by someone editing the form: every formula start, one per question."""
    checklist = Checklist.objects.get(mission=data.mission, kind=Checklist.Kind.VOTING, version=2)
    for question, hostile in zip(checklist.questions, HOSTILE_LABELS):
        question["labels"] = {"en": hostile}
    checklist.save(update_fields=["questions"])
    return [f"'{hostile} ({question['code']})" for question, hostile in zip(checklist.questions, HOSTILE_LABELS)]


def test_csv_header_cells_are_escaped_like_data_cells(analyst_client, hostile_headers):
    header, *_ = _csv(analyst_client.get("/exports/submissions.csv", {"kind": "voting"}))

    assert header[len(FIXED) : len(FIXED) + len(HOSTILE_LABELS)] == hostile_headers


def test_xlsx_header_cells_are_escaped_like_the_csv(analyst_client, hostile_headers):
    response = analyst_client.get("/exports/submissions.xlsx", {"kind": "voting"})
    sheet = load_workbook(io.BytesIO(_body(response))).active

    header = [cell.value for cell in sheet[1]]
    read_back = [name.replace("\r", "\n") for name in hostile_headers]  # XML reads a carriage return as a newline
    assert header[len(FIXED) : len(FIXED) + len(HOSTILE_LABELS)] == read_back
    assert {cell.data_type for cell in sheet[1]} == {"s"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "north"}, ["early"]),
        ({"region": "south"}, ["noon", "late"]),
        ({"district": "d_north"}, ["early"]),
        ({"team": "t2"}, ["noon", "late"]),
        ({"date_from": "2004-09-20"}, ["late"]),  # 00:30 in Almaty, still the 19th in UTC
        ({"date_to": "2004-09-19"}, ["early", "noon"]),
        ({"date_from": "2004-09-19", "date_to": "2004-09-19", "team": "t2"}, ["noon"]),
    ],
)
def test_the_filters_on_screen_choose_the_rows(analyst_client, data, params, expected):
    query = {"kind": "voting", **{k: getattr(data, v).code if hasattr(data, v) else v for k, v in params.items()}}
    _, *rows = _csv(analyst_client.get("/exports/submissions.csv", query))
    assert [row[0] for row in rows] == [str(getattr(data, name).uuid) for name in expected]


def test_the_exports_page_counts_what_the_filters_match_and_links_with_the_same_parameters(analyst_client, data):
    response = analyst_client.get("/exports/", {"kind": "voting", "region": "S"})
    assert response.status_code == 200 and response.context["matching"] == 2
    html = response.content.decode()
    assert "2 forms match these filters." in html
    assert '/exports/polling-stations.csv?kind=voting&amp;region=S"' in html
    assert 'formaction="/exports/submissions.xlsx"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "kind: This field is required."),
        ({"kind": "ballot"}, "kind: Select a valid choice. ballot is not one of the available choices."),
        ({"kind": "voting", "date_from": "19.09.2004"}, "date_from: Enter a valid date."),
        (
            {"kind": "voting", "region": "N", "district": "D-S"},
            "district: This district is not in the region chosen: clear one of them.",
        ),
        (
            {"kind": "voting", "date_from": "2004-09-20", "date_to": "2004-09-19"},
            "date_to: must be on or after the start date (date_from).",
        ),
    ],
)
def test_bad_parameters_get_a_400_naming_what_to_fix(analyst_client, data, params, message):
    response = analyst_client.get("/exports/submissions.csv", params)
    assert response.status_code == 400 and response.content.decode() == message


def test_another_missions_region_or_team_is_refused_and_its_forms_never_exported(analyst_client, data):
    response = analyst_client.get("/exports/submissions.csv", {"kind": "voting", "team": data.other.team.code})
    assert response.status_code == 400
    assert response.content.decode() == "team: No team of this mission has this code: choose one from the list."
    region = data.other.polling_station.region.code
    assert analyst_client.get("/exports/polling-stations.csv", {"region": region}).status_code == 400
    body = _body(analyst_client.get("/exports/submissions.csv", {"kind": "voting"})).decode()
    assert str(data.other.uuid) not in body


def test_the_other_missions_analyst_gets_only_their_own_forms(client, data):
    outsider = ObserverFactory(mission=data.other.mission, role=Role.ANALYST)
    client.force_login(outsider.user)
    _, *rows = _csv(client.get("/exports/submissions.csv", {"kind": "voting"}))
    assert [row[0] for row in rows] == [str(data.other.uuid)]
    stations = json.loads(_body(client.get("/exports/polling-stations.geojson")))
    assert [f["properties"]["code"] for f in stations["features"]] == [data.other.polling_station.code]


@pytest.mark.parametrize("role", [Role.STO, Role.LTO])
def test_observers_are_refused_every_export(client, data, role):
    observer = ObserverFactory(mission=data.mission, role=role)
    client.force_login(observer.user)
    for url in (
        "/exports/",
        "/exports/submissions.csv?kind=voting",
        "/exports/submissions.xlsx?kind=voting",
        "/exports/polling-stations.csv",
        "/exports/deployment.geojson",
    ):
        assert client.get(url).status_code == 403, url


def test_strangers_are_sent_to_log_in_and_coordinators_may_export(client, data):
    assert client.get("/exports/submissions.csv?kind=voting")["Location"].startswith("/accounts/login/")
    client.force_login(ObserverFactory(mission=data.mission, role=Role.COORDINATOR).user)
    assert client.get("/exports/submissions.csv?kind=voting").status_code == 200


def test_submission_export_takes_the_same_queries_for_more_rows(analyst_client, data, django_assert_num_queries):
    def exported():
        return len(_csv(analyst_client.get("/exports/submissions.csv", {"kind": "voting", "region": "N"})))

    # session, user, membership, region check, latest form, the rows in a transaction (here a savepoint and its release)
    with django_assert_num_queries(8):
        assert exported() == 2
    north_station = data.early.polling_station
    for _ in range(5):
        SubmissionFactory(
            mission=data.mission,
            checklist=data.early.checklist,
            team=data.t1,
            observer=data.observer,
            polling_station=north_station,
        )
    with django_assert_num_queries(8):
        assert exported() == 7


def test_polling_stations_csv_and_geojson(analyst_client, data):
    header, *rows = _csv(analyst_client.get("/exports/polling-stations.csv", {"lang": "kk"}))
    assert header == [
        "code",
        "name",
        "address",
        "region_code",
        "region",
        "district_code",
        "district",
        "latitude",
        "longitude",
        "registered_voters",
    ]
    assert rows == [
        ["N-1", "School No. 1", "1 Main Street", "N", "Солтүстік", "D-N", "Солтүстік округ", "43.25", "76.95", "1000"],
        ["S-1", GEORGIAN_STATION, "1 Main Street", "S", "Оңтүстік", "D-S", "25 წალკა", "41.6", "44.1", "1000"],
        ["S-2", "Village club", "1 Main Street", "S", "Оңтүстік", "D-S", "25 წალკა", "", "", "1000"],
    ]
    response = analyst_client.get("/exports/polling-stations.geojson", {"region": "S"})
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(_body(response))
    assert collection["type"] == "FeatureCollection"
    assert [(f["properties"]["code"], f["geometry"]) for f in collection["features"]] == [
        ("S-1", {"type": "Point", "coordinates": [44.1, 41.6]}),
        ("S-2", None),
    ]
    assert collection["features"][0]["properties"]["name"] == GEORGIAN_STATION
    assert "latitude" not in collection["features"][0]["properties"]


def test_deployment_csv_and_geojson_list_each_teams_route_with_its_members(analyst_client, data):
    header, *rows = _csv(analyst_client.get("/exports/deployment.csv"))
    assert header == [
        "team",
        "team_kind",
        "members",
        "order",
        "purpose",
        "station_code",
        "station_name",
        "region",
        "district",
        "latitude",
        "longitude",
    ]
    assert [row[:6] for row in rows] == [
        ["T1", "sto", "Aigerim Nurlanqyzy", "1", "opening", "N-1"],
        ["T2", "sto", "Anna Mäkinen; Nino Beridze", "1", "voting", "S-2"],
        ["T2", "sto", "Anna Mäkinen; Nino Beridze", "2", "counting", "S-1"],
    ]
    features = json.loads(_body(analyst_client.get("/exports/deployment.geojson", {"team": "T2"})))["features"]
    assert [(f["properties"]["order"], f["geometry"]) for f in features] == [
        (1, None),
        (2, {"type": "Point", "coordinates": [44.1, 41.6]}),
    ]


def test_an_empty_export_still_has_its_header(analyst_client, data):
    header, *rows = _csv(analyst_client.get("/exports/submissions.csv", {"kind": "tabulation"}))
    assert header == FIXED and rows == []


def test_the_xlsx_writer_keeps_text_as_text_and_opens_with_a_frozen_bold_header():
    header = ["text", "number", "when"]
    rows = [
        ["<b>&amp; \x07bell\x1f</b>", 2.5, dt.datetime(2004, 9, 19, 23, 59, 59)],
        ["  spaced  ", True, None],
        [None, -3, dt.datetime(1999, 12, 31)],
    ]
    workbook = load_workbook(xlsx_write(header=header, rows=iter(rows), sheet_name="Voting: [day/night]?"))
    sheet = workbook.active
    assert sheet.title == "Voting   day night  "
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        header,
        ["<b>&amp; bell</b>", 2.5, dt.datetime(2004, 9, 19, 23, 59, 59)],  # characters XML cannot hold are dropped
        ["  spaced  ", "True", None],
        [None, -3, dt.datetime(1999, 12, 31)],
    ]
    assert sheet["C2"].number_format == "yyyy-mm-dd hh:mm:ss"


def test_an_empty_xlsx_has_only_its_header():
    sheet = load_workbook(xlsx_write(header=["uuid"], rows=iter([]), sheet_name="")).active
    assert sheet.title == "Sheet1" and [list(row) for row in sheet.iter_rows(values_only=True)] == [["uuid"]]


@pytest.mark.postgres
def test_rows_stream_from_a_cursor_in_a_transaction_closed_when_the_download_ends(
    analyst_client, data, transactional_db, monkeypatch
):
    """Outside a transaction psycopg2's server-side cursor is WITH HOLD: PostgreSQL materialises the whole result at
    the first fetch. The rows are read through a cursor that is not, in a transaction opened when the response is
    sent (after the view returned) and ended with the last row, or when the download is cancelled."""
    monkeypatch.setattr("reports.exports.selectors.SEND_ROWS", 1)
    monkeypatch.setattr("reports.exports.selectors.FETCH_ROWS", 1)

    def cursors():
        with connection.cursor() as cursor:
            cursor.execute("SELECT is_holdable FROM pg_cursors WHERE name LIKE '_django_curs_%%'")
            return [holdable for (holdable,) in cursor.fetchall()]

    response = analyst_client.get("/exports/submissions.csv", {"kind": "voting"})
    assert not connection.in_atomic_block  # the view has returned: nothing read yet
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert first.count(b"\n") == 2  # the header and one row
    assert connection.in_atomic_block and cursors() == [False]
    assert len(list(csv.reader(io.StringIO((first + b"".join(chunks)).decode("utf-8-sig"))))) == 4
    assert not connection.in_atomic_block and cursors() == []

    cancelled = analyst_client.get("/exports/polling-stations.csv")
    next(iter(cancelled.streaming_content))
    assert connection.in_atomic_block
    cancelled.close()  # the client went away
    assert not connection.in_atomic_block and cursors() == []
