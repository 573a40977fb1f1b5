"""Staff pages for victims' messages (mounted at the site root)."""

from django.urls import URLPattern, URLResolver, path

from victimcare.messaging import views

app_name = "messaging"
urlpatterns: list[URLPattern | URLResolver] = [
    path("cases/<int:case_id>/messages/", views.case_thread, name="case_thread"),
    path("inbox/", views.inbox, name="inbox"),
]
