from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "victimcare.notify"
    label = "notify"
    verbose_name = "Notifications"
