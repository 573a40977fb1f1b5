"""Victims' satisfaction survey: one short survey offered at each key moment of a case.

A moment is reached when the case's timeline has one of its events (models.MOMENT_EVENTS).
The portal offers a survey for the latest moment reached that the victim has neither answered
nor turned down, and only that one: a victim who was away for the outcome and the sentence is
asked once, about the sentence, not twice (voice/offers.py). Answers are stored per case and
moment (one response each, enforced by the database); the optional free text is the victim's
own words and is treated as their data (seen only through the case, audited).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from victimcare.accounts.models import Organisation
from victimcare.cases.models import VictimCase

COMMENTS_MAX_LENGTH = 2000


class Moment(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("After we first contacted you")
    INVESTIGATION = "investigation", _("During the investigation")
    OUTCOME = "outcome", _("After the outcome of the case")
    SENTENCE = "sentence", _("After the sentence")
    REFERRAL_CLOSED = "referral_closed", _("After support from a service ended")
    CASE_CLOSED = "case_closed", _("After the case was closed")


# The events that reach each moment.
MOMENT_EVENTS: dict[str, tuple[str, ...]] = {
    # Early in the journey (docs/adr/0049): the first real contact from the victim care service,
    # then the first step of the police investigation that the victim is told about.
    Moment.FIRST_CONTACT: ("needs_assessment_completed", "referral_first_contact"),
    Moment.INVESTIGATION: (
        "suspect_arrested",
        "suspect_interviewed_under_caution",
        "suspect_bailed",
        "suspect_released_under_investigation",
    ),
    Moment.OUTCOME: (
        "case_outcome_received",
        "out_of_court_disposal",
        "suspect_released_no_further_action",
        "decision_not_to_investigate",
        "cps_decision_not_to_charge",
    ),
    Moment.SENTENCE: ("sentence_received", "offender_sentenced"),
    Moment.REFERRAL_CLOSED: ("referral_closed",),
    Moment.CASE_CLOSED: ("case_closed",),
}
EVENT_MOMENT = {event: moment for moment, events in MOMENT_EVENTS.items() for event in events}
# The early moments rank below the rest: a needs assessment done after the outcome does not
# take the victim back to the "first contact" survey (voice/offers.latest_moment).
MOMENT_RANK: dict[str, int] = {Moment.FIRST_CONTACT: 0, Moment.INVESTIGATION: 1}
LATE_RANK = 2


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    NEITHER = "neither", _("Neither satisfied nor dissatisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")


class Agreement(models.TextChoices):
    YES = "yes", _("Yes, always")
    MOSTLY = "mostly", _("Yes, mostly")
    SOMETIMES = "sometimes", _("Only sometimes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class KnewCode(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class National(models.TextChoices):
    """The answers to the national Victims' Commissioner survey's questions (docs/adr/0049)."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")
    NOT_APPLICABLE = "not_applicable", _("This does not apply to me")


class SurveyResponse(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="survey_responses")
    moment = models.CharField(max_length=20, choices=Moment.choices)
    overall = models.CharField(max_length=20, choices=Satisfaction.choices)
    kept_informed = models.CharField(max_length=20, choices=Agreement.choices)
    respect = models.CharField(max_length=20, choices=Agreement.choices)
    knew_code = models.CharField(max_length=20, choices=KnewCode.choices)
    comments = models.TextField(blank=True, max_length=COMMENTS_MAX_LENGTH)
    # The national questions (voice/national.py): blank where not asked or not answered.
    vc_kept_informed = models.CharField(max_length=20, choices=National.choices, blank=True)
    vc_investigated = models.CharField(max_length=20, choices=National.choices, blank=True)
    vc_referred = models.CharField(max_length=20, choices=National.choices, blank=True)
    vc_court_support = models.CharField(max_length=20, choices=National.choices, blank=True)
    vc_attend_again = models.CharField(max_length=20, choices=National.choices, blank=True)
    vc_waited_too_long = models.CharField(max_length=20, choices=National.choices, blank=True)
    vc_aware_of_review = models.CharField(max_length=20, choices=National.choices, blank=True)
    # The victim agreed, on the survey, that the Victims' Champions may read their comments
    # (without their name or case) and code them to the themes.
    comments_to_champions = models.BooleanField(default=False)
    champion_engagement = models.OneToOneField(
        "voice.Engagement", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_response"
    )
    invitation = models.OneToOneField(
        "voice.SurveyInvitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    respondent_label = models.CharField(max_length=200)
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "moment"], name="one_survey_response_per_moment"),
            models.CheckConstraint(
                condition=models.Q(comments_to_champions=False) | ~models.Q(comments=""),
                name="survey_consent_only_with_comments",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "submitted_at"], name="survey_org_time_idx")]

    def __str__(self) -> str:
        return f"Survey response {self.pk} ({self.moment})"


