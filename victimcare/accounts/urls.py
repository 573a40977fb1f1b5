from django.urls import path

from victimcare.accounts import staff_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/security-code/", views.second_factor, name="second_factor"),
    path("sign-in/set-up/", views.set_up, name="set_up"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("staff/", staff_views.staff_users, name="staff_users"),
    path("staff/new/", staff_views.staff_user_new, name="staff_user_new"),
    path(
        "staff/<int:user_id>/deactivate/",
        staff_views.staff_user_change,
        {"change": "deactivate"},
        name="staff_user_deactivate",
    ),
    path(
        "staff/<int:user_id>/reset-second-factor/",
        staff_views.staff_user_change,
        {"change": "reset"},
        name="staff_user_reset",
    ),
]
