"""Browser helpers for the messaging and voice pages: a Chromium page signed in to the portal."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from tests.messaging.conftest import portal_session
from victimcare.portal.models import PortalAccount


def portal_page(page: Page, account: PortalAccount, base_url: str) -> Page:
    """Give the browser a portal session for `account` (the keys portal sign-in writes)."""
    cookie = portal_session(Client(), account).cookies[settings.SESSION_COOKIE_NAME].value
    cookies: list[Any] = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": cookie,
            "url": base_url,
            "httpOnly": True,
            "secure": settings.SESSION_COOKIE_SECURE,
            "sameSite": "Lax",
        }
    ]
    page.context.add_cookies(cookies)
    return page
