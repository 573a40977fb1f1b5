from django.apps import AppConfig


class PipelineConfig(AppConfig):
    """Last in INSTALLED_APPS: every app it wires is loaded before ready() runs."""

    name = "victimcare.pipeline"

    def ready(self) -> None:
        from victimcare.cases.pipeline import event_reactions_install
        from victimcare.people.pipeline import person_reactions_install
        from victimcare.pipeline.order import EVENT_REACTIONS, PERSON_REACTIONS

        event_reactions_install(EVENT_REACTIONS)
        person_reactions_install(PERSON_REACTIONS)
