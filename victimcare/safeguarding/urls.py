from django.urls import path

from victimcare.safeguarding import views

app_name = "safeguarding"
urlpatterns = [
    path("cases/<int:case_id>/risk/new/", views.risk_new, name="risk_new"),
    path("cases/<int:case_id>/risk/<int:assessment_id>/", views.risk_detail, name="risk_detail"),
    path("cases/<int:case_id>/marac/", views.marac_refer, name="marac_refer"),
    path("cases/<int:case_id>/protective-orders/new/", views.order_new, name="order_new"),
    path("cases/<int:case_id>/protective-orders/<int:order_id>/", views.order_detail, name="order_detail"),
    path("cases/<int:case_id>/protective-orders/<int:order_id>/vary/", views.order_vary, name="order_vary"),
    path("cases/<int:case_id>/protective-orders/<int:order_id>/end/", views.order_end, name="order_end"),
    path("cases/<int:case_id>/police-incidents/", views.police_incidents, name="incidents"),
    path("protective-orders/expiring/", views.orders_expiring, name="orders_expiring"),
    path("marac/", views.marac_meetings, name="meetings"),
    path("marac/new/", views.marac_meeting_new, name="meeting_new"),
    path("marac/<int:meeting_id>/", views.marac_meeting, name="meeting"),
]
