from django.urls import path

from victimcare.cases import crime_views

app_name = "crimes"
urlpatterns = [
    path("<int:crime_id>/", crime_views.crime_detail, name="detail"),
    path("<int:crime_id>/correct/", crime_views.crime_correct_view, name="correct"),
    path("<int:crime_id>/outcome/", crime_views.crime_outcome_view, name="outcome"),
    path("<int:crime_id>/victims/new/", crime_views.crime_add_victim, name="add_victim"),
    path("<int:crime_id>/victims/new/<int:person_id>/", crime_views.crime_add_case, name="add_case"),
]
