"""Members of the network and its working groups. The plenary is every voting member."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from juntos.accounts.choices import Sector
from juntos.network.choices import MemberKind


class NetworkMember(models.Model):
    """A person, or an organisation acting through one person, who belongs to the network."""

    # The person who signs in and votes; for an organisation, its representative.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_member"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MemberKind.choices)
    # Organisations live in accounts; the network keeps only their id (app boundary).
    organisation_id = models.BigIntegerField(null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    is_voting = models.BooleanField(_("voting member"), default=True)
    # Interpreters add the Spanish, French or English text of what others wrote.
    is_interpreter = models.BooleanField(_("interprets for the network"), default=False)
    is_active = models.BooleanField(default=True)
    # Keyed hash of the secret token in the calendar feed URL; the token itself is shown once.
    feed_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    joined_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=MemberKind.PERSON, organisation_id__isnull=True)
                | models.Q(kind=MemberKind.ORGANISATION, organisation_id__isnull=False),
                name="network_member_kind_matches_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_migrant_worker(self) -> bool:
        return self.sector == Sector.MIGRANT_WORKER


class WorkingGroup(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    mandate = models.TextField(_("mandate"))
    # The language this was written in; the other languages are texts (models/texts.py).
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # How many of the group's members must answer before it decides on a draft; empty means
    # a majority of its members at the time (services/drafting.py, decision_needed).
    decision_quorum = models.PositiveSmallIntegerField(
        _("answers needed for a group decision"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name

    def source_fields(self) -> tuple[str, str]:
        """(title, body) as a translator translates them."""
        return self.name, self.mandate


class GroupMembership(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        NetworkMember, on_delete=models.CASCADE, related_name="group_memberships"
    )
    is_co_chair = models.BooleanField(_("co-chair"), default=False)

    class Meta:
        ordering = ["-is_co_chair", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="network_group_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.group}"
