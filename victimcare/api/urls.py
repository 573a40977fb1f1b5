"""/api/v1/: the partner API, its OpenAPI document and its documentation page."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from victimcare.api import views
from victimcare.api.operations import endpoint

app_name = "api"


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document, generated from the code; public, like the documentation."""

    authentication_classes = []
    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the app's own static files (no CDN), its start-up script served from
    here too, so the page runs under the site's Content-Security-Policy unchanged."""

    authentication_classes = []
    permission_classes = [AllowAny]
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    path("crimes/", endpoint(views.crime_list), name="crime_list"),
    path("crimes/<int:crime_id>/", endpoint(views.crime_detail), name="crime_detail"),
    path("victims/", endpoint(views.victim_create), name="victim_create"),
    path("victims/<int:victim_id>/", endpoint(views.victim_detail), name="victim_detail"),
    path("cases/", endpoint(views.case_list, views.case_create), name="cases"),
    path("cases/<int:case_id>/", endpoint(views.case_detail), name="case_detail"),
    path("cases/<int:case_id>/events/", endpoint(views.event_list, views.event_create), name="events"),
    path("cases/<int:case_id>/entitlements/", endpoint(views.entitlement_list), name="entitlement_list"),
    path("referrals/", endpoint(views.referral_list), name="referral_list"),
    path("referrals/<int:referral_id>/", endpoint(views.referral_detail), name="referral_detail"),
    path("referrals/<int:referral_id>/accept/", endpoint(views.referral_accept), name="referral_accept"),
    path("referrals/<int:referral_id>/decline/", endpoint(views.referral_decline), name="referral_decline"),
    path(
        "referrals/<int:referral_id>/first-contact/",
        endpoint(views.referral_first_contact),
        name="referral_first_contact",
    ),
    path(
        "referrals/<int:referral_id>/engagement/",
        endpoint(views.referral_engagement),
        name="referral_engagement",
    ),
    path("referrals/<int:referral_id>/outcome/", endpoint(views.referral_outcome), name="referral_outcome"),
]
