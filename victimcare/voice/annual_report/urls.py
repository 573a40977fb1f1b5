"""The annual report's addresses, added to the voice app's (names in its "voice" namespace)."""

from django.urls import URLPattern, path

from victimcare.voice.annual_report import views

urlpatterns: list[URLPattern] = [
    path("voice/annual-reports/", views.report_list, name="annual_reports"),
    path("voice/annual-reports/new/", views.report_new, name="annual_report_new"),
    path("voice/annual-reports/<int:report_id>/", views.report_detail, name="annual_report"),
    path("voice/annual-reports/<int:report_id>/narrative/", views.report_edit, name="annual_report_edit"),
    path("voice/annual-reports/<int:report_id>/report.html", views.report_html, name="annual_report_html"),
    path("voice/annual-reports/<int:report_id>/report.pdf", views.report_pdf, name="annual_report_pdf"),
]
