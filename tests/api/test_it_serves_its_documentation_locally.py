"""The API's documentation page and its assets come from the app itself (no CDN) and run under
the site's Content-Security-Policy, with no inline script or style."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_it_serves_the_docs_page_with_local_assets_only(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert len(scripts) == 3 and len(links) == 2
    assert not re.findall(r"<script>", html)  # no inline script: the CSP allows none
    for url in scripts + links:
        assert url.startswith("/"), url  # same origin: no CDN
        assert client.get(url.replace("&amp;", "&")).status_code == 200, url
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_it_serves_the_openapi_document(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")
