"""The satisfaction survey form (portal). Every closed question must be answered once the
victim chooses to answer at all; the survey itself is never compulsory (they can say no thanks)."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from victimcare.cases.models import VictimCase
from victimcare.forms import GovukDateField, GovukForm, GovukRadios
from victimcare.reports.forms import default_range
from victimcare.voice.models import COMMENTS_MAX_LENGTH, QUESTIONS, Moment, National, Satisfaction
from victimcare.voice.national import AGENCY_WORDS, NationalQuestion, agencies_for, national_questions_for
from victimcare.voice.national_selectors import SPLITS
from victimcare.voice.selectors import ResultsFilters
from victimcare.voice.services import Answers


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

    comments_to_champions = forms.BooleanField(
        label=_("The Victims' Champions may read my comments to help improve services"),
        help_text=_(
            "The Victims' Champions listen to victims and tell the police and other services what "
            "needs to change. They will not see your name or details of your case. If you do not "
            "tick this, only the service that supports you reads your comments."
        ),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        national: Sequence[NationalQuestion] = (),
        agencies: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        closed = {
            name: forms.ChoiceField(
                label=question,
                choices=choices.choices,
                widget=GovukRadios,
                error_messages={"required": _("Choose an answer to: %(question)s") % {"question": question}},
            )
            for name, question, choices in QUESTIONS
        }
        # The national questions and the agencies' are optional: a victim may skip any of them.
        more: dict[str, forms.Field] = {
            q.field: forms.ChoiceField(
                label=q.label, choices=National.choices, widget=GovukRadios, required=False
            )
            for q in national
        }
        for agency in agencies:
            more[f"agency_{agency}"] = forms.ChoiceField(
                label=_("How satisfied are you with how %(agency)s dealt with you? (optional)")
                % {"agency": AGENCY_WORDS[agency]},
                choices=Satisfaction.choices,
                widget=GovukRadios,
                required=False,
            )
        self.national_fields = [q.field for q in national]
        self.agencies = list(agencies)
        self.fields = {
            **closed,
            **more,
            "comments": self.fields["comments"],
            "comments_to_champions": self.fields["comments_to_champions"],
        }

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            overall=data["overall"],
            kept_informed=data["kept_informed"],
            respect=data["respect"],
            knew_code=data["knew_code"],
            comments=data["comments"],
            national={name: data.get(name) or "" for name in self.national_fields},
            agencies={a: data.get(f"agency_{a}") or "" for a in self.agencies},
            comments_to_champions=bool(data.get("comments_to_champions")),
        )


def survey_form(data: Any, case: VictimCase, moment: str) -> SurveyForm:
    """The survey for this case at this moment: the core questions, the national ones asked
    then, and one question per agency the victim dealt with."""
    return SurveyForm(data, national=national_questions_for(case, moment), agencies=agencies_for(case))


# --- staff: filtering the results ----------------------------------------------------------------

LONGEST_RANGE_DAYS = 366 * 10
ALL_MOMENTS = ""


class ResultsFilterForm(GovukForm):
    """The results page's filters (GET): a date range of when victims answered, and a moment.
    Both dates may be left blank: the last 12 months, this one included."""

    marks_optional = False  # a filter: every field is optional

    start = GovukDateField(label="Answered from", required=False, help_text="For example, 1 4 2025")
    end = GovukDateField(label="Answered up to", required=False, help_text="For example, 31 3 2026")
    moment = forms.ChoiceField(
        label="Moment",
        choices=[(ALL_MOMENTS, "All moments"), *[(m.value, str(m.label)) for m in Moment]],
        required=False,
    )

    def __init__(self, data: Any = None, *, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "start" in self.errors or "end" in self.errors:
            return data
        start, end = data.get("start"), data.get("end")
        default_start, default_end = default_range(self.today)
        if start is None:
            start = default_start if end is None else months_before(end, 12)
        if end is None:
            end = default_end if data.get("start") is None else self.today
        if end < start:
            self.add_error("end", "Answered up to must be the same as or after answered from")
        elif (end - start).days > LONGEST_RANGE_DAYS:
            self.add_error("end", "Choose dates no more than 10 years apart")
        data["start"], data["end"] = start, end
        return data

    def filters(self) -> ResultsFilters:
        """The filters chosen (a valid bound form) or the defaults (an unbound one)."""
        if not self.is_bound:
            start, end = default_range(self.today)
            return ResultsFilters(start=start, end=end)
        data = self.cleaned_data
        return ResultsFilters(start=data["start"], end=data["end"], moment=data.get("moment") or "")


def months_before(day: date, months: int) -> date:
    """The day after the same date `months` earlier (so the range is `months` long)."""
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1])) + timedelta(days=1)


class NationalFilterForm(ResultsFilterForm):
    """The national comparison's filters: the results page's, and a split."""

    by = forms.ChoiceField(label="Split the figures by", choices=list(SPLITS.items()), required=False)

    def split(self) -> str:
        if not self.is_bound or not self.is_valid():
            return ""
        return str(self.cleaned_data.get("by") or "")
