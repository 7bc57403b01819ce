import pytest


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "eager (no broker configured)"}


@pytest.mark.django_db
def test_healthz_says_when_the_broker_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "error: ConnectionError"


def test_livez_answers_without_the_database_or_the_broker(client, settings):
    """No django_db mark: any query would raise. And a broker that would fail if it were asked."""
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/livez")
    assert (response.status_code, response.content, response["Content-Type"]) == (200, b"ok", "text/plain")
    assert "no-cache" in response["Cache-Control"]
