from django.urls import path

from victimcare.rights import rule_pages, views

app_name = "rights"
urlpatterns = [
    path("work/", views.work_queue, name="queue"),
    path("rules/", rule_pages.rules, name="rules"),
    path("cases/<int:case_id>/enhanced-rights/", views.enhanced_override, name="override"),
]
