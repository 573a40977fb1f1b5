"""The messaging pages victims use, under /portal/ (signed in through the portal, never as staff)."""

from django.urls import URLPattern, URLResolver

app_name = "portal_messaging"
urlpatterns: list[URLPattern | URLResolver] = []
