from django.urls import path

from victimcare.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.index, name="index"),
    path("people/<int:person_id>/", views.person_audit, name="person"),
    path("trail/", views.trail, name="trail"),
]
