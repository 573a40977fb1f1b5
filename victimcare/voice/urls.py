"""Staff pages for victims' feedback and the Victims' Champions (mounted at the site root)."""

from django.urls import URLPattern, URLResolver, path

from victimcare.voice import champion_views, views

app_name = "voice"
urlpatterns: list[URLPattern | URLResolver] = [
    path("feedback/", views.results, name="results"),
    path("feedback/figures.csv", views.results_csv, name="results_csv"),
    path("voice/", champion_views.workspace, name="workspace"),
    path("voice/engagements/new/", champion_views.engagement_new, name="engagement_new"),
    path("voice/engagements/<int:engagement_id>/", champion_views.engagement_detail, name="engagement"),
    path("voice/engagements/<int:engagement_id>/account/", champion_views.account_edit, name="account"),
    path(
        "voice/engagements/<int:engagement_id>/concerns/new/", champion_views.concern_new, name="concern_new"
    ),
    path("voice/engagements/<int:engagement_id>/quotes/new/", champion_views.quote_new, name="quote_new"),
    path(
        "voice/engagements/<int:engagement_id>/consent/<str:kind>/withdraw/",
        champion_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("voice/check/<str:target>/<int:target_id>/", champion_views.check, name="check"),
]
