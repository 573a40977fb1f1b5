"""The victims' portal, mounted at /portal/ (signed in with a one-time code, never as staff)."""

from django.urls import URLPattern, URLResolver, path

from victimcare.portal import staff_views, views

app_name = "portal"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.code, name="code"),
    path("sign-in/new-code/", views.new_code, name="new_code"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("session/extend/", views.session_extend, name="session_extend"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("exit/", views.exit_page, name="exit"),
    path("language/<str:language>/", views.language, name="language"),
    path("rights/", views.rights, name="rights"),
    path("support/", views.support, name="support"),
    path("get-support/", views.get_support, name="get_support"),
    path("contact/", views.contact, name="contact"),
    # Staff: the "Portal access" panel's actions on the staff case page.
    path("staff/cases/<int:case_id>/access/", staff_views.access, name="staff_access"),
    path(
        "staff/cases/<int:case_id>/people/new/",
        staff_views.representative_new,
        name="staff_representative_new",
    ),
    path(
        "staff/cases/<int:case_id>/people/<int:account_id>/remove/",
        staff_views.representative_remove,
        name="staff_representative_remove",
    ),
]
