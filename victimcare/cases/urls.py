from django.urls import path

from victimcare.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("search/", views.search, name="search"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/edit/", views.case_edit, name="edit"),
    path("<int:case_id>/events/new/", views.event_create, name="event_create"),
    path("new/for/<int:person_id>/", views.case_open_for_person, name="open"),
]
