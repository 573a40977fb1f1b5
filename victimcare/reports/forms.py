"""The dashboard's filters and the quarterly return's quarter, as GOV.UK forms (GET)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms

from victimcare.accounts.models import Team
from victimcare.cases.vocab import police_uk_crime_types
from victimcare.forms import GovukDateField, GovukForm, GovukRadios
from victimcare.reports import attrition, commissioning, court, selectors
from victimcare.reports.selectors import ENHANCED, GROUPINGS, MONTH, QUARTER, Filters
from victimcare.rights.forms import PROVIDER_FILTER_CHOICES
from victimcare.rights.models import RIGHT_NAMES

PERIODS = [(MONTH, "Month"), (QUARTER, "Quarter")]
STANDARD = "standard"
ENHANCED_CHOICES = [("", "Both"), (STANDARD, "Standard rights only"), (ENHANCED, "Enhanced rights only")]
LONGEST_RANGE_DAYS = 366 * 5


def default_range(today: date) -> tuple[date, date]:
    """The last twelve months, this one included."""
    month = today.month - 11
    start = date(today.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    end = selectors.next_period(date(today.year, today.month, 1), MONTH) - timedelta(days=1)
    return start, end


def clean_range(form: Any, data: dict[str, Any], wrong_order: str) -> dict[str, Any]:
    """A from-to range of days: either end may be left blank (both blank: the last 12 months;
    no start: from the first of the end's month; no end: up to today), at most 5 years."""
    if "start" in form.errors or "end" in form.errors:
        return data
    start, end = data.get("start"), data.get("end")
    default_start, default_end = default_range(form.today)
    start = start or (default_start if end is None else selectors.period_start(end, MONTH))
    end = end or (default_end if data.get("start") is None else form.today)
    if end < start:
        form.add_error("end", wrong_order)
    elif (end - start).days > LONGEST_RANGE_DAYS:
        form.add_error("end", "Choose dates no more than 5 years apart")
    data["start"], data["end"] = start, end
    return data


class DashboardFilterForm(GovukForm):
    marks_optional = False  # a filter: every field is optional
    period = forms.ChoiceField(
        label="Show the trend by", widget=GovukRadios, choices=PERIODS, required=False, initial=MONTH
    )
    start = GovukDateField(
        label="Due from",
        required=False,
        help_text="For example, 1 4 2026. Leave blank for the last 12 months",
    )
    end = GovukDateField(label="Due up to", required=False, help_text="For example, 30 6 2026")
    group = forms.ChoiceField(label="Count by", choices=list(GROUPINGS.items()), required=False)
    right = forms.ChoiceField(label="Right", required=False)
    rule = forms.ChoiceField(label="Rule", required=False)
    provider = forms.ChoiceField(label="Owed by", choices=PROVIDER_FILTER_CHOICES, required=False)
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)
    enhanced = forms.ChoiceField(
        label="Standard or enhanced rights", choices=ENHANCED_CHOICES, required=False
    )

    def __init__(self, data: Any = None, *, user: Any, today: date, **kwargs: Any) -> None:
        if data is not None and not data.get("period"):
            data = data.copy()
            data["period"] = MONTH  # so the radios show the default that is in use
        super().__init__(data, **kwargs)
        self.today = today
        self._set_choices("right", [("", "Any right")] + [(k, selectors.right_label(k)) for k in RIGHT_NAMES])
        titles = selectors.rule_titles()
        self._set_choices("rule", [("", "Any rule")] + [(k, f"{titles[k]} ({k})") for k in sorted(titles)])
        teams = Team.objects.filter(organisation_id=user.organisation_id).order_by("name")
        self._set_choices("team", [("", "Any team")] + [(str(t.id), t.name) for t in teams])

    def _set_choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        return clean_range(self, super().clean() or {}, "Due up to must be the same as or after due from")

    def filters(self) -> Filters:
        """The filters chosen (valid form) or the defaults (unbound form)."""
        if not self.is_bound:
            start, end = default_range(self.today)
            return Filters(start=start, end=end)
        data = self.cleaned_data
        enhanced = {ENHANCED: True, STANDARD: False}.get(data.get("enhanced") or "")
        return Filters(
            start=data["start"],
            end=data["end"],
            period=data.get("period") or MONTH,
            group=data.get("group") or selectors.RIGHT,
            right=data.get("right") or "",
            rule=data.get("rule") or "",
            provider=data.get("provider") or "",
            team=data.get("team"),
            enhanced=enhanced,
        )


def quarter_choices(today: date) -> list[tuple[str, str]]:
    """The last eight quarters, the latest first."""
    start = selectors.period_start(today, QUARTER)
    choices = []
    for _ in range(8):
        choices.append((start.isoformat(), selectors.period_label(start, QUARTER)))
        start = selectors.period_start(start - timedelta(days=1), QUARTER)
    return choices


