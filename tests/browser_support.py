"""Fixtures for tests that drive a real Chromium through Playwright (see docs/adr/0009).

Loaded once for the whole suite as a plugin (tests/conftest.py's `pytest_plugins`), so
every test directory shares one Playwright session and one browser per worker.

The browser is Debian's /usr/bin/chromium: Playwright's own download is not reachable
here. Each test gets a fresh browser context (its own cookies) against pytest-django's
`live_server`, which serves the pages, the static files and the GOV.UK fonts through
WhiteNoise exactly as in production. The page keeps its Content Security Policy: axe is
injected with `page.evaluate`, which the policy does not block.

Two ways in:
- `sign_in(page, user)` goes through the real sign-in pages (password, then the current
  code from the user's authenticator), for the journeys that test signing in;
- `signed_in(page, user)` hands the browser a verified session cookie, for tests about
  the pages behind sign-in, so each does not pay for (or depend on) the sign-in pages.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from tests.conftest import PASSWORD, verified_client
from victimcare.accounts.models import User

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# axe's default rules, plus every WCAG 2.0-2.2 A and AA rule (the 2.2 ones, such as
# target-size, are off by default).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The live server's ORM calls run in its own thread, outside any event loop, but
# Playwright's sync API runs one in the test thread; Django would refuse the ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"{CHROMIUM} not found (run `make browser`)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, live_server: Any) -> Iterator[BrowserContext]:
    ctx = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London",
                              viewport={"width": 1280, "height": 900})  # fmt: skip
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A page that records what went wrong beneath the page: CSP refusals, script errors, and
    stylesheets, scripts, fonts or images that failed to load (`page.problems`)."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed to load {r.url}: {r.failure}"))
    page.on("response", lambda r: problems.append(f"{r.status} for {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" else None)  # fmt: skip
    page.problems = problems  # type: ignore[attr-defined]  # Page has no slot for it; read with problems()
    yield page


def problems(page: Page) -> list[str]:
    """What the `page` fixture recorded going wrong beneath the page."""
    found: list[str] = page.problems  # type: ignore[attr-defined]
    return found


def totp_code(user: User) -> str:
    """The code the user's authenticator app shows now."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(
        device.digits
    )


def sign_in(page: Page, user: User, *, password: str = PASSWORD) -> None:
    """Sign in through the real pages: username and password, then the security code."""
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page.get_by_label("Security code").fill(totp_code(user))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def signed_in(page: Page, user: User, base_url: str) -> Page:
    """Give the browser the session of `user` signed in with both factors (no page visits)."""
    cookie = verified_client(user).cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url,
                               "httpOnly": True, "secure": settings.SESSION_COOKIE_SECURE, "sameSite": "Lax"}])  # fmt: skip
    return page


@pytest.fixture
def page_as(page: Page, live_server: Any, personas: dict[str, User]) -> Callable[[str], Page]:
    """`page_as("cara")`: the page, signed in as that persona."""
    return lambda username: signed_in(page, personas[username], live_server.url)


_AXE_SCRIPT: str | None = None


def axe_violations(page: Page) -> list[dict[str, Any]]:
    global _AXE_SCRIPT
    if _AXE_SCRIPT is None:
        _AXE_SCRIPT = AXE_JS.read_text(encoding="utf-8")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_SCRIPT)
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const extra = axe.getRules(tags).filter(r => !r.tags.includes('experimental'));
            const rules = Object.fromEntries(extra.map(r => [r.ruleId, {enabled: true}]));
            const results = await axe.run(document, {resultTypes: ['violations'], rules});
            return results.violations;
        }""",
        WCAG_TAGS,
    )
    return violations


def assert_no_axe_violations(page: Page) -> None:
    """Fail with each axe violation's rule, help text and the elements to fix."""
    violations = axe_violations(page)
    if not violations:
        return
    lines = [f"{len(violations)} axe violation(s) on {page.url} ({page.title()}):"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture
def axe_check() -> Callable[[Page], None]:
    return assert_no_axe_violations
