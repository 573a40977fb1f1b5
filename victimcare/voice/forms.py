"""The satisfaction survey form (portal). Every closed question must be answered once the
victim chooses to answer at all; the survey itself is never compulsory (they can say no thanks)."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from victimcare.forms import GovukForm, GovukRadios
from victimcare.voice.models import COMMENTS_MAX_LENGTH, QUESTIONS


class SurveyForm(GovukForm):
    comments = forms.CharField(
        label=_("Is there anything else you want to tell us? (optional)"),
        help_text=_(
            "For example, what went well or what we could do better. Do not include anything "
            "you need an answer to: send your caseworker a message instead. Up to 2,000 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        validators=[
            MaxLengthValidator(
                COMMENTS_MAX_LENGTH, message=_("Your comments must be 2,000 characters or fewer")
            )
        ],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        closed = {
            name: forms.ChoiceField(
                label=question,
                choices=choices.choices,
                widget=GovukRadios,
                error_messages={"required": _("Choose an answer to: %(question)s") % {"question": question}},
            )
            for name, question, choices in QUESTIONS
        }
        self.fields = {**closed, "comments": self.fields["comments"]}
