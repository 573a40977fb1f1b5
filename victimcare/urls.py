from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from victimcare.accounts.admin import site as admin_site


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:caseload", permanent=False)),
    path("healthz", healthz),
    path("", include("victimcare.accounts.urls")),
    path("cases/", include("victimcare.cases.urls")),
    path("people/", include("victimcare.people.urls")),
    path("audit/", include("victimcare.audit.urls")),
    path("messages/", include("victimcare.notify.urls")),
    path("", include("victimcare.rights.urls")),
    path("compliance/", include("victimcare.reports.urls")),
    path("", include("victimcare.support.urls")),
    path("", include("victimcare.safeguarding.urls")),
    path("", include("victimcare.justice.urls")),
    path("", include("victimcare.messaging.urls")),
    path("", include("victimcare.voice.urls")),
    path("portal/", include("victimcare.portal.urls")),
    path("portal/", include("victimcare.messaging.portal_urls")),
    path("portal/", include("victimcare.voice.portal_urls")),
    path("admin/", admin_site.urls),
]
