from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "victimcare.dataprotection"
    verbose_name = "Data protection requests"
