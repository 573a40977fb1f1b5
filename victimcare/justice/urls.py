from django.urls import path

from victimcare.justice import views

app_name = "justice"
urlpatterns = [
    path("cases/<int:case_id>/restorative-justice/new/", views.rj_offer, name="offer"),
    path("cases/<int:case_id>/restorative-justice/<int:record_id>/", views.rj_detail, name="detail"),
]
