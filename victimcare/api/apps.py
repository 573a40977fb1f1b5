from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "victimcare.api"
    label = "api"
    verbose_name = "Partner API"

    def ready(self) -> None:
        from victimcare.api import schema  # noqa: F401  (registers the token's OpenAPI scheme)
