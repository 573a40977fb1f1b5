"""Template helpers for the portal layout."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from victimcare.portal.auth import seconds_left

register = template.Library()

# (url name, label). Pages another app adds (messages, asking for something) appear once their
# url names exist, so the layout never breaks before they land.
NAV = (
    ("portal:home", _("My case")),
    ("portal:rights", _("My rights")),
    ("portal:support", _("My support")),
    ("portal_messaging:inbox", _("Messages")),
    ("portal:contact", _("How to contact me")),
    ("portal_messaging:ask", _("Ask for something")),
)


@register.simple_tag(takes_context=True)
def portal_nav(context: Any) -> list[dict[str, Any]]:
    """The portal's navigation: [{text, href, active}]; the current item is the one whose
    address is the longest prefix of this page's."""
    request = context.get("request")
    path = getattr(request, "path", "")
    items: list[dict[str, Any]] = []
    for name, label in NAV:
        try:
            items.append({"text": label, "href": reverse(name)})
        except NoReverseMatch:
            continue
    matches: list[str] = [str(i["href"]) for i in items if path.startswith(str(i["href"]))]
    current = max(matches, key=len) if matches else None
    for item in items:
        item["active"] = item["href"] == current
    return items


@register.simple_tag
def portal_panel(case: Any) -> dict[str, Any]:
    """The staff case page's "Portal access" panel: whether the portal is on for the case, why
    not, and who can sign in (the victim by their own details, and any representatives)."""
    from victimcare.portal.models import PortalAccess, PortalAccount

    access = PortalAccess.objects.filter(case_id=case.pk).first()
    person = case.person
    victim_channels = []
    if person.email and not person.email_unsafe:
        victim_channels.append("email")
    if person.phone and not person.phone_unsafe:
        victim_channels.append("mobile")
    others = (
        PortalAccount.objects.filter(case_id=case.pk, active=True)
        .exclude(person_id=case.person_id)
        .select_related("person")
        .order_by("id")
    )
    return {
        "enabled": access is None or access.enabled,
        "reason": access.reason if access is not None else "",
        "victim_channels": victim_channels,
        "representatives": list(others),
    }


@register.simple_tag
def portal_date(day: Any) -> str:
    """A date in the page's language: '7 April 2026' or '7 Ebrill 2026'."""
    from victimcare.portal.selectors import say_date

    return say_date(day)


@register.filter
def portal_date_filter(day: Any) -> str:
    from victimcare.portal.selectors import say_date

    return say_date(day) if day else ""


@register.simple_tag(takes_context=True)
def portal_timeout(context: Any) -> dict[str, int]:
    """The numbers the timeout warning needs: seconds until this signed-in session times out
    (this page refreshed the idle clock), when to warn, and the idle limit in minutes."""
    return {
        "seconds_left": seconds_left(context["request"]),
        "warn_seconds": int(settings.PORTAL_TIMEOUT_WARNING_SECONDS),
        "idle_minutes": max(1, round(settings.PORTAL_IDLE_MINUTES)),
    }
