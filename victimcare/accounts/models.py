"""Organisations, teams and staff users with roles.

Every case-scoped row elsewhere carries an organisation key, so that a
regional deployment can later shard by organisation without a rewrite.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Organisation(models.Model):
    class Kind(models.TextChoices):
        OPCC = "opcc", "Office of the Police and Crime Commissioner"
        POLICE_FORCE = "police_force", "Police force"
        PROVIDER = "provider", "Commissioned service provider"
        CPS = "cps", "Crown Prosecution Service"
        WCU = "wcu", "Witness Care Unit"
        PROBATION = "probation", "Probation Service"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The police force area this organisation works in. A force points at itself.
    force = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="area_organisations"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="team_name_unique_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "Caseworker"
    SUPERVISOR = "supervisor", "Supervisor"
    POLICE_OFFICER = "police_officer", "Police officer"
    WITNESS_CARE_OFFICER = "witness_care_officer", "Witness care officer"
    PROVIDER_STAFF = "provider_staff", "Provider staff"
    CHAMPION = "champion", "Victims' Champion"
    ANALYST = "analyst", "Analyst"
    ADMIN = "admin", "Administrator"


class User(AbstractUser):
    """A member of staff. Victims never have a User: they use the portal's own sign-in."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(max_length=30, choices=Role.choices, blank=True)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            # Superusers exist for emergencies only; every other account has a role and an organisation.
            models.CheckConstraint(
                condition=models.Q(is_superuser=True)
                | (models.Q(organisation__isnull=False) & ~models.Q(role="")),
                name="staff_user_has_role_and_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def is_verified(self) -> bool:
        """Whether this session passed the second factor. django_otp's middleware replaces
        this on the request's user; anywhere else (a command, a job) the answer is no."""
        return False

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
