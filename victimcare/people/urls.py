from django.urls import path

from victimcare.people import views

app_name = "people"
urlpatterns = [
    path("new/", views.person_create_view, name="create"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/edit/", views.person_edit, name="edit"),
]
