from django.test import RequestFactory

from config.client_address import client_address


def _request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "203.0.113.7"


def test_behind_n_proxies_the_nth_address_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request(REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7, 10.0.0.2")
    assert client_address(request) == "203.0.113.7"


def test_a_request_that_did_not_pass_every_proxy_counts_as_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="6.6.6.6")) == "10.0.0.3"
