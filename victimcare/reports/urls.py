from django.urls import path

from victimcare.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.<str:fmt>", views.dashboard_export, name="export"),
    path("cases/", views.cases_behind, name="cases"),
    path("attrition/", views.attrition_page, name="attrition"),
    path("attrition/export.<str:fmt>", views.attrition_export, name="attrition_export"),
    path("return/", views.moj_return, name="return"),
    path("return/export.<str:fmt>", views.moj_return_export, name="return_export"),
]
