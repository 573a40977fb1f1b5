"""Staff pages for victims' feedback and the Victims' Champions (mounted at the site root)."""

from django.urls import URLPattern, URLResolver, path

from victimcare.voice import champion_views, publication_views, theme_views, views
from victimcare.voice.annual_report import urls as annual_report_urls
from victimcare.voice.panel import urls as panel_urls

app_name = "voice"
urlpatterns: list[URLPattern | URLResolver] = [
    path("feedback/", views.results, name="results"),
    path("feedback/figures.csv", views.results_csv, name="results_csv"),
    path("feedback/national/", views.national, name="national"),
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
    path("voice/survey-comments/", champion_views.survey_comments, name="survey_comments"),
]
urlpatterns += [
    path("voice/themes/", theme_views.themes, name="themes"),
    path("voice/themes/figures.csv", theme_views.themes_csv, name="themes_csv"),
    path("voice/themes/<int:theme_id>/", theme_views.theme_evidence, name="theme_evidence"),
    path("voice/case-studies/", publication_views.case_study_list, name="case_studies"),
    path("voice/case-studies/new/", publication_views.case_study_new, name="case_study_new"),
    path("voice/case-studies/<int:study_id>/", publication_views.case_study_detail, name="case_study"),
    path("voice/recommendations/", publication_views.recommendation_list, name="recommendations"),
    path("voice/recommendations/new/", publication_views.recommendation_new, name="recommendation_new"),
    path(
        "voice/recommendations/<int:rec_id>/", publication_views.recommendation_detail, name="recommendation"
    ),
    path(
        "voice/recommendations/<int:rec_id>/response/",
        publication_views.recommendation_response,
        name="recommendation_response",
    ),
    path("you-said-we-did/<int:organisation_id>/", publication_views.you_said_we_did, name="public"),
]

# The advisory panel and the annual report keep their addresses in their own modules (ADR 0047, 0048).
urlpatterns += panel_urls.urlpatterns + annual_report_urls.urlpatterns
