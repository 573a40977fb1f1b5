"""Staff pages for victims' feedback (mounted at the site root)."""

from django.urls import URLPattern, URLResolver, path

from victimcare.voice import views

app_name = "voice"
urlpatterns: list[URLPattern | URLResolver] = [
    path("feedback/", views.results, name="results"),
    path("feedback/figures.csv", views.results_csv, name="results_csv"),
]