class SurveyDismissal(models.Model):
    """The victim said "no thanks" to the survey for a moment: it is not offered again."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="survey_dismissals")
    moment = models.CharField(max_length=20, choices=Moment.choices)
    dismissed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "moment"], name="one_survey_dismissal_per_moment"),
        ]

    def __str__(self) -> str:
        return f"Survey turned down ({self.moment})"


class SurveyAgencyAnswer(models.Model):
    """How satisfied the victim was with one agency they dealt with (one question each)."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="agency_answers")
    agency = models.CharField(max_length=20)  # an Agency value (below)
    answer = models.CharField(max_length=20, choices=Satisfaction.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "agency"], name="one_agency_answer_per_response"),
        ]

    def __str__(self) -> str:
        return f"Agency answer {self.pk} ({self.agency})"


class SurveyInvitation(models.Model):
    """An invitation to the survey for one moment of one case, sent by the victim's chosen
    channel (voice/invitations.py). One per case and moment, enforced by the database, so a
    victim is never invited twice about the same moment. The link's secret is kept only as a
    keyed hash; the link works once (until the survey is answered or turned down) and expires."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="survey_invitations")
    moment = models.CharField(max_length=20, choices=Moment.choices)
    secret_hash = models.CharField(max_length=64)
    message = models.ForeignKey(
        "notify.OutboundMessage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "moment"], name="one_survey_invitation_per_moment"),
        ]

    def __str__(self) -> str:
        return f"Survey invitation {self.pk} ({self.moment})"


class SurveyOptOut(models.Model):
    """The victim asked not to be sent surveys: no invitation is written for them again, and
    the portal stops offering the survey. Removing the row (they changed their mind) is a
    service too, audited."""

    person = models.OneToOneField(
        "people.Person", primary_key=True, on_delete=models.CASCADE, related_name="survey_opt_out"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    opted_out_at = models.DateTimeField()
    recorded_by_label = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"Survey opt-out of person {self.person_id}"


QUESTIONS: tuple[tuple[str, Any, type[models.TextChoices]], ...] = (
    ("overall", _("Overall, how satisfied are you with the service you received?"), Satisfaction),
    ("kept_informed", _("Were you kept informed about what was happening?"), Agreement),
    ("respect", _("Were you treated with respect and dignity?"), Agreement),
    ("knew_code", _("Did you know about the Victims' Code before you were given this service?"), KnewCode),
)


# --- Victims' Champions: engagements, lived experience, themes, case studies, recommendations ---
# docs/adr/0036-victims-voice.md explains the consent model and the redaction check.


class ChampionArea(models.TextChoices):
    CRIME = "crime", "Crime"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    ASB = "asb", "Anti-social behaviour"


class EngagementMethod(models.TextChoices):
    ONE_TO_ONE = "one_to_one", "One-to-one"
    GROUP = "group", "Group session"
    SURVEY = "survey", "Survey"
    COMMUNITY_EVENT = "community_event", "Community event"
    OUTREACH = "outreach", "Outreach"


class SeldomHeard(models.TextChoices):
    YOUNG = "young", "Young people"
    OLDER = "older", "Older people"
    DISABLED = "disabled", "Disabled people"
    ETHNIC_MINORITY = "ethnic_minority", "Black, Asian and minority ethnic communities"
    LGBT = "lgbt", "Lesbian, gay, bisexual and trans people"
    GRT = "grt", "Gypsy, Roma and Traveller communities"
    LANGUAGE = "language", "People whose first language is not English"
    RURAL = "rural", "Rural communities"
    MEN_DA = "men_da", "Men affected by domestic abuse"
    HOMELESS = "homeless", "People without a settled home"


class Agency(models.TextChoices):
    POLICE = "police", "Police"
    CPS = "cps", "Crown Prosecution Service"
    COURTS = "courts", "Courts"
    WCU = "wcu", "Witness Care Unit"
    PROBATION = "probation", "Probation"
    VICTIM_CARE = "victim_care", "Victim care service"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HOUSING = "housing", "Housing"
    HEALTH = "health", "Health"


class JourneyStage(models.TextChoices):
    REPORTING = "reporting", "Reporting the crime"
    INVESTIGATION = "investigation", "The investigation"
    CHARGE = "charge", "The decision to charge"
    COURT = "court", "Going to court"
    AFTER = "after", "After the trial or sentence"
    SUPPORT = "support", "Support and recovery"


class ConsentKind(models.TextChoices):
    KEEP = "keep", "Keep their account"
    QUOTE = "quote", "Quote them anonymously"
    CONTACT = "contact", "Contact them again"
    LINK = "link", "Link their account to their case"


class Theme(models.Model):
    """A theme of the taxonomy the OPCC keeps (three seeded: voice/migrations/0003)."""

    name = models.CharField(max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class SubTheme(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="subthemes")
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["theme__position", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["theme", "name"], name="subtheme_name_unique")]

    def __str__(self) -> str:
        return f"{self.theme.name}: {self.name}"


class Engagement(models.Model):
    """A Champion's contact with a victim (or a group): how, where, who was reached, and what
    the victim agreed to. Each consent is separate; withdrawing one removes what it covered
    (voice.engagement_services.consent_withdraw) and leaves a ConsentWithdrawal saying what."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    champion = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="engagements")
    area = models.CharField(max_length=20, choices=ChampionArea.choices)
    method = models.CharField(max_length=20, choices=EngagementMethod.choices)
    place = models.CharField(max_length=200)
    held_on = models.DateField()
    groups_reached = models.JSONField(default=list, blank=True)
    consent_keep = models.BooleanField(default=False)
    consent_quote = models.BooleanField(default=False)
    consent_contact = models.BooleanField(default=False)
    consent_link = models.BooleanField(default=False)
    contact_details = models.CharField(max_length=300, blank=True)
    case = models.ForeignKey(
        VictimCase, null=True, blank=True, on_delete=models.PROTECT, related_name="engagements"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_contact=True) | models.Q(contact_details=""),
                name="engagement_contact_only_with_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(consent_link=True) | models.Q(case__isnull=True),
                name="engagement_case_only_with_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(consent_keep=True) | models.Q(consent_quote=False),
                name="engagement_quote_needs_keep",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "held_on"], name="engagement_org_date_idx")]

    def __str__(self) -> str:
        return f"Engagement {self.pk} ({self.held_on})"

    def has_consent(self, kind: str) -> bool:
        return bool(getattr(self, f"consent_{kind}"))


