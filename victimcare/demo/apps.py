from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo set-up (`manage.py demo_setup`): it runs every app's seeding, so it sits above them all."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "victimcare.demo"
