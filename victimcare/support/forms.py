"""Forms for needs assessments, the services directory, referrals and the provider workspace."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from victimcare.accounts.models import Organisation
from victimcare.cases.events import CHANNEL_CHOICES, VICTIM_DECLINE_REASONS
from victimcare.cases.vocab import CRIME_FLAGS, known_areas, police_uk_crime_types
from victimcare.forms import GovukCheckboxes, GovukDateField, GovukForm, GovukRadios, GovukTimeField
from victimcare.support.models import (
    ENHANCED_PROMPTS,
    NEED_HINTS,
    AttemptOutcome,
    ConsentBy,
    ConsentMethod,
    ContactChannel,
    DisengagedReason,
    HowToRefer,
    NeedArea,
    NeedLevel,
    Reach,
    ReferralOutcome,
    ServiceSex,
)
from victimcare.support.sharing import ShareChoice

COMPLETE, DRAFT = "complete", "draft"


class NeedsAssessmentForm(GovukForm):
    """One radios group and one notes box per area, the enhanced-rights questions, travel."""

    indicators = forms.MultipleChoiceField(
        label="Does any of these apply to the victim?",
        choices=[(k, q) for k, (q, _flag) in ENHANCED_PROMPTS.items()],
        widget=GovukCheckboxes,
        required=False,
        help_text="Select all that apply. A yes may mean the victim is entitled to enhanced rights.",
    )
    hard_to_travel = forms.BooleanField(
        label="The victim lives somewhere rural or isolated, or cannot travel to a service",
        required=False,
    )
    summary = forms.CharField(
        label="Summary (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for area in NeedArea:
            self.fields[f"level_{area.value}"] = forms.ChoiceField(
                label=f"{area.label}: level of need",
                choices=NeedLevel.choices,
                widget=GovukRadios(attrs={"class": "govuk-radios--inline"}),
                required=False,
                help_text=NEED_HINTS[area],
            )
            self.fields[f"notes_{area.value}"] = forms.CharField(
                label=f"{area.label}: notes (optional)",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        self.order_fields(
            [
                *[f"{k}_{a.value}" for a in NeedArea for k in ("level", "notes")],
                "indicators",
                "hard_to_travel",
                "summary",
            ]
        )

    def sections(self) -> list[tuple[str, list[Any]]]:
        return [(str(a.label), [self[f"level_{a.value}"], self[f"notes_{a.value}"]]) for a in NeedArea]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.data.get("action") == COMPLETE:
            for area in NeedArea:
                if not data.get(f"level_{area.value}"):
                    self.add_error(f"level_{area.value}", f"Choose a level of need for {area.label.lower()}")
        return data

    @staticmethod
    def initial_from(assessment: Any) -> dict[str, Any]:
        if assessment is None:
            return {}
        initial: dict[str, Any] = {
            "indicators": [k for k in ENHANCED_PROMPTS if getattr(assessment, k)],
            "hard_to_travel": assessment.hard_to_travel,
            "summary": assessment.summary,
        }
        for a in assessment.areas.all():
            initial[f"level_{a.area}"] = a.level
            initial[f"notes_{a.area}"] = a.notes
        return initial


def _multi(
    label: str, choices: Any, help_text: str = "", required: bool = False
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=GovukCheckboxes, required=required, help_text=help_text
    )


class ServiceForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Provider using this system",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="None: an external service (referrals are sent outside the system)",
    )
    name = forms.CharField(label="Name", max_length=200)
    description = forms.CharField(label="What the service does", widget=forms.Textarea(attrs={"rows": 4}))
    needs_met = _multi("Needs it meets", NeedArea.choices, required=True)
    crime_types = _multi("Crime types it is for", [], "Leave empty if it takes victims of any crime")
    crime_flags = _multi(
        "Or crimes flagged as",
        list(CRIME_FLAGS.items()),
        "A victim of any crime type or flag chosen is eligible",
    )
    min_age = forms.IntegerField(label="Youngest age (optional)", min_value=0, max_value=120, required=False)
    max_age = forms.IntegerField(label="Oldest age (optional)", min_value=0, max_value=120, required=False)
    sex = forms.ChoiceField(
        label="Who it is for", choices=ServiceSex.choices, widget=GovukRadios, required=False
    )
    covers_everywhere = forms.BooleanField(label="It covers everywhere in England and Wales", required=False)
    areas = _multi("Areas it covers", [], "Local authority areas")
    reach = _multi("How it reaches people", Reach.choices, required=True)
    how_to_refer = _multi("How to refer", HowToRefer.choices, required=True)
    referral_email = forms.EmailField(label="Referral email address (optional)", required=False)
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    website = forms.URLField(label="Website (optional)", required=False, assume_scheme="https")
    capacity = forms.IntegerField(
        label="New referrals it can take each month (optional)", min_value=0, required=False
    )
    waiting_weeks = forms.IntegerField(label="Current waiting time in weeks", min_value=0, max_value=104)
    accept_within_days = forms.IntegerField(
        label="Accept or decline a referral within (working days)",
        min_value=1,
        max_value=60,
        help_text="Counted from the day the referral is sent. Working days are Monday to Friday, "
        "not bank holidays. The service and the caseworker are told when it is missed.",
    )
    first_contact_within_days = forms.IntegerField(
        label="Make first contact with the victim within (working days)",
        min_value=1,
        max_value=60,
        help_text="Also counted from the day the referral is sent",
    )
    contact_tries = forms.IntegerField(
        label="Tries on one way of contact before trying another",
        min_value=1,
        max_value=20,
        help_text="For example, 3 unanswered calls. The service's page then suggests another way "
        "the victim agreed to be contacted.",
    )
    active = forms.BooleanField(label="Taking referrals (shown in suggestions)", required=False)

    def __init__(self, *args: Any, providers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = providers  # type: ignore[attr-defined]
        self.fields["crime_types"].choices = [(t, t) for t in police_uk_crime_types()]  # type: ignore[attr-defined]
        areas = set(known_areas()) | set(self.initial.get("areas") or [])
        self.fields["areas"].choices = [(a, a) for a in sorted(areas)]  # type: ignore[attr-defined]
        for name in (
            "min_age",
            "max_age",
            "capacity",
            "waiting_weeks",
            "accept_within_days",
            "first_contact_within_days",
            "contact_tries",
        ):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-3"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("covers_everywhere") and not data.get("areas") and "areas" not in self.errors:
            self.add_error("areas", "Choose the areas it covers, or that it covers everywhere")
        if HowToRefer.IN_SYSTEM in (data.get("how_to_refer") or []) and not data.get("organisation"):
            self.add_error("how_to_refer", "Only a provider using this system can take referrals through it")
        lo, hi = data.get("min_age"), data.get("max_age")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("max_age", "The oldest age must be the same as or more than the youngest age")
        accept, contact = data.get("accept_within_days"), data.get("first_contact_within_days")
        if accept is not None and contact is not None and contact < accept:
            self.add_error(
                "first_contact_within_days",
                "First contact cannot be due before the referral is due to be accepted",
            )
        return data

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["sex"] = data.get("sex") or ""
        data["phone"] = data["phone"].strip()
        return data


class DirectoryFilterForm(GovukForm):
    marks_optional = False  # a filter: every field is optional
    need = forms.ChoiceField(label="Need", choices=[("", "Any need"), *NeedArea.choices], required=False)
    crime_type = forms.ChoiceField(label="Crime type", choices=[], required=False)
    area = forms.ChoiceField(label="Area", choices=[], required=False)
    reach = forms.ChoiceField(
        label="Reaches people", choices=[("", "Any way"), *Reach.choices], required=False
    )
    show_inactive = forms.BooleanField(label="Include services not taking referrals", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        crime_types = [("", "Any crime type"), *[(t, t) for t in police_uk_crime_types()]]
        self.fields["crime_type"].choices = crime_types  # type: ignore[attr-defined]
        self.fields["area"].choices = [("", "Any area"), *[(a, a) for a in known_areas()]]  # type: ignore[attr-defined]


class ReferralCreateForm(GovukForm):
    reason = forms.CharField(
        label="Why are you referring them? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="This is shared with the service only if the victim agrees to share it.",
    )


class ConsentForm(GovukForm):
    consent_by = forms.ChoiceField(
        label="Who agreed to the referral?", choices=ConsentBy.choices, widget=GovukRadios
    )
    consent_method = forms.ChoiceField(
        label="How did they agree?", choices=ConsentMethod.choices, widget=GovukRadios
    )
    consent_on = GovukDateField(
        label="Date they agreed",
        past_only=True,
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date they agreed"},
    )
    items = forms.MultipleChoiceField(
        label="What have they agreed to share with the service?",
        choices=[],
        widget=GovukCheckboxes,
        help_text="Share only what the service needs. The name is always needed.",
    )

    def __init__(self, *args: Any, choices: list[ShareChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(c.key, c.label) for c in choices if c.available]  # type: ignore[attr-defined]


class SendForm(GovukForm):
    """Sending: for an external service, the date staff sent it outside the system."""

    sent_on = GovukDateField(
        label="Date you sent it", past_only=True, required=False, help_text="For example, 27 3 2026"
    )

    def __init__(self, *args: Any, external: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not external:
            del self.fields["sent_on"]
        else:
            self.fields["sent_on"].required = True


STEP_LABELS = {
    "decline_by_victim": "The victim does not want this referral",
    "accept": "Accept the referral",
    "decline": "Decline the referral",
    "first_contact": "Record first contact",
    "engage": "Record that the victim is engaging",
    "close": "Close the referral",
}


class StepForm(GovukForm):
    required_if_asked = ("victim_reason_other",)  # required only by another answer
    occurred_on = GovukDateField(
        label="Date",
        past_only=True,
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date"},
    )
    reason = forms.CharField(
        label="Why can the service not take the referral?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the service cannot take the referral"},
        help_text="Staff at the victim care service see this. The victim does not.",
    )
    channel = forms.ChoiceField(
        label="How was contact made?",
        choices=CHANNEL_CHOICES,
        widget=GovukRadios,
        error_messages={"required": "Choose how contact was made"},
    )
    outcome_code = forms.ChoiceField(
        label="What was the outcome?",
        choices=ReferralOutcome.choices,
        widget=GovukRadios,
        error_messages={"required": "Choose the outcome"},
        help_text="Whether the support met the needs the victim was referred for",
    )
    disengaged_reason = forms.ChoiceField(
        label="If the victim stopped taking part, why?",
        choices=DisengagedReason.choices,
        widget=GovukRadios,
        required=False,
    )
    outcome = forms.CharField(
        label="Anything to add (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed if you chose another reason. Leave out anything that identifies the victim.",
    )
    victim_reason = forms.ChoiceField(
        label="Why does the victim not want support?",
        choices=VICTIM_DECLINE_REASONS,
        widget=GovukRadios,
        error_messages={"required": "Choose why the victim does not want support"},
        help_text="Choose the main reason they gave. These reasons are counted, never who gave them, "
        "to shape the services on offer.",
    )
    victim_reason_other = forms.CharField(
        label="If another reason, what did they say?",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Keep it short, and leave out names and anything that identifies anyone",
    )
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = {
            "occurred_on",
            "notes",
            {"decline": "reason", "first_contact": "channel"}.get(action, ""),
        }
        if action == "close":
            keep |= {"outcome_code", "disengaged_reason", "outcome"}
        if action == "decline_by_victim":
            keep |= {"victim_reason", "victim_reason_other"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("victim_reason") == "other" and not (data.get("victim_reason_other") or "").strip():
            self.add_error("victim_reason_other", "Enter the victim's reason")
        if "outcome_code" in self.fields:
            disengaged = data.get("outcome_code") == ReferralOutcome.DISENGAGED
            if disengaged and not data.get("disengaged_reason"):
                self.add_error("disengaged_reason", "Choose why the victim stopped taking part")
            if (
                disengaged
                and data.get("disengaged_reason") == DisengagedReason.OTHER
                and not (data.get("outcome") or "").strip()
            ):
                self.add_error("outcome", "Enter why the victim stopped taking part")
        return data


SPOKE = "spoke"


class ContactForm(GovukForm):
    """One try at contact from the referral page: it worked (first contact), or what happened.
    The ways offered are those the victim agreed to, when the provider was told them."""

    occurred_on = GovukDateField(
        label="Date",
        past_only=True,
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date"},
    )
    at_time = GovukTimeField(
        label="Time (optional)",
        required=False,
        help_text="For example, 14:30. Leave it empty for now.",
    )
    channel = forms.ChoiceField(
        label="How did you try to contact them?",
        choices=ContactChannel.choices,
        widget=GovukRadios,
        error_messages={"required": "Choose how you tried to contact them"},
    )
    result = forms.ChoiceField(
        label="What happened?",
        choices=[(SPOKE, "We made contact: this is first contact"), *AttemptOutcome.choices],
        widget=GovukRadios,
        error_messages={"required": "Choose what happened"},
    )
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(
        self, *args: Any, channels: tuple[str, ...] | None, no_voicemail: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at_time"].widget.attrs["class"] = "govuk-input govuk-input--width-5"
        if channels is not None:
            labels = dict(ContactChannel.choices)
            self.fields["channel"].choices = [(c, labels[c]) for c in channels if c in labels]  # type: ignore[attr-defined]
            self.fields["channel"].help_text = "Only the ways the victim agreed to are shown"
        if no_voicemail:
            self.fields["result"].help_text = "The victim asked for no voicemail: do not leave one"


class PeriodForm(GovukForm):
    marks_optional = False  # a filter: every field is optional
    months = forms.ChoiceField(
        label="Referrals sent in",
        choices=[("3", "The last 3 months"), ("12", "The last 12 months"), ("0", "All time")],
        required=False,
    )
