"""Sealed end-of-season evaluations, the liaison's wrapped key, its live unlocks, and the
"would rehire" watches the liaison sets after reading.

A sealed row holds the HPKE ciphertext, its encapsulated key and routing fields only (kind,
season, the liaison organisation, a keyed-hash reference of the season worked): no worker,
no employer, no answer. Organisations are plain ids, as in the other domain apps.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from juntos.evaluations.choices import EvaluationKind

USER = settings.AUTH_USER_MODEL


class LiaisonKey(models.Model):
    """A liaison organisation's X25519 key pair; the private half is wrapped under a key
    stretched from its passphrase (Argon2id) with AES-GCM, and never stored otherwise."""

    organisation_id = models.PositiveBigIntegerField(unique=True)
    public_key = models.BinaryField(max_length=32)
    wrapped_private_key = models.BinaryField()
    salt = models.BinaryField(max_length=16)
    argon2_time_cost = models.PositiveSmallIntegerField()
    argon2_memory_kib = models.PositiveIntegerField()
    created_on = models.DateField()

    def __str__(self) -> str:
        return f"liaison key {self.pk}"


class SealedEvaluation(models.Model):
    """One evaluation, sealed to the liaison's public key; an amendment links to the first."""

    kind = models.CharField(max_length=20, choices=EvaluationKind.choices)
    season_year = models.PositiveSmallIntegerField()
    liaison_organisation_id = models.PositiveBigIntegerField(db_index=True)
    liaison_key = models.ForeignKey(LiaisonKey, on_delete=models.PROTECT, related_name="sealed")
    # A keyed hash of the season worked (opportunities' engagement): the HPKE info binds it, and
    # it lets the one who wrote it see that it is sent, without naming anyone in the row.
    season_ref = models.CharField(max_length=40, db_index=True)
    encapsulated_key = models.BinaryField(max_length=32)
    ciphertext = models.BinaryField()
    amends = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amendments"
    )
    submitted_on = models.DateField()

    class Meta:
        ordering = ["-season_year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["season_ref", "kind"],
                condition=Q(amends=None),
                name="evaluations_one_first_evaluation",
            )
        ]

    def __str__(self) -> str:
        return f"sealed evaluation {self.pk}"


class LiaisonUnlock(models.Model):
    """A live unlock: the liaison's private key, encrypted under a random key that only her
    browser holds (an HttpOnly cookie). Without that cookie this row opens nothing."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    liaison_key = models.ForeignKey(LiaisonKey, on_delete=models.CASCADE, related_name="+")
    sealed_private_key = models.BinaryField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"unlock {self.pk}"


class RehireWatch(models.Model):
    """The liaison read "would rehire" in an employer's evaluation and watches whether the
    worker is named for the next season; raised when she is not, after the deadline."""

    evaluation = models.OneToOneField(
        SealedEvaluation, on_delete=models.CASCADE, related_name="rehire_watch"
    )
    engagement_id = models.PositiveBigIntegerField(unique=True)
    liaison_organisation_id = models.PositiveBigIntegerField(db_index=True)
    season_year = models.PositiveSmallIntegerField()
    watched_on = models.DateField()
    named_back = models.BooleanField(null=True)
    raised_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-season_year", "id"]

    def __str__(self) -> str:
        return f"rehire watch {self.pk}"
