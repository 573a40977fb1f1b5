"""Forms for the Champions' pages: engagements, accounts, coding, quotes, case studies and
recommendations. Each checks the shape of the input; the services decide what is allowed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from victimcare.accounts.models import User
from victimcare.forms import GovukCheckboxes, GovukDateField, GovukForm, GovukRadios
from victimcare.reports.forms import default_range
from victimcare.voice.models import (
    Agency,
    ChampionArea,
    ConsentKind,
    EngagementMethod,
    JourneyStage,
    RecommendationStatus,
    SeldomHeard,
    SubTheme,
)
from victimcare.voice.theme_selectors import ThemeFilters


def subtheme_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Active sub-themes grouped under their theme, for a select with option groups."""
    grouped: dict[str, list[tuple[int, str]]] = {}
    for sub in SubTheme.objects.filter(active=True, theme__active=True).select_related("theme"):
        grouped.setdefault(sub.theme.name, []).append((sub.pk, sub.name))
    return list(grouped.items())


class SubThemeField(forms.TypedChoiceField):
    """A sub-theme, chosen from those active now (read each time the form is shown)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, choices=subtheme_choices, **kwargs)

    def subtheme(self, pk: int) -> SubTheme:
        return SubTheme.objects.select_related("theme").get(pk=pk)


class EngagementForm(GovukForm):
    required_if_asked = (
        "contact_details",
        "crime_reference",
        "date_of_birth",
    )  # required only by another answer
    area = forms.ChoiceField(
        label="Which of your areas was this about?", choices=ChampionArea.choices, widget=GovukRadios
    )
    method = forms.ChoiceField(
        label="How did you meet?", choices=EngagementMethod.choices, widget=GovukRadios
    )
    place = forms.CharField(
        label="Where",
        max_length=200,
        help_text="For example, Bishop Auckland community centre, or by phone. Do not give the victim's address.",
    )
    held_on = GovukDateField(label="When", help_text="For example, 14 3 2026")
    groups = forms.MultipleChoiceField(
        label="Which seldom-heard groups did this reach? (optional)",
        choices=SeldomHeard.choices,
        widget=GovukCheckboxes,
        required=False,
        help_text="Select all that apply, as the victim described themselves.",
    )
    consents = forms.MultipleChoiceField(
        label="What did the victim agree to? (optional)",
        choices=ConsentKind.choices,
        widget=GovukCheckboxes,
        required=False,
        help_text="Ask about each one separately. They can withdraw any of them later.",
    )
    contact_details = forms.CharField(
        label="How they want to be contacted (only if they agreed)",
        max_length=300,
        required=False,
        help_text="For example, a mobile number and the times it is safe to call.",
    )
    crime_reference = forms.CharField(
        label="Crime reference (only if they agreed to link their case)", max_length=40, required=False
    )
    date_of_birth = GovukDateField(
        label="The victim's date of birth (only if they agreed to link their case)", required=False
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_held_on(self) -> date:
        held_on: date = self.cleaned_data["held_on"]
        if held_on > self.today:
            raise forms.ValidationError("The date must be today or in the past")
        return held_on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        consents = set(data.get("consents") or ())
        if ConsentKind.QUOTE in consents and ConsentKind.KEEP not in consents:
            self.add_error(
                "consents", "A victim can only be quoted if they also agree to their account being kept"
            )
        if ConsentKind.CONTACT in consents and not (data.get("contact_details") or "").strip():
            self.add_error("contact_details", "Enter how the victim would like to be contacted")
        if ConsentKind.CONTACT not in consents and (data.get("contact_details") or "").strip():
            self.add_error(
                "contact_details", "Remove the contact details: the victim has not agreed to be contacted"
            )
        if ConsentKind.LINK in consents and ConsentKind.KEEP not in consents:
            self.add_error(
                "consents", "A case can only be linked if the victim also agrees to their account being kept"
            )
        linking = ConsentKind.LINK in consents
        if linking and not (data.get("crime_reference") or "").strip():
            self.add_error("crime_reference", "Enter the crime reference")
        if linking and data.get("date_of_birth") is None and "date_of_birth" not in self.errors:
            self.add_error("date_of_birth", "Enter the victim's date of birth")
        if not linking and ((data.get("crime_reference") or "").strip() or data.get("date_of_birth")):
            self.add_error(
                "crime_reference", "Remove the crime reference: the victim has not agreed to link their case"
            )
        return data


class AccountForm(GovukForm):
    stages = forms.MultipleChoiceField(
        label="Which parts of the journey did they talk about?", choices=JourneyStage.choices, widget=GovukCheckboxes,
        required=False,
    )  # fmt: skip
    agencies = forms.MultipleChoiceField(
        label="Which agencies were involved?", choices=Agency.choices, widget=GovukCheckboxes, required=False
    )
    went_well = forms.CharField(
        label="What went well", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    went_badly = forms.CharField(
        label="What did not go well",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )


class ConcernForm(GovukForm):
    subtheme = SubThemeField(label="Theme")
    agency = forms.ChoiceField(label="Agency", choices=Agency.choices)
    stage = forms.ChoiceField(label="Part of the journey", choices=JourneyStage.choices)
    summary = forms.CharField(
        label="The concern in a sentence",
        max_length=300,
        help_text="For example, not told when the suspect was released.",
    )


class QuoteForm(GovukForm):
    subtheme = SubThemeField(label="Theme")
    text = forms.CharField(
        label="The quote, in their words",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        help_text="Take out names, places, dates and anything else that could identify them. The check on the next page looks for these too.",
    )


class TextEditForm(GovukForm):
    text = forms.CharField(label="The quote", widget=forms.Textarea(attrs={"rows": 6}), max_length=1000)


class CaseStudyEditForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200)
    story = forms.CharField(label="The story", widget=forms.Textarea(attrs={"rows": 10}), max_length=8000)


class RecommendationEditForm(GovukForm):
    finding = forms.CharField(
        label="What victims told us (you said)", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    recommendation = forms.CharField(
        label="What we recommend", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


class CaseStudyForm(GovukForm):
    title = forms.CharField(label="Title", max_length=200)
    story = forms.CharField(
        label="The story", widget=forms.Textarea(attrs={"rows": 10}), max_length=8000,
        help_text="Anonymised: no names, places, dates or anything else that could identify the victim.",
    )  # fmt: skip
    subthemes = forms.TypedMultipleChoiceField(
        label="Themes", coerce=int, widget=GovukCheckboxes, help_text="Select all that apply."
    )
    engagements = forms.TypedMultipleChoiceField(
        label="Which engagements does it draw on?", coerce=int, widget=GovukCheckboxes,
        help_text="Only engagements where the victim agreed to be quoted are listed.",
    )  # fmt: skip

    def __init__(self, *args: Any, engagements: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subthemes"].choices = [  # type: ignore[attr-defined]
            (pk, f"{theme}: {name}") for theme, subs in subtheme_choices() for pk, name in subs
        ]
        self.fields["engagements"].choices = engagements  # type: ignore[attr-defined]


class RecommendationForm(GovukForm):
    subtheme = SubThemeField(label="Theme")
    finding = forms.CharField(
        label="What victims told us (you said)", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text="This appears on the public page once the partner has responded and it is approved.",
    )  # fmt: skip
    recommendation = forms.CharField(
        label="What we recommend", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    partner = forms.ChoiceField(label="Partner agency", choices=Agency.choices)
    owner = forms.TypedChoiceField(
        label="Owner", coerce=int, help_text="Who chases the partner for a response."
    )
    due = GovukDateField(label="Response due by", help_text="For example, 30 6 2026")

    def __init__(self, *args: Any, owners: list[User], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["owner"].choices = [(u.pk, u.display_name) for u in owners]  # type: ignore[attr-defined]

    def clean_due(self) -> date:
        due: date = self.cleaned_data["due"]
        if due < self.today:
            raise forms.ValidationError("The due date must be today or in the future")
        return due


class ResponseForm(GovukForm):
    required_if_asked = ("what_changed", "evidence")  # required only by another answer
    status = forms.ChoiceField(
        label="What did the partner say?",
        widget=GovukRadios,
        choices=[(s.value, s.label) for s in (RecommendationStatus.RESPONDED, RecommendationStatus.CHANGED, RecommendationStatus.DECLINED)],
    )  # fmt: skip
    partner_response = forms.CharField(
        label="The partner's response", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    what_changed = forms.CharField(
        label="What changed (you said, we did)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    evidence = forms.CharField(
        label="Evidence of the change", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False,
        help_text="For example, the new letter template or the training dates. Not published.",
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == RecommendationStatus.CHANGED:
            if not (data.get("what_changed") or "").strip():
                self.add_error("what_changed", "Enter what changed")
            if not (data.get("evidence") or "").strip():
                self.add_error("evidence", "Enter the evidence of the change")
        return data


class ThemeFilterForm(GovukForm):
    """The theme page's filters (GET). Both dates blank: the last 12 months, this one included."""

    marks_optional = False  # a filter: every field is optional

    start = GovukDateField(label="Engagements from", required=False, help_text="For example, 1 4 2025")
    end = GovukDateField(label="Engagements up to", required=False, help_text="For example, 31 3 2026")
    area = forms.ChoiceField(
        label="Champion area", choices=[("", "All areas"), *ChampionArea.choices], required=False
    )
    agency = forms.ChoiceField(
        label="Agency", choices=[("", "All agencies"), *Agency.choices], required=False
    )
    stage = forms.ChoiceField(
        label="Part of the journey", choices=[("", "All parts"), *JourneyStage.choices], required=False
    )

    def __init__(self, data: Any = None, *, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "Engagements up to must be the same as or after engagements from")
        return data

    def filters(self) -> ThemeFilters:
        default_start, default_end = default_range(self.today)
        data = self.cleaned_data if self.is_bound else {}
        return ThemeFilters(
            start=data.get("start") or default_start,
            end=data.get("end") or default_end,
            area=data.get("area") or "",
            agency=data.get("agency") or "",
            stage=data.get("stage") or "",
        )