class ConsentWithdrawal(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="withdrawals")
    kind = models.CharField(max_length=10, choices=ConsentKind.choices)
    withdrawn_at = models.DateTimeField()
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    removed = models.TextField()

    class Meta:
        ordering = ["withdrawn_at", "id"]

    def __str__(self) -> str:
        return f"Consent withdrawn ({self.kind})"


class Account(models.Model):
    """The victim's lived experience from one engagement: kept only with their consent."""

    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="account")
    stages = models.JSONField(default=list, blank=True)
    agencies = models.JSONField(default=list, blank=True)
    went_well = models.TextField(blank=True, max_length=4000)
    went_badly = models.TextField(blank=True, max_length=4000)

    def __str__(self) -> str:
        return f"Account from engagement {self.engagement_id}"


class Concern(models.Model):
    """One thing that did not go well, coded to a sub-theme, an agency and a stage: the unit
    every theme count counts."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="concerns")
    subtheme = models.ForeignKey(SubTheme, on_delete=models.PROTECT, related_name="concerns")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    stage = models.CharField(max_length=20, choices=JourneyStage.choices)
    summary = models.CharField(max_length=300)

    def __str__(self) -> str:
        return f"Concern {self.pk}"


class QuoteStatus(models.TextChoices):
    DRAFT = "draft", "Not yet cleared"
    CLEARED = "cleared", "Cleared for use"


class Quote(models.Model):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="quotes")
    subtheme = models.ForeignKey(SubTheme, on_delete=models.PROTECT, related_name="quotes")
    text = models.TextField(max_length=1000)
    status = models.CharField(max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.DRAFT)
    cleared_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Quote {self.pk}"


class CaseStudyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEWED = "reviewed", "Reviewed"
    APPROVED = "approved", "Approved"


class CaseStudy(models.Model):
    """A reviewed, anonymised story told with the victims' consent to be quoted."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    story = models.TextField(max_length=8000)
    subthemes = models.ManyToManyField(SubTheme, related_name="case_studies")
    engagements = models.ManyToManyField(Engagement, related_name="case_studies")
    status = models.CharField(max_length=10, choices=CaseStudyStatus.choices, default=CaseStudyStatus.DRAFT)
    reviewed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class RecommendationStatus(models.TextChoices):
    RAISED = "raised", "Waiting for the partner's response"
    RESPONDED = "responded", "Partner responded"
    CHANGED = "changed", "Change made"
    DECLINED = "declined", "Partner declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Recommendation(models.Model):
    """ "You said, we did": a finding put to a named partner agency, and what came of it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    subtheme = models.ForeignKey(SubTheme, on_delete=models.PROTECT, related_name="recommendations")
    finding = models.TextField(max_length=2000)
    recommendation = models.TextField(max_length=2000)
    partner = models.CharField(max_length=20, choices=Agency.choices)
    owner = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    due = models.DateField()
    status = models.CharField(
        max_length=10, choices=RecommendationStatus.choices, default=RecommendationStatus.RAISED
    )
    partner_response = models.TextField(blank=True, max_length=4000)
    what_changed = models.TextField(blank=True, max_length=4000)
    evidence = models.TextField(blank=True, max_length=4000)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["status", "due"], name="recommendation_status_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | ~models.Q(status__in=["raised", "withdrawn"]),
                name="recommendation_published_only_with_response",
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.pk} to {self.get_partner_display()}"

    def public_texts(self) -> list[str]:
        """What the public page shows: each must pass the redaction check."""
        return [self.finding, self.recommendation, self.partner_response, self.what_changed]


class SafeFinding(models.Model):
    """A person confirmed that one finding of the redaction check does not identify anyone."""

    target = models.CharField(max_length=20)  # "quote", "case_study", "recommendation"
    target_id = models.PositiveIntegerField()
    kind = models.CharField(max_length=20)
    text = models.CharField(max_length=300)
    confirmed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target", "target_id", "kind", "text"], name="safe_finding_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} confirmed safe on {self.target} {self.target_id}"


# The advisory panel and the annual report keep their models in their own modules (ADR 0047, 0048).
from victimcare.voice.annual_report.models import *  # noqa: E402, F403
from victimcare.voice.panel.models import *  # noqa: E402, F403
