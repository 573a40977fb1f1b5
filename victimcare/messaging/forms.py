"""Forms for messages (staff and portal) and for the portal's "ask for" requests.

Portal forms carry their own translated "required" messages: GovukForm's automatic ones are
English, and a Welsh-speaking victim must get Welsh errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from victimcare.forms import GovukForm, GovukRadios
from victimcare.messaging.models import BODY_MAX_LENGTH
from victimcare.messaging.services import SUMMARY_MAX_LENGTH, MessagingError, clean_body


class _BodyField(forms.CharField):
    def clean(self, value: Any) -> str:
        try:
            return clean_body(value)
        except MessagingError as err:
            raise forms.ValidationError(err.message) from None


def _limit(message: Any) -> MaxLengthValidator:
    # A validator rather than max_length: max_length also sets the textarea's maxlength, and a
    # browser then silently cuts off pasted text; the error message keeps every word typed.
    return MaxLengthValidator(SUMMARY_MAX_LENGTH, message=message)


class ReplyForm(GovukForm):
    body = _BodyField(
        label="Your reply",
        help_text=f"Up to {BODY_MAX_LENGTH:,} characters. The victim is told there is a new message, "
        "never what it says. Sent messages cannot be changed.",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,  # _BodyField says "Enter your message" itself
        strip=False,
    )


class PortalMessageForm(GovukForm):
    body = _BodyField(
        label=_("Your message"),
        help_text=_(
            "Up to 2,000 characters. Your caseworker or their team will read it and reply here. "
            "If you are in danger now, call 999."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        strip=False,
    )


ASK_CHOICES = (
    ("statement", _("To make or update a Victim Personal Statement")),
    ("review", _("A review of a decision not to take your case forward")),
    ("complaint", _("To make a complaint")),
)


class AskChooseForm(GovukForm):
    what = forms.ChoiceField(
        label=_("What do you want to ask for?"),
        choices=ASK_CHOICES,
        widget=GovukRadios,
        error_messages={"required": _("Choose what you want to ask for")},
    )


class StatementForm(GovukForm):
    kind = forms.ChoiceField(
        label=_("Do you want to make a statement or update one?"),
        help_text=_(
            "A Victim Personal Statement tells the court, in your own words, how the crime has "
            "affected you. You can make one, or add to one you made before."
        ),
        choices=(
            ("make", _("Make a statement")),
            ("update", _("Update a statement I made before")),
        ),
        widget=GovukRadios,
        error_messages={"required": _("Choose whether you want to make a statement or update one")},
    )


class ReviewForm(GovukForm):
    decision_maker = forms.ChoiceField(
        label=_("Who made the decision?"),
        choices=(
            ("police", _("The police")),
            ("cps", _("The Crown Prosecution Service (CPS)")),
        ),
        widget=GovukRadios,
        error_messages={"required": _("Choose who made the decision")},
    )
    reason = forms.CharField(
        label=_("Anything you want to tell us about the decision (optional)"),
        help_text=_("For example, why you think it was wrong. Up to 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        validators=[_limit(_("What you tell us must be 2,000 characters or fewer"))],
    )


class ComplaintForm(GovukForm):
    against = forms.ChoiceField(
        label=_("Who is your complaint about?"),
        choices=(
            ("police", _("The police")),
            ("cps", _("The Crown Prosecution Service (CPS)")),
            ("wcu", _("The Witness Care Unit")),
            ("service", _("The victim care service")),
            ("other", _("Another organisation")),
        ),
        widget=GovukRadios,
        error_messages={"required": _("Choose who your complaint is about")},
    )
    summary = forms.CharField(
        label=_("What is your complaint about?"),
        help_text=_("Tell us what happened and what you would like to happen now. Up to 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[_limit(_("Your complaint must be 2,000 characters or fewer"))],
        error_messages={"required": _("Enter what your complaint is about")},
    )
