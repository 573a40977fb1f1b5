"""Every page sends the security headers, in the production profile (DJANGO_ENV=production, read
from a fresh process as a deployment starts it): a Content-Security-Policy with no
'unsafe-inline' and frame-ancestors 'none', X-Frame-Options, X-Content-Type-Options,
Referrer-Policy, a Permissions-Policy that switches off camera, microphone and location, and
HSTS with subdomains and preload.

The pages are read from the URLconf: every pattern that takes no arguments, so a new page is
crawled without anyone listing it, anonymously, as a supervisor and as an administrator, and the
portal's as a signed-in victim; then the error pages (not found, refused, server error)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path
from django.urls.resolvers import RoutePattern

from tests.conftest import verified_client
from tests.portal.conftest import portal_sign_in, victim_case
from tests.production_profile import PRODUCTION, settings_of
from victimcare import urls as project_urls

pytestmark = pytest.mark.django_db

# Over the proxy that ends TLS, as production runs: the header the profile was told to trust.
HTTPS = {"X-Forwarded-Proto": "https"}
SECURITY_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "DEBUG",
]


def no_argument_urls(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    """The path of every URL pattern under `patterns` that takes no arguments."""
    for pattern in patterns:
        if isinstance(pattern.pattern, RoutePattern):
            if pattern.pattern.converters:
                continue
            part = str(pattern.pattern)
        else:
            if pattern.pattern.regex.groups:
                continue
            part = str(pattern.pattern).removeprefix("^").removesuffix("$").replace("\\", "")
        if isinstance(pattern, URLResolver):
            yield from no_argument_urls(pattern.url_patterns, prefix + part)
        else:
            assert isinstance(pattern, URLPattern)
            yield "/" + prefix + part


URLS = sorted(set(no_argument_urls(get_resolver().url_patterns)))
# Pages that end the session they are asked with come last, so each crawl stays signed in.
SIGN_OUTS = ("/sign-out/", "/portal/sign-out/", "/portal/exit/", "/admin/logout/")
URLS = [u for u in URLS if u not in SIGN_OUTS] + [u for u in URLS if u in SIGN_OUTS]


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    values = settings_of(SECURITY_SETTINGS, env=PRODUCTION, tmp_path=tmp_path_factory.mktemp("profile"))
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000 and values["DEBUG"] is False
    return values


@pytest.fixture(autouse=True)
def _production(settings: Any, production_settings: dict[str, Any]) -> None:
    for name, value in production_settings.items():
        setattr(settings, name, value)


def header_problems(response: Any) -> list[str]:
    """What is missing or wrong in a response's security headers (nothing, if all is well)."""
    csp = response.get("Content-Security-Policy", "")
    directives = {d.split()[0]: " ".join(d.split()[1:]) for d in csp.split(";") if d.strip()}
    expected = {
        "Content-Security-Policy": bool(csp) and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp,
        "frame-ancestors": directives.get("frame-ancestors") == "'none'",
        "X-Frame-Options": response.get("X-Frame-Options") == "DENY",
        "X-Content-Type-Options": response.get("X-Content-Type-Options") == "nosniff",
        # Never the page's address to another site ("Exit this page" sends none at all).
        "Referrer-Policy": response.get("Referrer-Policy") in ("same-origin", "no-referrer"),
        "Permissions-Policy": all(
            f"{feature}=()" in response.get("Permissions-Policy", "")
            for feature in ("camera", "microphone", "geolocation", "payment", "usb")
        ),
        "Strict-Transport-Security": response.get("Strict-Transport-Security")
        == "max-age=63072000; includeSubDomains; preload",
    }
    return [name for name, ok in expected.items() if not ok]


def crawl(client: Client, urls: list[str]) -> tuple[dict[str, list[str]], dict[str, int]]:
    problems, statuses = {}, {}
    for url in urls:
        response = client.get(url, headers=HTTPS)
        statuses[url] = response.status_code
        if missing := header_problems(response):
            problems[url] = missing
    return problems, statuses


def test_it_finds_the_pages_in_the_urlconf():
    assert len(URLS) >= 90
    assert {"/", "/cases/", "/portal/", "/portal/rights/", "/admin/", "/api/v1/cases/"} <= set(URLS)


def test_every_page_sends_the_headers_to_someone_not_signed_in():
    problems, statuses = crawl(Client(), URLS)
    assert not problems
    assert statuses["/sign-in/"] == 200 and statuses["/portal/sign-in/"] == 200


def test_every_page_sends_the_headers_to_staff(personas):
    for username in ("sue", "adam"):
        problems, statuses = crawl(verified_client(personas[username]), URLS)
        assert not problems, username
    assert statuses["/admin/"] == 200 and statuses["/audit/"] == 200  # adam's own pages, read
    sue = crawl(verified_client(personas["sue"]), ["/cases/", "/compliance/"])[1]
    assert sue == {"/cases/": 200, "/compliance/": 200}


def test_every_portal_page_sends_the_headers_to_a_signed_in_victim(personas, settings):
    settings.NOTIFY_TRANSPORT, settings.NOTIFY_ORGANISATION_TRANSPORTS = "mailbox", {}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    victim = Client(headers=HTTPS)  # the session cookie is Secure: the sign-in is over HTTPS too
    victim_case(personas, reference="DU/00500/26")
    assert portal_sign_in(victim, "DU/00500/26", "jane@example.com")["Location"] == "/portal/"
    problems, statuses = crawl(victim, [u for u in URLS if u.startswith("/portal/")])
    assert not problems
    assert statuses["/portal/"] == 200 and statuses["/portal/rights/"] == 200


def test_error_pages_send_the_headers(client_for, settings):
    settings.ROOT_URLCONF = __name__  # this module's URLconf: the project's and a broken page
    staff = client_for("cara")
    staff.raise_request_exception = False
    pages = {
        "/no-such-page/": 404,
        "/portal/no-such-page/": 404,
        "/api/v1/no-such-page/": 404,
        "/broken/": 500,
        "/portal/broken/": 500,
    }
    for url, status in pages.items():
        response = staff.get(url, headers=HTTPS)
        assert response.status_code == status, url
        assert not header_problems(response), url
    refused = Client(enforce_csrf_checks=True).post("/sign-in/", {"username": "cara"}, headers=HTTPS)
    assert refused.status_code == 403  # no CSRF token
    assert not header_problems(refused)


def test_plain_http_is_sent_to_https_except_the_health_check():
    client = Client()
    response = client.get("/cases/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/cases/"
    assert client.get("/healthz").status_code == 200


def test_the_permissions_policy_is_sent_in_development_too(client, settings):
    settings.SECURE_HSTS_SECONDS = 0  # the development profile: no HSTS over plain HTTP
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/sign-in/")
    assert header_problems(response) == ["Strict-Transport-Security"]


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a page that fails")


urlpatterns = [
    path("broken/", broken),
    path("portal/broken/", broken),
    *project_urls.urlpatterns,
]
handler404 = project_urls.handler404
handler500 = project_urls.handler500
