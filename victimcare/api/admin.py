"""API clients in the admin, for administrators: add one (its token is shown once, on the page
that follows), see when each was last used, revoke; their webhook subscriptions (the signing
secret shown once) and every delivery with its status."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from victimcare.access.capabilities import API_CLIENT_ROLES, Capability
from victimcare.accounts.admin import CapabilityAdmin, site
from victimcare.accounts.models import Role, Team
from victimcare.api.models import SCOPES, WEBHOOK_KINDS, ApiClient, WebhookDelivery, WebhookSubscription
from victimcare.api.services import (
    ApiClientError,
    ApiClientInput,
    api_client_check,
    api_client_create,
    api_client_revoke,
    webhook_subscribe,
)


class ApiClientCreateForm(forms.ModelForm[ApiClient]):
    role = forms.ChoiceField(
        choices=[(r, Role(r).label) for r in API_CLIENT_ROLES],
        help_text="The client sees what staff of this role in the organisation see.",
    )
    scopes = forms.MultipleChoiceField(choices=list(SCOPES.items()), widget=forms.CheckboxSelectMultiple)
    teams = forms.ModelMultipleChoiceField(queryset=Team.objects.all(), required=False)

    class Meta:
        model = ApiClient
        fields = ["name", "organisation", "expires_at", "rate_per_minute"]

    def input(self) -> ApiClientInput:
        data = self.cleaned_data
        return ApiClientInput(
            name=data["name"],
            organisation=data["organisation"],
            role=data["role"],
            scopes=tuple(data["scopes"]),
            expires_at=data["expires_at"],
            teams=tuple(data.get("teams") or ()),
            rate_per_minute=data.get("rate_per_minute"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            try:
                api_client_check(self.input())
            except ApiClientError as err:
                self.add_error(err.field if err.field in self.fields else None, err.message)
        return data


class _AdministratorsOnly(CapabilityAdmin):
    """API clients and webhooks: administrators view, add and change; nothing is deleted (a client is
    revoked, the audit trail points at it)."""

    capability = Capability.MANAGE_API_CLIENTS


@admin.register(ApiClient, site=site)
class ApiClientAdmin(_AdministratorsOnly, admin.ModelAdmin[ApiClient]):
    list_display = (
        "name",
        "organisation",
        "role",
        "token_prefix",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    list_filter = ("organisation",)
    actions = ["revoke"]
    readonly_fields = (
        "name",
        "organisation",
        "user",
        "scopes",
        "token_prefix",
        "expires_at",
        "rate_per_minute",
        "created_at",
        "created_by",
        "revoked_at",
        "revoked_by",
        "last_used_at",
    )

    @admin.display(description="Acts as")
    def role(self, obj: ApiClient) -> str:
        return str(Role(obj.user.role).label)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = ApiClientCreateForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            fields = ["name", "organisation", "role", "teams", "scopes", "expires_at", "rate_per_minute"]
            return [(None, {"fields": fields})]
        return super().get_fieldsets(request, obj)

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        if change:
            return  # nothing about a client changes after it is made, but its revocation
        client, token = api_client_create(actor=request.user, data=form.input())  # type: ignore[arg-type]
        obj.pk, obj.user_id, obj.token_prefix = client.pk, client.user_id, client.token_prefix
        obj._state.adding = False
        obj.shown_token = token  # type: ignore[attr-defined]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # the service set the service user's teams

    def response_add(
        self, request: HttpRequest, obj: ApiClient, post_url_continue: Any = None
    ) -> HttpResponse:
        # The token is shown on this page only: never stored, never put in a message or a cookie.
        context = {**self.admin_site.each_context(request), "client": obj, "token": obj.shown_token}  # type: ignore[attr-defined]
        return TemplateResponse(request, "admin/api/token_shown.html", context)

    @admin.action(description="Revoke the selected clients (their tokens stop working now)")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            api_client_revoke(actor=request.user, client=client)  # type: ignore[arg-type]
        self.message_user(request, f"Revoked {queryset.count()} API clients.", messages.SUCCESS)


class WebhookSubscriptionForm(forms.ModelForm[WebhookSubscription]):
    url = forms.URLField(assume_scheme="https", max_length=500, help_text="The partner's https:// address")
    kinds = forms.MultipleChoiceField(
        choices=list(WEBHOOK_KINDS.items()), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookSubscription
        fields = ["client", "url", "kinds"]


@admin.register(WebhookSubscription, site=site)
class WebhookSubscriptionAdmin(_AdministratorsOnly, admin.ModelAdmin[WebhookSubscription]):
    list_display = ("client", "url", "kinds", "active", "created_at")
    form = WebhookSubscriptionForm
    exclude = ("secret",)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["client", "url", "kinds"] if obj is None else ["client", "url", "kinds", "active"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("client", "url", "kinds") if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: WebhookSubscription, form: Any, change: bool) -> None:
        if change:
            obj.save(update_fields=["active"])  # switching it off or on is the only change
            return
        data = form.cleaned_data
        try:
            sub, secret = webhook_subscribe(
                actor=request.user,  # type: ignore[arg-type]
                client=data["client"],
                url=data["url"],
                kinds=tuple(data["kinds"]),
            )
        except ApiClientError as err:
            self.message_user(request, err.message, messages.ERROR)
            return
        obj.pk = sub.pk
        obj._state.adding = False
        obj.shown_secret = secret  # type: ignore[attr-defined]

    def response_add(
        self, request: HttpRequest, obj: WebhookSubscription, post_url_continue: Any = None
    ) -> HttpResponse:
        secret = getattr(obj, "shown_secret", None)
        if secret is None:
            return super().response_add(request, obj, post_url_continue)
        context = {**self.admin_site.each_context(request), "subscription": obj, "secret": secret}
        return TemplateResponse(request, "admin/api/secret_shown.html", context)


@admin.register(WebhookDelivery, site=site)
class WebhookDeliveryAdmin(_AdministratorsOnly, admin.ModelAdmin[WebhookDelivery]):
    list_display = (
        "created_at",
        "subscription",
        "kind",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "delivered_at",
    )
    list_filter = ("status", "kind")
    readonly_fields = (*list_display, "body", "not_before")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
