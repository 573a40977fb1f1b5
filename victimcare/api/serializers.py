"""Explicit input and output shapes for each endpoint. Nothing passes a model through: every
field a partner sees or sends is named here, and inputs only reach the services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from victimcare.cases.events import CHANNEL_CHOICES, EVENT_TYPES, Stage
from victimcare.cases.models import CaseRole
from victimcare.cases.vocab import CRIME_FLAGS
from victimcare.people.models import Language
from victimcare.rights.models import STATUS_CHOICES
from victimcare.support.models import ReferralStatus
from victimcare.support.services import PROVIDER_ACTIONS, allowed_actions

STAGES = [s.name.lower() for s in Stage]
API_EVENT_TYPES = sorted(code for code, spec in EVENT_TYPES.items() if spec.staff_recordable)


# --- crimes, victims, cases -------------------------------------------------------------------


class CrimeIn(serializers.Serializer[Any]):
    crime_reference = serializers.CharField(max_length=40)
    ho_offence_code = serializers.CharField(max_length=10, help_text="Home Office offence code, e.g. 8N")
    crime_type = serializers.CharField(max_length=60, help_text="police.uk crime type, e.g. Burglary")
    reported_at = serializers.DateTimeField()
    occurred_at = serializers.DateTimeField(required=False, allow_null=True)
    flags = serializers.ListField(child=serializers.ChoiceField(choices=sorted(CRIME_FLAGS)), required=False)
    lsoa_code = serializers.CharField(max_length=9, required=False, allow_blank=True)
    lsoa_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    team = serializers.IntegerField(
        required=False, allow_null=True, help_text="The id of the police team the crime belongs to"
    )


class CrimeOut(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    crime_reference = serializers.CharField()
    force = serializers.CharField(source="force.name")
    ho_offence_code = serializers.CharField()
    crime_type = serializers.CharField()
    reported_at = serializers.DateTimeField()
    occurred_at = serializers.DateTimeField(allow_null=True)
    flags = serializers.ListField(child=serializers.CharField())
    lsoa_code = serializers.CharField()
    lsoa_name = serializers.CharField()
    outcome_type = serializers.IntegerField(allow_null=True)


class VictimIn(serializers.Serializer[Any]):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    address = serializers.CharField(max_length=500, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True)
    email_unsafe = serializers.BooleanField(required=False, help_text="Someone else may read this email")
    phone_unsafe = serializers.BooleanField(required=False)
    address_unsafe = serializers.BooleanField(required=False)
    no_voicemail = serializers.BooleanField(required=False)
    no_letters = serializers.BooleanField(required=False)
    language = serializers.ChoiceField(choices=Language.values, required=False)
    other_language = serializers.CharField(max_length=100, required=False, allow_blank=True)
    interpreter_needed = serializers.BooleanField(required=False)
    accessibility_needs = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class VictimOut(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    email = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()
    postcode = serializers.CharField()
    email_unsafe = serializers.BooleanField()
    phone_unsafe = serializers.BooleanField()
    address_unsafe = serializers.BooleanField()
    no_voicemail = serializers.BooleanField()
    no_letters = serializers.BooleanField()
    language = serializers.CharField()
    interpreter_needed = serializers.BooleanField()


class CaseIn(serializers.Serializer[Any]):
    victim = serializers.IntegerField(help_text="The id of the victim (POST /api/v1/victims/)")
    role = serializers.ChoiceField(choices=CaseRole.values, required=False)
    crime = CrimeIn()


class CaseOut(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    victim = serializers.IntegerField(source="person_id")
    crime = CrimeOut()
    role = serializers.CharField()
    stage = serializers.SerializerMethodField()
    opened_at = serializers.DateTimeField()
    last_event_at = serializers.DateTimeField(allow_null=True)
    vulnerable = serializers.BooleanField()
    repeat_victim = serializers.BooleanField()

    def get_stage(self, obj: Any) -> str:
        return Stage(obj.stage).name.lower()


# --- events and entitlements ------------------------------------------------------------------


class EventIn(serializers.Serializer[Any]):
    type = serializers.ChoiceField(choices=API_EVENT_TYPES)
    occurred_at = serializers.DateTimeField(help_text="With its time zone; not in the future")
    payload = serializers.DictField(required=False, help_text="The fields the event type holds")
    about = serializers.IntegerField(required=False, allow_null=True, help_text="The event this answers")
    corrects = serializers.IntegerField(required=False, allow_null=True, help_text="The event this corrects")
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class EventOut(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    type = serializers.CharField()
    type_label = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    payload = serializers.DictField()
    about = serializers.IntegerField(source="about_id", allow_null=True)
    corrects = serializers.IntegerField(source="corrects_id", allow_null=True)
    notes = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    recorded_by = serializers.CharField(source="actor_label")
    recorded_at = serializers.DateTimeField()


class EntitlementOut(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    rule = serializers.CharField()
    title = serializers.CharField()
    right = serializers.CharField()
    right_label = serializers.CharField()
    provider = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=[s for s, _ in STATUS_CHOICES], source="status_now")
    status_label = serializers.CharField()
    trigger = serializers.IntegerField(source="trigger_id")
    fulfilled_by = serializers.IntegerField(source="fulfilled_by_id", allow_null=True)
    enhanced = serializers.BooleanField()


# --- referrals --------------------------------------------------------------------------------


class SharedItem(serializers.Serializer[Any]):
    item = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.CharField()


class ReferralOut(serializers.Serializer[Any]):
    """What the provider's system may see: the copy shared when the referral was sent (never
    the victim's record) and the referral's own steps."""

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ReferralStatus.values)
    service = serializers.CharField(source="service.name")
    shared = SharedItem(source="snapshot", many=True)
    sent_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    declined_at = serializers.DateTimeField(allow_null=True)
    decline_reason = serializers.CharField()
    first_contact_at = serializers.DateTimeField(allow_null=True)
    engaged_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField()
    next_steps = serializers.SerializerMethodField()

    def get_next_steps(self, obj: Any) -> list[str]:
        """The steps the provider may record next (accept, decline, first_contact, engage, close)."""
        return [a for a in allowed_actions(obj) if a in PROVIDER_ACTIONS]


class StepIn(serializers.Serializer[Any]):
    occurred_at = serializers.DateTimeField(required=False, help_text="When it happened; now if left out")
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class DeclineIn(StepIn):
    reason = serializers.CharField(max_length=2000, help_text="Why the service cannot take the referral")


class FirstContactIn(StepIn):
    channel = serializers.ChoiceField(choices=[c for c, _ in CHANNEL_CHOICES])


class OutcomeIn(StepIn):
    outcome = serializers.CharField(max_length=2000, help_text="e.g. support completed")


# --- pages and problems -----------------------------------------------------------------------


def page_of(item: type[serializers.Serializer[Any]], name: str) -> type[serializers.Serializer[Any]]:
    """A cursor page of `item`: follow `next` until it is null."""
    fields: dict[str, Any] = {
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": item(many=True),
    }
    return type(name, (serializers.Serializer,), fields)


class FieldProblem(serializers.Serializer[Any]):
    field = serializers.CharField(help_text="The input at fault, dotted for nested fields")
    detail = serializers.CharField()


class Problem(serializers.Serializer[Any]):
    """An RFC 9457 problem detail."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    errors = FieldProblem(many=True, required=False)  # type: ignore[assignment]
