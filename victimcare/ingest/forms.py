"""The area page's choice of area (GET)."""

from __future__ import annotations

from typing import Any

from django import forms

from victimcare.forms import GovukForm, GovukRadios
from victimcare.ingest.selectors import find_lsoa


class AreaForm(GovukForm):
    lsoa = forms.CharField(
        label="Area (LSOA)",
        required=False,
        max_length=100,
        help_text="Enter an LSOA code or name, for example E01020634 or County Durham 001A. "
        "Leave blank for the whole force area",
    )

    def __init__(self, data: Any = None, *, force: str, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.force = force
        self.fields["lsoa"].widget.attrs.update(
            {"class": "govuk-input govuk-!-width-one-half", "spellcheck": "false"}
        )

    def clean_lsoa(self) -> tuple[str, str] | None:
        text = self.cleaned_data.get("lsoa", "").strip()
        if not text:
            return None
        found = find_lsoa(self.force, text)
        if found is None:
            raise forms.ValidationError(
                f"Enter an LSOA code or name in the {self.force} area that appears in the police.uk data"
            )
        return found


class FeedUploadForm(GovukForm):
    file = forms.FileField(
        label="Feed file",
        help_text="A CSV or JSON Lines file in the police feed format",
        error_messages={"required": "Choose a feed file to upload", "empty": "The file you chose is empty"},
    )


class MatchDecisionForm(GovukForm):
    """Whether the imported victim is the person already held (POST)."""

    LINK, KEEP_APART = "link", "keep_apart"
    decision = forms.ChoiceField(
        label="Are these the same person?",
        widget=GovukRadios,
        choices=[
            (LINK, "Yes, the same person: move the imported case to the record already held"),
            (KEEP_APART, "No, different people: keep both records"),
        ],
        error_messages={"required": "Choose whether these are the same person"},
    )

    def __init__(self, data: Any = None, *, linkable: bool = True, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        if not linkable:  # changed details: there is one record, and it stays as it is
            field = self.fields["decision"]
            assert isinstance(field, forms.ChoiceField)
            field.label = "What should happen to the record held?"
            field.choices = [
                (self.KEEP_APART, "Keep the details held (change them on the person's page if needed)")
            ]
            field.error_messages["required"] = "Choose what should happen to the record held"
