"""The three themes the Durham Victims' Champions group lived experience into, with sub-themes.
The OPCC can add, rename or retire sub-themes in the admin pages; retiring keeps old coding."""

from typing import Any

from django.db import migrations

THEMES = (
    (
        "Reporting and communication",
        (
            "Making the first report",
            "Being kept informed",
            "Clear information about what happens next",
            "Being listened to and believed",
            "Ways to get in touch and accessibility",
        ),
    ),
    (
        "The investigative and criminal justice process",
        (
            "Speed of the investigation",
            "Decisions and the reasons for them",
            "Bail and conditions on the suspect",
            "Waiting for trial",
            "The experience of going to court",
            "The right to ask for a review",
        ),
    ),
    (
        "The impact on the victim",
        (
            "Mental health and wellbeing",
            "Feeling safe and fear of it happening again",
            "Money, work and housing",
            "Getting support",
            "The effect on family and children",
        ),
    ),
)


def seed(apps: Any, schema_editor: Any) -> None:
    Theme = apps.get_model("voice", "Theme")
    SubTheme = apps.get_model("voice", "SubTheme")
    for position, (name, subthemes) in enumerate(THEMES, start=1):
        theme, _ = Theme.objects.get_or_create(name=name, defaults={"position": position})
        for sub_position, sub in enumerate(subthemes, start=1):
            SubTheme.objects.get_or_create(theme=theme, name=sub, defaults={"position": sub_position})


class Migration(migrations.Migration):
    dependencies = [("voice", "0002_champions_engagements_themes")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
