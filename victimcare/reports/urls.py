from django.urls import path

from victimcare.reports import commissioning_views, panel_views, views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.<str:fmt>", views.dashboard_export, name="export"),
    path("cases/", views.cases_behind, name="cases"),
    path("attrition/", views.attrition_page, name="attrition"),
    path("attrition/export.<str:fmt>", views.attrition_export, name="attrition_export"),
    path("court/", views.court_page, name="court"),
    path("court/export.<str:fmt>", views.court_export, name="court_export"),
    path("commissioning/", commissioning_views.commissioning_page, name="commissioning"),
    path(
        "commissioning/export.<str:fmt>",
        commissioning_views.commissioning_export,
        name="commissioning_export",
    ),
    path("return/", views.moj_return, name="return"),
    path("return/export.<str:fmt>", views.moj_return_export, name="return_export"),
    path("panel/", panel_views.pack_list, name="panel_packs"),
    path("panel/<int:pk>/", panel_views.pack_page, name="panel_pack"),
    path("panel/<int:pk>/commentary/", panel_views.pack_commentary, name="panel_commentary"),
    path("panel/<int:pk>/submit/", panel_views.pack_submit, name="panel_submit"),
    path("panel/<int:pk>/approve/", panel_views.pack_approve, name="panel_approve"),
    path("panel/<int:pk>/send-back/", panel_views.pack_send_back, name="panel_send_back"),
    path("panel/<int:pk>/pack.pdf", panel_views.pack_pdf, name="panel_pdf"),
    path("panel/<int:pk>/pack.xlsx", panel_views.pack_xlsx, name="panel_xlsx"),
]
