"""GOV.UK Design System rendering for Django forms.

Every form renders through templates/govuk/, so fields get GOV.UK labels, hints,
error messages and the error summary without each page repeating the markup.
`GovukBoundField` adds the GOV.UK classes and points `aria-describedby` at the
hint and the error message, as the Design System's components do.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext

WIDGET_CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "input": "govuk-input",
    "file": "govuk-file-upload",
}


class GovukBoundField(BoundField):
    """A field as GOV.UK renders it. An optional question says so in its label ("Postcode
    (optional)"), as the Design System asks, unless the form is a filter (every filter is
    optional), the field is a checkbox or a list of checkboxes ("Select all that apply"), or
    the form names it as required only by another answer (`GovukForm.required_if_asked`)."""

    def __init__(self, form: forms.BaseForm, field: forms.Field, name: str) -> None:
        super().__init__(form, field, name)
        if self._marked_optional():
            self.label = f"{self.label} {gettext('(optional)')}"

    def _marked_optional(self) -> bool:
        form = self.form
        if self.field.required or not getattr(form, "marks_optional", False) or not self.label:
            return False
        if self.name in getattr(form, "required_if_asked", ()):
            return False
        if isinstance(
            self.field.widget, forms.HiddenInput | forms.CheckboxInput | forms.CheckboxSelectMultiple
        ):
            return False
        return "(optional)" not in str(self.label) and gettext("(optional)") not in str(self.label)

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error"

    @property
    def kind(self) -> str:
        widget = self.field.widget
        if isinstance(widget, GovukDateInput):
            return "date"
        if isinstance(widget, forms.CheckboxSelectMultiple):
            return "checkboxes"
        if isinstance(widget, forms.RadioSelect):
            return "radios"
        if isinstance(widget, forms.CheckboxInput):
            return "checkbox"
        if isinstance(widget, forms.Select):
            return "select"
        if isinstance(widget, forms.Textarea):
            return "textarea"
        if isinstance(widget, forms.HiddenInput):
            return "hidden"
        if isinstance(widget, forms.FileInput):
            return "file"
        return "input"

    @property
    def is_fieldset(self) -> bool:
        return self.kind in ("date", "checkboxes", "radios")

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        kind = self.kind
        if kind in WIDGET_CLASSES:
            # The widget's own classes (e.g. govuk-input--width-10) come after the base class.
            own = attrs.get("class") or (widget or self.field.widget).attrs.get("class", "")
            classes = [WIDGET_CLASSES[kind], str(own)]
            if self.errors:
                classes.append(f"{WIDGET_CLASSES[kind]}--error")
            attrs["class"] = " ".join(c for c in classes if c)
        if not self.is_fieldset and kind != "hidden":
            described = [self.hint_id] if self.help_text else []
            if self.errors:
                described.append(self.error_id)
            if described:
                attrs["aria-describedby"] = " ".join(described)
            else:
                attrs.pop("aria-describedby", None)
        attrs.pop("required", None)  # GOV.UK forms validate on the server, with the error summary
        return attrs


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"
    bound_field_class = GovukBoundField


class GovukCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "govuk/widgets/checkboxes.html"


class GovukRadios(forms.RadioSelect):
    template_name = "govuk/widgets/radios.html"


class GovukDateInput(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input pattern)."""

    template_name = "govuk/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            "month": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            "year": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                }
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with GOV.UK's error messages."""

    widget = GovukDateInput

    def __init__(self, *, past_only: bool = False, **kwargs: Any) -> None:
        self.past_only = past_only
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        # Boxes missing from the request (e.g. a GET form's first visit) come as None.
        parts = [str(p if p is not None else "").strip() for p in (value or ["", "", ""])]
        if not any(parts):
            return None
        name = str(self.label or "The date")
        missing = [n for n, p in zip(("a day", "a month", "a year"), parts, strict=True) if not p]
        if missing:
            raise ValidationError(f"{name} must include {' and '.join(missing)}")
        try:
            day, month, year = (int(p) for p in parts)
            if year < 1900:
                raise ValueError
            return date(year, month, day)
        except (ValueError, OverflowError):  # a huge number typed in a box: not a date
            raise ValidationError(f"{name} must be a real date") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and self.past_only and value > date.today():
            raise ValidationError(f"{self.label or 'The date'} must be today or in the past")


class GovukTimeField(forms.Field):
    """A 24-hour time such as 14:30."""

    def to_python(self, value: Any) -> time | None:
        text = str(value or "").strip().replace(".", ":")
        if not text:
            return None
        try:
            hour, minute = (int(p) for p in text.split(":"))
            return time(hour, minute)
        except ValueError:
            raise ValidationError(
                f"Enter {str(self.label or 'the time').lower()} as hours and minutes, like 14:30"
            ) from None


def combine_local(day: date, at: time | None) -> datetime:
    """A date and optional time entered by staff, as an aware datetime in UK local time."""
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, at or time(12, 0)))


class GovukForm(forms.Form):
    """A form whose "required" messages say what to do, in the GOV.UK style
    ("Enter last name", "Choose crime type"), not "This field is required".

    The messages are set just before cleaning, so fields a form adds in its own
    __init__ (such as an event's payload fields) get them too.

    Optional questions are marked "(optional)" in their labels; a filter or search form sets
    `marks_optional = False` (all its fields are optional), and `required_if_asked` names
    fields that another answer makes required (they are not optional, only conditional)."""

    marks_optional: bool = True
    required_if_asked: tuple[str, ...] = ()

    def full_clean(self) -> None:
        for field in self.fields.values():
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = required_message(field)
        super().full_clean()


def set_choices(form: forms.BaseForm, name: str, choices: list[Any]) -> None:
    """Give a form's choice field its choices when the form is made (they are read from data)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def required_message(field: forms.Field) -> str:
    choose = isinstance(field.widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple)
    label = str(field.label or "this").rstrip("?")
    return f"{'Choose' if choose else 'Enter'} {label[0].lower()}{label[1:]}"


# The largest id either database stores (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def id_from_query(value: str | None) -> int | None:
    """An id given in a query string or a hidden field, or None when it is not one: never a
    ValueError (a server error) for "abc", nor an overflow in the database for a huge number."""
    if value is None or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
