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
    path("admin/", admin_site.urls),
]
