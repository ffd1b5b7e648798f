"""The client's address, as limits and sign-in lockouts see it."""

import pytest

from serving.clients import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        pytest.param(0, "198.51.100.1, 203.0.113.7", "10.0.0.5", id="no proxy: the connection, headers ignored"),
        pytest.param(1, "198.51.100.1, 203.0.113.7", "203.0.113.7", id="one proxy: the entry it added"),
        pytest.param(1, "1.2.3.4, 5.6.7.8, 203.0.113.7", "203.0.113.7", id="one proxy: forged entries ignored"),
        pytest.param(2, "198.51.100.1, 203.0.113.7, 192.0.2.9", "203.0.113.7", id="two proxies: the outer one's"),
        pytest.param(1, "", "10.0.0.5", id="one proxy but no header: the connection"),
        pytest.param(3, "203.0.113.7", "10.0.0.5", id="fewer entries than proxies: the connection"),
        pytest.param(1, "1.2.3.4, 203.0.113.7:5123", "203.0.113.7", id="a port dropped"),
        pytest.param(1, "1.2.3.4, [2001:db8::7]:443", "2001:db8::7", id="IPv6 in brackets with a port"),
        pytest.param(1, "1.2.3.4, 2001:DB8::7", "2001:db8::7", id="IPv6 written one way"),
        pytest.param(1, "1.2.3.4, unknown", "10.0.0.5", id="not an address: the connection"),
    ],
)
def test_client_address(rf, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", **headers)

    assert client_ip(request) == expected
