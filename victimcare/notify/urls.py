from django.urls import path

from victimcare.notify import views

app_name = "notify"
urlpatterns = [
    path("", views.attention, name="attention"),
    path("cases/<int:case_id>/", views.case_messages, name="case_messages"),
    path("cases/<int:case_id>/preferences/", views.preferences, name="preferences"),
    path("cases/<int:case_id>/<int:message_id>/retry/", views.message_retry, name="retry"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<slug:key>/", views.template_preview, name="template_preview"),
    path("mailbox/", views.mailbox, name="mailbox"),
    path("reminders/", views.reminder_preferences, name="reminder_preferences"),
    path("callbacks/notify/", views.notify_callback, name="notify_callback"),
]
