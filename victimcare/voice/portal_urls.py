"""The voice pages victims use, under /portal/ (signed in through the portal, never as staff)."""

from django.urls import URLPattern, URLResolver, path

from victimcare.voice import portal_views

app_name = "portal_voice"
urlpatterns: list[URLPattern | URLResolver] = [
    path("feedback/", portal_views.survey, name="survey"),
    path("feedback/no-thanks/", portal_views.dismiss, name="dismiss"),
    path("feedback/thanks/", portal_views.thanks, name="thanks"),
]
