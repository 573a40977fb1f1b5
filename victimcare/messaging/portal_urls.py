"""The messaging pages victims use, under /portal/ (signed in through the portal, never as staff)."""

from django.urls import URLPattern, URLResolver, path

from victimcare.messaging import portal_views

app_name = "portal_messaging"
urlpatterns: list[URLPattern | URLResolver] = [
    path("messages/", portal_views.inbox, name="inbox"),
    path("ask/", portal_views.ask, name="ask"),
]
for _kind, _slug in (("statement", "statement"), ("review", "review"), ("complaint", "complaint")):
    urlpatterns += [
        path(f"ask/{_slug}/", portal_views.request_form, {"kind": _kind}, name=f"ask_{_kind}"),
        path(f"ask/{_slug}/check/", portal_views.request_check, {"kind": _kind}, name=f"ask_{_kind}_check"),
        path(
            f"ask/{_slug}/sent/<int:event_id>/",
            portal_views.request_sent,
            {"kind": _kind},
            name=f"ask_{_kind}_sent",
        ),
    ]
