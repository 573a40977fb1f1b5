from django.urls import path

from victimcare.ingest import views

app_name = "ingest"
urlpatterns = [
    path("area/", views.area, name="area"),
]
