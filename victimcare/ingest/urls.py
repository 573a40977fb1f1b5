from django.urls import path

from victimcare.ingest import views

app_name = "ingest"
urlpatterns = [
    path("area/", views.area, name="area"),
    path("imports/feed/", views.feed_upload, name="feed_upload"),
    path("imports/feed/<int:run_id>/", views.feed_run, name="feed_run"),
    path("imports/feed/matches/", views.possible_matches, name="possible_matches"),
    path("imports/feed/matches/<int:match_id>/", views.possible_match, name="possible_match"),
]
