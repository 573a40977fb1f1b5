"""The audit trail search's filters (docs/adr/0054)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from victimcare.accounts.models import Organisation
from victimcare.audit.models import Action, AuditEvent, Category, actions_in
from victimcare.forms import MAX_ID, GovukDateField, GovukForm


class TrailSearchForm(GovukForm):
    marks_optional = False  # a filter: every field is optional
    actor = forms.CharField(
        label="Who (username)", required=False, max_length=150, help_text="For example, cara"
    )
    action = forms.ChoiceField(label="What they did", required=False)
    category = forms.ChoiceField(
        label="Logging category",
        required=False,
        help_text="The kinds of processing the Data Protection Act 2018 (section 62) says to log",
    )
    organisation = forms.TypedChoiceField(label="Organisation", required=False, coerce=int, empty_value=None)
    person = forms.IntegerField(
        label="Person's record number", required=False, min_value=1, max_value=MAX_ID,
        help_text="The number at the end of the person's page address, for example 1234",
    )  # fmt: skip
    case = forms.IntegerField(label="Case number", required=False, min_value=1, max_value=MAX_ID)
    start = GovukDateField(label="From", required=False, help_text="For example, 1 4 2026")
    end = GovukDateField(label="Up to", required=False, help_text="For example, 30 4 2026")

    def __init__(self, data: Any = None, *, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self._set_choices("action", [("", "Anything")] + [(str(a.value), str(a.label)) for a in Action])
        self._set_choices(
            "category", [("", "Any category")] + [(str(c.value), str(c.label)) for c in Category]
        )
        self._set_choices(
            "organisation", [("", "Any organisation")] + [(str(o.id), o.name) for o in organisations]
        )

    def _set_choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "Up to must be the same as or after from")
        return data

    def apply(self, rows: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        """The rows that match every filter given (all of them when none is)."""
        data = self.cleaned_data if self.is_bound else {}
        lookups: dict[str, Any] = {
            "actor__username__iexact": data.get("actor"),
            "action": data.get("action"),
            "organisation_id": data.get("organisation"),
            "person_id": data.get("person"),
            "case_id": data.get("case"),
            "at__gte": _moment(data.get("start")),
            "at__lt": _moment(data.get("end"), next_day=True),
        }
        rows = rows.filter(**{key: value for key, value in lookups.items() if value not in (None, "")})
        if data.get("category"):
            rows = rows.filter(Q(action__in=actions_in(data["category"])))
        return rows

    def described(self) -> str:
        """The filters given, in words, for the search's own audit row (never a search word
        that could be a victim's name: the fields here are usernames, codes, ids and dates)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        given = [f"{name}={value}" for name, value in data.items() if value not in (None, "")]
        return ", ".join(given) or "no filters"


def _moment(day: date | None, *, next_day: bool = False) -> datetime | None:
    """The start of a local day (or of the day after), as an aware moment."""
    if day is None:
        return None
    if next_day:
        day = day + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))
