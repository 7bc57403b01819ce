"""Candidate registration: the figures, each linking to its candidates."""

import pytest
from django.urls import reverse

from tests.factories import CandidateFactory, CandidateListFactory, PartyFactory


@pytest.fixture
def candidates(rec):
    otan, ak_zhol = PartyFactory(mission=rec.mission, name="Otan"), PartyFactory(mission=rec.mission, name="Ak Zhol")
    for party, gender, status, reason in (
        (otan, "female", "registered", ""),
        (otan, "male", "registered", ""),
        (ak_zhol, "male", "refused", "signatures"),
        (ak_zhol, "female", "deregistered", "campaign_violation"),
        (None, "male", "registered", ""),
    ):
        CandidateFactory(mission=rec.mission, nominated_by=party, gender=gender, status=status, reason=reason)
    bloc = CandidateListFactory(mission=rec.mission, name="AIST", is_bloc=True)
    bloc.parties.add(otan, ak_zhol)
    CandidateFactory(mission=rec.mission, district=None, candidate_list=bloc, position=1, gender="female")
    return otan, ak_zhol


def test_registration_figures_link_to_their_candidates(rec, candidates, client, django_assert_max_num_queries):
    otan, ak_zhol = candidates
    client.force_login(rec.analyst.user)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("candidates:index"))
    total = page.context["total"]
    assert (total.applicants, total.registered, total.refused, total.deregistered) == (5, 3, 1, 1)
    assert total.women_registered == 1
    rows = {row["party"].name if row["party"] else None: row["figures"] for row in page.context["by_party"]}
    assert (rows["Otan"].registered, rows["Ak Zhol"].refused, rows[None].applicants) == (2, 1, 1)
    lists = list(page.context["lists"])
    assert [(item.name, item.candidate_count, item.women_count) for item in lists] == [("AIST", 1, 1)]
    refused = client.get(page.context["reasons"][0]["url"])
    assert [c.reason for c in refused.context["page"]] == ["campaign_violation"]
    women = client.get(page.context["urls"]["women"])
    assert women.context["page"].paginator.count == 1
    self_nominated = client.get(reverse("candidates:list"), {"party": "self"})
    assert self_nominated.context["page"].paginator.count == 1
    bad = client.get(reverse("candidates:list"), {"party": "999999", "status": "elected"})
    assert bad.status_code == 400 and "No party of this mission" in bad.content.decode()
    client.force_login(rec.lto.user)
    assert client.get(reverse("candidates:index")).status_code == 403
