from django.apps import AppConfig


class JusticeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "victimcare.justice"
