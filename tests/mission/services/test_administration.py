"""Election commissions and their members: composition by party, rules, pages, API, and the demo data."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from mission.models import CommissionLevel, CommissionMember, ElectionCommission, MemberPosition, Party
from mission.selectors import composition_by_party
from mission.services import administration as services
from observers.demo.nam import nam_demo_load
from observers.models import Role
from tests.factories import (
    CommissionMemberFactory,
    ElectionCommissionFactory,
    MissionFactory,
    PartyFactory,
    PollingStationFactory,
    RegionFactory,
)
from tests.mission.services.helpers import signed_in

REGIONAL, DISTRICT = CommissionLevel.REGIONAL, CommissionLevel.DISTRICT


@pytest.fixture
def commissions(db):
    """Two oblast commissions and one district commission of seven, with nominees of parties A and B.

    Oblast 1: A appointed x3, B appointed x1, B not appointed x2, a maslikhat nominee appointed x1.
    Oblast 2: A appointed x2, A not appointed x1, B not appointed x1.  District: B appointed x2.
    """
    mission = MissionFactory()
    a = PartyFactory(mission=mission, name="Party A", name_kk="А партиясы")
    b = PartyFactory(mission=mission, name="Party B")
    oblast_1 = ElectionCommissionFactory(mission=mission, name="Oblast 1")
    oblast_2 = ElectionCommissionFactory(mission=mission, name="Oblast 2")
    district = ElectionCommissionFactory(mission=mission, level=DISTRICT, name="District 1", parent=oblast_1)
    for commission, party, appointed, times in [
        (oblast_1, a, True, 3),
        (oblast_1, b, True, 1),
        (oblast_1, b, False, 2),
        (oblast_2, a, True, 2),
        (oblast_2, a, False, 1),
        (oblast_2, b, False, 1),
        (district, b, True, 2),
    ]:
        CommissionMemberFactory.create_batch(times, commission=commission, nominated_by=party, appointed=appointed)
    CommissionMemberFactory(commission=oblast_1, nominated_by=None, nominating_body="maslikhat")
    return mission


def _table(block):
    return [(row.nominator, row.nominated, row.appointed, row.appointed_share, row.seat_share) for row in block.rows]


def test_composition_by_party_per_level_and_in_all(commissions, django_assert_num_queries):
    with django_assert_num_queries(2), translation.override("en"):
        regional, district, everywhere = composition_by_party(mission=commissions)

    assert (regional.level, regional.commissions, regional.seats, regional.appointed, regional.vacant) == (
        REGIONAL,
        2,
        14,
        7,
        7,
    )
    # A: 5 of 6 nominees appointed, 5 of the 7 seats filled; B: 1 of 4, 1 of 7; the maslikhat: 1 of 1.
    assert _table(regional) == [
        ("Party A", 6, 5, 83.3, 71.4),
        ("Party B", 4, 1, 25.0, 14.3),
        ("maslikhat", 1, 1, 100.0, 14.3),
    ]
    assert (district.commissions, district.seats, district.appointed) == (1, 7, 2)
    assert _table(district) == [("Party B", 2, 2, 100.0, 100.0)]
    assert (everywhere.level, everywhere.commissions, everywhere.seats, everywhere.appointed) == ("", 3, 21, 9)
    assert _table(everywhere) == [
        ("Party A", 6, 5, 83.3, 55.6),
        ("Party B", 6, 3, 50.0, 33.3),
        ("maslikhat", 1, 1, 100.0, 11.1),
    ]


def test_composition_of_one_level_has_no_total_and_speaks_kazakh(commissions):
    with translation.override("kk"):
        (district,) = composition_by_party(mission=commissions, level=DISTRICT)
        (regional,) = composition_by_party(mission=commissions, level=REGIONAL)
    assert district.level == DISTRICT
    assert [row.nominator for row in regional.rows] == ["А партиясы", "Party B", "maslikhat"]


def test_composition_of_an_empty_mission_is_empty(db):
    assert composition_by_party(mission=MissionFactory()) == []


# Rules, in the services and in the database


def test_a_member_has_one_nominator(db):
    commission = ElectionCommissionFactory()
    party = PartyFactory(mission=commission.mission)
    for fields in ({"nominated_by": party, "nominating_body": "President"}, {}):
        with pytest.raises(ValidationError) as error:
            services.commission_member_create(commission=commission, full_name="X", **fields)
        assert "Give either the nominating party or the nominating body" in str(error.value)
    with pytest.raises(IntegrityError):
        CommissionMember.objects.create(commission=commission, full_name="X", nominated_by=party, nominating_body="P")


def test_no_more_appointed_members_than_the_size(db):
    commission = ElectionCommissionFactory(size=7)
    CommissionMemberFactory.create_batch(7, commission=commission)
    party = PartyFactory(mission=commission.mission)
    with pytest.raises(ValidationError) as error:
        services.commission_member_create(commission=commission, full_name="Eighth", nominated_by=party)
    assert error.value.message_dict["appointed"] == [
        "This commission already has its 7 appointed members: record this person as a nominee not appointed, "
        "or change the commission's size."
    ]
    nominee = services.commission_member_create(
        commission=commission, full_name="Eighth", nominated_by=party, appointed=False
    )
    assert nominee.pk and commission.members.count() == 8
    with pytest.raises(ValidationError) as error:
        services.commission_update(commission=commission, size=6)
    assert "size" in error.value.message_dict


def test_one_chair_and_offices_only_for_the_appointed(db):
    commission = ElectionCommissionFactory()
    CommissionMemberFactory(commission=commission, position=MemberPosition.CHAIR)
    party = PartyFactory(mission=commission.mission)
    with pytest.raises(ValidationError, match="already has an appointed member in this position"):
        services.commission_member_create(
            commission=commission, full_name="Second chair", nominated_by=party, position=MemberPosition.CHAIR
        )
    with pytest.raises(ValidationError, match="holds no office"):
        services.commission_member_create(
            commission=commission,
            full_name="Nominee",
            nominated_by=party,
            position=MemberPosition.SECRETARY,
            appointed=False,
        )


def test_party_of_another_mission_is_refused(db):
    commission = ElectionCommissionFactory()
    with pytest.raises(ValidationError) as error:
        services.commission_member_create(commission=commission, full_name="X", nominated_by=PartyFactory())
    assert error.value.message_dict == {"nominated_by": ["Choose one of this mission's records."]}


def test_commission_rules(db):
    mission = MissionFactory()
    district = services.commission_create(mission=mission, level=DISTRICT, name="District 1")
    with pytest.raises(ValidationError) as error:
        services.commission_create(mission=mission, level=REGIONAL, name="Oblast", parent=district)
    assert error.value.message_dict == {"parent": ["The parent commission must be at a higher level than this one."]}
    with pytest.raises(ValidationError) as error:
        services.commission_create(mission=mission, level=REGIONAL, name="Oblast", region=RegionFactory())
    assert list(error.value.message_dict) == ["region"]
    with pytest.raises(ValidationError, match="Only a precinct commission sits at a polling station"):
        services.commission_create(
            mission=mission, level=DISTRICT, name="D2", polling_station=PollingStationFactory(mission=mission)
        )
    with pytest.raises(ValidationError, match="already exists"):
        services.commission_create(mission=mission, level=DISTRICT, name="District 1")
    # The same name at another level, or in another mission, is another commission.
    services.commission_create(mission=mission, level=CommissionLevel.TERRITORIAL, name="District 1")
    services.commission_create(mission=MissionFactory(), level=DISTRICT, name="District 1")
    with pytest.raises(IntegrityError):
        ElectionCommission.objects.create(mission=mission, level="oblast", name="Bad level")


def test_unknown_fields_are_a_programming_error(db):
    with pytest.raises(TypeError, match="mission"):
        services.commission_update(commission=ElectionCommissionFactory(), mission=MissionFactory())


# Pages


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ANALYST])
def test_core_team_creates_a_commission_and_its_members(db, role):
    mission = MissionFactory()
    party = PartyFactory(mission=mission, name="Ak Zhol")
    region = RegionFactory(mission=mission, name="Karaganda Region")
    client = signed_in(mission, role)

    response = client.post(
        reverse("nam:commission-create"),
        {
            "level": REGIONAL,
            "name": "Karaganda Oblast Election Commission",
            "name_kk": "Қарағанды облыстық сайлау комиссиясы",
            "region": region.pk,
            "size": 7,
        },
    )
    commission = ElectionCommission.objects.get(mission=mission)
    assert response.status_code == 302 and response.url == reverse("nam:commission", args=[commission.pk])
    assert (commission.region, commission.name_kk) == (region, "Қарағанды облыстық сайлау комиссиясы")

    response = client.post(
        reverse("nam:member-create", args=[commission.pk]),
        {"full_name": "A. Member", "position": "member", "nominated_by": party.pk, "appointed": "on"},
    )
    assert response.status_code == 302
    member = commission.members.get()
    assert (member.nominated_by, member.appointed) == (party, True)

    page = client.get(reverse("nam:commission", args=[commission.pk]))
    assert page.status_code == 200 and "A. Member" in page.content.decode()
    response = client.post(
        reverse("nam:member-edit", args=[member.pk]),
        {
            "full_name": "A. Member",
            "position": "member",
            "nominated_by": party.pk,
        },
    )
    member.refresh_from_db()
    assert response.status_code == 302 and member.appointed is False
    assert client.post(reverse("nam:member-delete", args=[member.pk])).status_code == 302
    assert not commission.members.exists()


def test_bad_input_is_a_400_that_says_what_to_fix_and_writes_nothing(db):
    commission = ElectionCommissionFactory()
    party = PartyFactory(mission=commission.mission)
    client = signed_in(commission.mission, Role.ANALYST)

    response = client.post(
        reverse("nam:member-create", args=[commission.pk]),
        {"full_name": "X", "position": "member", "nominated_by": party.pk, "nominating_body": "President"},
    )
    assert response.status_code == 400
    assert "Give either the nominating party or the nominating body" in response.content.decode()
    response = client.post(reverse("nam:commission-create"), {"level": REGIONAL, "name": commission.name, "size": 7})
    assert response.status_code == 400 and "already exists" in response.content.decode()
    response = client.post(reverse("nam:commission-create"), {})
    assert response.status_code == 400
    assert not commission.members.exists() and ElectionCommission.objects.count() == 1


def test_composition_page_shows_the_table(commissions):
    client = signed_in(commissions, Role.ANALYST)
    response = client.get(reverse("nam:composition"), {"level": REGIONAL})
    assert response.status_code == 200
    (block,) = response.context["blocks"]
    assert _table(block)[0] == ("Party A", 6, 5, 83.3, 71.4)
    assert "83.3" in response.content.decode()


def test_commission_list_pages_in_a_fixed_number_of_queries(db, django_assert_max_num_queries):
    mission = MissionFactory()
    region = RegionFactory(mission=mission)
    parent = ElectionCommissionFactory(mission=mission, level=CommissionLevel.CENTRAL, region=region)
    for _n in range(30):
        CommissionMemberFactory(commission=ElectionCommissionFactory(mission=mission, parent=parent))
    client = signed_in(mission, Role.COORDINATOR)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("nam:commissions"), {"level": REGIONAL})
    assert response.status_code == 200 and len(response.context["page"]) == 30


@pytest.mark.parametrize("name", ["nam:commissions", "nam:commission-create", "nam:composition"])
@pytest.mark.parametrize("role", [Role.STO, Role.LTO])
def test_observers_get_403(db, name, role):
    assert signed_in(MissionFactory(), role).get(reverse(name)).status_code == 403


def test_another_missions_commission_is_a_404(db):
    member = CommissionMemberFactory()
    client = signed_in(MissionFactory(), Role.COORDINATOR)
    assert client.get(reverse("nam:commission", args=[member.commission_id])).status_code == 404
    assert client.get(reverse("nam:commission-edit", args=[member.commission_id])).status_code == 404
    assert client.post(reverse("nam:member-delete", args=[member.pk])).status_code == 404
    assert CommissionMember.objects.filter(pk=member.pk).exists()


def test_signed_out_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("nam:composition"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# API


def test_api_commissions_with_members(commissions, django_assert_max_num_queries):
    client = signed_in(commissions, Role.ANALYST, api=True)
    with django_assert_max_num_queries(7):
        response = client.get("/api/v1/nam/commissions/", {"level": REGIONAL})
    assert response.status_code == 200
    oblast_1 = response.json()["results"][0]
    assert (oblast_1["name"], oblast_1["appointed_count"], len(oblast_1["members"])) == ("Oblast 1", 5, 7)
    # Appointed first, then the nominees who were not.
    assert [(member["party"] or member["nominating_body"], member["appointed"]) for member in oblast_1["members"]] == [
        ("Party A", True),
        ("Party A", True),
        ("Party A", True),
        ("Party B", True),
        ("maslikhat", True),
        ("Party B", False),
        ("Party B", False),
    ]
    detail = client.get(f"/api/v1/nam/commissions/{oblast_1['id']}/")
    assert detail.status_code == 200 and detail.json()["size"] == 7


def test_api_composition(commissions):
    client = signed_in(commissions, Role.COORDINATOR, api=True)
    blocks = client.get("/api/v1/nam/composition/").json()
    assert [block["level"] for block in blocks] == [REGIONAL, DISTRICT, ""]
    assert blocks[0]["rows"][1] == {
        "party_id": Party.objects.get(name="Party B").pk,
        "nominator": "Party B",
        "nominated": 4,
        "appointed": 1,
        "appointed_share": 25.0,
        "seat_share": 14.3,
    }
    response = client.get("/api/v1/nam/composition/", {"level": "oblast"})
    assert response.status_code == 400 and "level" in response.json()


def test_api_is_for_the_core_team_of_the_mission(commissions):
    commission = commissions.commissions.first()
    assert signed_in(commissions, Role.STO, api=True).get("/api/v1/nam/commissions/").status_code == 403
    assert signed_in(commissions, Role.LTO, api=True).get("/api/v1/nam/composition/").status_code == 403
    stranger = signed_in(MissionFactory(), Role.COORDINATOR, api=True)
    assert stranger.get(f"/api/v1/nam/commissions/{commission.pk}/").status_code == 404
    assert stranger.get("/api/v1/nam/commissions/").json()["results"] == []
    assert stranger.get("/api/v1/nam/composition/").json() == []


# Demo data


def test_demo_reproduces_the_oblast_composition_of_the_report_and_is_idempotent(db):
    mission = MissionFactory()
    ak_zhol = PartyFactory(mission=mission, name="Ak Zhol", abbreviation="Ak Zhol")  # as the other demo loader makes it
    nam_demo_load(mission=mission)
    counts = (mission.commissions.count(), CommissionMember.objects.filter(commission__mission=mission).count())
    nam_demo_load(mission=mission)
    assert (mission.commissions.count(), CommissionMember.objects.filter(commission__mission=mission).count()) == counts

    with translation.override("en"):
        (oblasts,) = composition_by_party(mission=mission, level=REGIONAL)
    assert (oblasts.commissions, oblasts.seats, oblasts.appointed) == (16, 112, 112)
    held = {row.nominator: row.appointed for row in oblasts.rows}
    assert (held["Ak Zhol"], held["Communist Party"], held["Democratic Choice of Kazakhstan"]) == (4, 2, 0)
    assert sum(held.values()) - 6 == 106  # the rest went to the seven pro-presidential parties
    assert mission.parties.filter(name="Ak Zhol").get() == ak_zhol
    assert mission.parties.count() == 12
    cec = mission.commissions.get(level=CommissionLevel.CENTRAL)
    assert cec.members.filter(appointed=True).count() == 7
    assert mission.commissions.filter(level=REGIONAL, parent=cec).count() == 16


def test_commission_list_pages_keep_the_level(db, monkeypatch):
    monkeypatch.setattr("observers.nam.views.COMMISSIONS_PER_PAGE", 2)
    mission = MissionFactory()
    for _n in range(3):
        ElectionCommissionFactory(mission=mission, level=REGIONAL)
    response = signed_in(mission, Role.COORDINATOR).get(reverse("nam:commissions"), {"level": REGIONAL})
    html = response.content.decode()
    assert f"?level={REGIONAL}&amp;page=2" in html and "Page 1 of 2" in html
