from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect
from django.template import loader
from django.urls import include, path
from django.views import defaults

from victimcare.access.navigation import landing_url
from victimcare.accounts.admin import site as admin_site


def home(request: HttpRequest) -> HttpResponse:
    """Staff land where their work is, the first page of their menu: provider staff on their
    referrals, Victims' Champions on their workspace, analysts on the figures, the Witness Care
    Unit on its work queue, caseworkers and officers on the caseload (which sends anyone not
    signed in to the sign-in page)."""
    return redirect(landing_url(request.user))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Victims get the portal's own "Page not found", in their language and with the exit button;
    staff get the staff one. Inside each, a record out of reach looks exactly like a missing one."""
    if request.path.startswith("/api/"):
        from victimcare.api.problems import not_found_json

        return not_found_json(request)  # the same problem body as a record out of scope
    if request.path.startswith("/portal/") and not request.path.startswith("/portal/staff/"):
        from victimcare.portal.auth import portal_visitor

        if not hasattr(request, "portal_account"):  # raised before any portal decorator ran
            portal_visitor(request)
        return HttpResponseNotFound(loader.render_to_string("portal/404.html", request=request))
    return defaults.page_not_found(request, exception)


handler404 = page_not_found


def server_error(request: HttpRequest) -> HttpResponse:
    """API callers get a problem detail, never an HTML page; everyone else the staff page."""
    if request.path.startswith("/api/"):
        from victimcare.api.problems import server_error_json

        return server_error_json(request)
    return defaults.server_error(request)


handler500 = server_error


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz),
    path("", include("victimcare.accounts.urls")),
    path("cases/", include("victimcare.cases.urls")),
    path("crimes/", include("victimcare.cases.crime_urls")),
    path("people/", include("victimcare.people.urls")),
    path("audit/", include("victimcare.audit.urls")),
    path("data-protection/", include("victimcare.dataprotection.urls")),
    path("messages/", include("victimcare.notify.urls")),
    path("", include("victimcare.rights.urls")),
    path("compliance/", include("victimcare.reports.urls")),
    path("", include("victimcare.support.urls")),
    path("", include("victimcare.safeguarding.urls")),
    path("", include("victimcare.justice.urls")),
    path("", include("victimcare.messaging.urls")),
    path("", include("victimcare.voice.urls")),
    path("", include("victimcare.ingest.urls")),
    path("portal/", include("victimcare.portal.urls")),
    path("portal/", include("victimcare.messaging.portal_urls")),
    path("portal/", include("victimcare.voice.portal_urls")),
    path("api/v1/", include("victimcare.api.urls")),
    path("admin/", admin_site.urls),
]
