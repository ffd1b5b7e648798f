"""Every response, pages and static files alike, carries the site's security headers."""

import pytest

from tests.factories import make_article


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/static/css/portal.css", "/no-such-page/", "/api/v1/checkers/refund/"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)

    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_content_security_policy_comes_whole_from_django_csp(client):
    policy = client.get(make_article().get_absolute_url()).headers["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
