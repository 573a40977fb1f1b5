"""The voice pages victims use, under /portal/ (signed in through the portal, never as staff)."""

from django.urls import URLPattern, URLResolver

app_name = "portal_voice"
urlpatterns: list[URLPattern | URLResolver] = []
