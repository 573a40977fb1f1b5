"""The voice pages victims use, under /portal/: signed in through the portal (never as staff),
or, for the survey, by the link in an invitation (docs/adr/0049)."""

from django.urls import URLPattern, URLResolver, path

from victimcare.voice import portal_views

app_name = "portal_voice"
urlpatterns: list[URLPattern | URLResolver] = [
    path("feedback/", portal_views.survey, name="survey"),
    path("feedback/no-thanks/", portal_views.dismiss, name="dismiss"),
    path("feedback/thanks/", portal_views.thanks, name="thanks"),
    path("feedback/link/thanks/", portal_views.link_thanks, name="link_thanks"),
    path("feedback/link/<str:token>/", portal_views.link_survey, name="link"),
    path("feedback/link/<str:token>/no-thanks/", portal_views.link_dismiss, name="link_dismiss"),
]