class QuarterForm(GovukForm):
    marks_optional = False  # a filter: every field is optional
    quarter = forms.ChoiceField(label="Quarter", help_text="By the date each obligation fell due")

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["quarter"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = quarter_choices(today)

    @property
    def start(self) -> date:
        return date.fromisoformat(self.cleaned_data["quarter"])


class AttritionFilterForm(GovukForm):
    """The attrition page's filters: when the cases were opened, the split, crime type, team."""

    marks_optional = False  # a filter: every field is optional

    start = GovukDateField(
        label="Cases opened from",
        required=False,
        help_text="For example, 1 4 2026. Leave blank for the last 12 months",
    )
    end = GovukDateField(label="Cases opened up to", required=False, help_text="For example, 31 3 2027")
    by = forms.ChoiceField(label="Show by", choices=list(attrition.SPLITS.items()), required=False)
    crime_type = forms.ChoiceField(label="Crime type", required=False)
    team = forms.TypedChoiceField(label="Victim care team", required=False, coerce=int, empty_value=None)

    def __init__(self, data: Any = None, *, user: Any, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        crime_types = [("", "Any crime type")] + [(c, c) for c in police_uk_crime_types()]
        teams = Team.objects.filter(organisation_id=user.organisation_id).order_by("name")
        for name, choices in (
            ("crime_type", crime_types),
            ("team", [("", "Any team")] + [(str(t.id), t.name) for t in teams]),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def clean(self) -> dict[str, Any]:
        message = "Cases opened up to must be the same as or after cases opened from"
        return clean_range(self, super().clean() or {}, message)

    def filters(self) -> attrition.AttritionFilters:
        if not self.is_bound:
            start, end = default_range(self.today)
            return attrition.AttritionFilters(start=start, end=end)
        data = self.cleaned_data
        return attrition.AttritionFilters(
            start=data["start"],
            end=data["end"],
            by=data.get("by") or attrition.CRIME_TYPE,
            crime_type=data.get("crime_type") or "",
            team=data.get("team"),
        )


class CourtFilterForm(GovukForm):
    """The court delay page's filters: when the suspect was charged, and the team."""

    marks_optional = False  # a filter: every field is optional

    start = GovukDateField(
        label="Charged from",
        required=False,
        help_text=f"For example, 1 4 2024. Leave blank for the last {court.DEFAULT_YEARS} years",
    )
    end = GovukDateField(label="Charged up to", required=False, help_text="For example, 31 3 2027")
    team = forms.TypedChoiceField(label="Victim care team", required=False, coerce=int, empty_value=None)

    def __init__(self, data: Any = None, *, user: Any, today: date, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        teams = Team.objects.filter(organisation_id=user.organisation_id).order_by("name")
        field = self.fields["team"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Any team")] + [(str(t.id), t.name) for t in teams]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "start" in self.errors or "end" in self.errors:
            return data
        default_start, _ = court.default_range(self.today)
        start = data.get("start") or default_start
        end = data.get("end") or self.today
        if end < start:
            self.add_error("end", "Charged up to must be the same as or after charged from")
        elif (end - start).days > LONGEST_RANGE_DAYS:
            self.add_error("end", "Choose dates no more than 5 years apart")
        data["start"], data["end"] = start, end
        return data

    def filters(self) -> court.CourtFilters:
        if not self.is_bound:
            start, end = court.default_range(self.today)
            return court.CourtFilters(start=start, end=end)
        data = self.cleaned_data
        return court.CourtFilters(start=data["start"], end=data["end"], team=data.get("team"))


class CommissioningFilterForm(GovukForm):
    """The commissioning evidence page's filters: the period, the team, the area, the crime type,
    and the split for needs met by group."""

    marks_optional = False  # a filter: every field is optional

    start = GovukDateField(
        label="From",
        required=False,
        help_text="For example, 1 4 2026. Leave blank for the last 12 months",
    )
    end = GovukDateField(label="Up to", required=False, help_text="For example, 31 3 2027")
    team = forms.TypedChoiceField(label="Victim care team", required=False, coerce=int, empty_value=None)
    area = forms.ChoiceField(label="Area (local authority of the crime)", required=False)
    crime_type = forms.ChoiceField(label="Crime type", required=False)
    by = forms.ChoiceField(
        label="Show needs met by", choices=list(commissioning.GROUP_SPLITS.items()), required=False
    )

    def __init__(self, data: Any = None, *, user: Any, today: date, **kwargs: Any) -> None:
        if data is not None and not data.get("by"):
            data = data.copy()
            data["by"] = commissioning.DEFAULT_BY  # so the list shows the split that is in use
        super().__init__(data, **kwargs)
        self.today = today
        teams = Team.objects.filter(organisation_id=user.organisation_id).order_by("name")
        for name, choices in (
            ("team", [("", "Any team")] + [(str(t.id), t.name) for t in teams]),
            ("area", [("", "Any area")] + [(a, a) for a in commissioning.areas_for(user)]),
            ("crime_type", [("", "Any crime type")] + [(c, c) for c in police_uk_crime_types()]),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
        if not self.is_bound:
            self.fields["by"].initial = commissioning.DEFAULT_BY

    def clean(self) -> dict[str, Any]:
        return clean_range(self, super().clean() or {}, "Up to must be the same as or after from")

    def filters(self) -> commissioning.CommissioningFilters:
        if not self.is_bound:
            start, end = default_range(self.today)
            return commissioning.CommissioningFilters(start=start, end=end)
        data = self.cleaned_data
        return commissioning.CommissioningFilters(
            start=data["start"],
            end=data["end"],
            team=data.get("team"),
            crime_type=data.get("crime_type") or "",
            area=data.get("area") or "",
            by=data.get("by") or commissioning.DEFAULT_BY,
        )
