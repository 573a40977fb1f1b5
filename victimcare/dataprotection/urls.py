from django.urls import path

from victimcare.dataprotection import views

app_name = "dataprotection"
urlpatterns = [
    path("", views.index, name="index"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<int:sar_id>/", views.request_detail, name="request"),
    path("requests/<int:sar_id>/review/", views.review, name="review"),
    path("requests/<int:sar_id>/response.pdf", views.download, {"kind": "pdf"}, name="pdf"),
    path("requests/<int:sar_id>/response.zip", views.download, {"kind": "zip"}, name="zip"),
    path("people/<int:person_id>/", views.person_page, name="person"),
    path("people/<int:person_id>/rectify/", views.rectify, name="rectify"),
]
