"""The portal's language: every page under /portal/ in English or Welsh; staff pages untouched."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from victimcare.portal.auth import LANGUAGE_COOKIE, PORTAL_LANGUAGES, SESSION_LANGUAGE

PORTAL_PREFIX = "/portal/"
STAFF_PREFIX = "/portal/staff/"  # the staff actions of the case page's portal panel: English


class PortalLanguageMiddleware:
    """Activate the portal language for /portal/ pages: the signed-in account's (kept in the
    session; `portal_required` activates the account's own again), else the language cookie
    set by the switcher, else English. Staff pages keep LANGUAGE_CODE (English)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PORTAL_PREFIX) or request.path.startswith(STAFF_PREFIX):
            return self.get_response(request)
        language = request.session.get(SESSION_LANGUAGE) or request.COOKIES.get(LANGUAGE_COOKIE, "")
        if language not in PORTAL_LANGUAGES:
            language = "en"
        request.portal_service_phone = settings.PORTAL_SERVICE_PHONE  # type: ignore[attr-defined]
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", translation.get_language() or language)
        response.headers.setdefault("Vary", "Cookie")
        return response
