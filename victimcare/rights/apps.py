from typing import Any

from django.apps import AppConfig
from django.core import checks


class RightsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "victimcare.rights"

    def ready(self) -> None:
        checks.register(check_rule_data)


def check_rule_data(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The rule files and the area's LOCAL_TARGETS load, so a mistake stops the service at start,
    naming the rule and field, rather than on the first case page (docs/adr/0059)."""
    from victimcare.rights.loader import RuleDataError, default_rule_sets

    try:
        default_rule_sets.cache_clear()
        default_rule_sets()
    except RuleDataError as exc:
        return [checks.Error(str(exc), id="rights.E001")]
    return []
