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
    path("retention/", views.retention_queue, name="retention_queue"),
    path("retention/schedule/", views.retention_schedule, name="retention_schedule"),
    path("retention/schedule/<str:record_type>/", views.retention_rule, name="retention_rule"),
    path("retention/cases/<int:retention_case_id>/", views.retention_case, name="retention_case"),
    path("retention/people/<int:retention_person_id>/", views.retention_person, name="retention_person"),
    path("retention/erasures/", views.erasures, name="erasures"),
]
