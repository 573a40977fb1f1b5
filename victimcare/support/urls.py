from django.urls import URLPattern, URLResolver, path

from victimcare.support import views

app_name = "support"
urlpatterns: list[URLPattern | URLResolver] = [
    path("cases/<int:case_id>/needs/", views.needs_history, name="needs_history"),
    path("cases/<int:case_id>/needs/assess/", views.needs_edit, name="needs_edit"),
    path("cases/<int:case_id>/needs/<int:assessment_id>/", views.needs_detail, name="needs_detail"),
    path("cases/<int:case_id>/support/suggestions/", views.suggestions, name="suggestions"),
    path("cases/<int:case_id>/support/refer/", views.referral_new, name="referral_new"),
    path("cases/<int:case_id>/support/declined/", views.support_declined, name="support_declined"),
    path("services/", views.directory, name="directory"),
    path("services/new/", views.service_new, name="service_new"),
    path("services/<int:service_id>/edit/", views.service_edit, name="service_edit"),
    path("services/response-times/", views.response_times, name="response_times"),
    path("referrals/<int:referral_id>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:referral_id>/consent/", views.referral_consent, name="referral_consent"),
    path("referrals/<int:referral_id>/send/", views.referral_send_view, name="referral_send"),
    path("referrals/<int:referral_id>/<slug:action>/", views.referral_step_view, name="referral_step"),
    path("provider/", views.provider_list, name="provider_list"),
    path("provider/referrals/<int:referral_id>/", views.provider_referral, name="provider_referral"),
    path("provider/referrals/<int:referral_id>/contact/", views.provider_contact, name="provider_contact"),
    path("provider/referrals/<int:referral_id>/<slug:action>/", views.provider_step, name="provider_step"),
]
