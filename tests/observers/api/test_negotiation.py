"""What the API answers in, by the Accept header: config.negotiation answers the common ones at once, as DRF would."""

import pytest

PLAN = "/api/v1/plan/"


@pytest.mark.parametrize("accept", [None, "*/*", "application/json"])
def test_phones_common_accept_headers_get_json(day, token_client, accept):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    response = token_client(day.sto.user).get(PLAN, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["team"]["code"] == "STO-07"


@pytest.mark.parametrize("headers, query", [({"HTTP_ACCEPT": "text/html"}, ""), ({}, "?format=api")])
def test_a_browser_still_gets_the_browsable_api(day, token_client, headers, query):
    response = token_client(day.sto.user).get(PLAN + query, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_a_type_the_api_cannot_write_is_refused(day, token_client):
    response = token_client(day.sto.user).get(PLAN, HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
