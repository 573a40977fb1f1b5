from django.urls import path

from victimcare.rights import views

app_name = "rights"
urlpatterns = [
    path("work/", views.work_queue, name="queue"),
    path("cases/<int:case_id>/enhanced-rights/", views.enhanced_override, name="override"),
]
