"""Competency frameworks, equivalences, assessments, issuer keys, status lists and credentials.

Organisations and courses live in other apps and are referenced by plain ids, never by foreign
key, so this app depends on them only through their public modules.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from juntos.credentials.choices import (
    AssessmentStatus,
    Certainty,
    EquivalenceStatus,
    MatchKind,
    UnitResult,
)

USER = settings.AUTH_USER_MODEL


def _in_language(titles: dict[str, str], language: str | None = None) -> str:
    """The title in the reader's language, else English, else any."""
    language = (language or get_language() or "en")[:2]
    return titles.get(language) or titles.get("en") or next(iter(titles.values()), "")


class Framework(models.Model):
    """A country's (or region's) standards or classification: CONOCER, Red Seal, NOC, ESCO."""

    code = models.SlugField(max_length=30, unique=True)
    country = models.CharField(max_length=2)  # ISO 3166; "EU" for ESCO
    names = models.JSONField(default=dict)
    publisher = models.CharField(max_length=200)
    source_url = models.URLField(max_length=500)
    licence = models.CharField(max_length=300)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return _in_language(self.names)


class Standard(models.Model):
    """One standard or occupation of a framework (an EC standard, a trade, a NOC code)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standards")
    code = models.CharField(max_length=60)
    uri = models.CharField(max_length=300, unique=True)  # official URI, else a urn:juntos: one
    titles = models.JSONField(default=dict)
    teer = models.PositiveSmallIntegerField(null=True, blank=True)
    certainty = models.CharField(max_length=20, choices=Certainty.choices)
    note = models.TextField(blank=True)
    source_url = models.URLField(max_length=500)
    # Learning courses that prepare for the standard: completing one makes a worker eligible.
    course_ids = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["framework__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="credentials_standard_code")
        ]

    def __str__(self) -> str:
        return f"{self.framework.code} {self.code}"

    @property
    def title(self) -> str:
        return _in_language(self.titles)

    @property
    def uncertain(self) -> bool:
        return self.certainty == Certainty.UNCERTAIN


class Unit(models.Model):
    """One unit (element) of a standard, assessed on its own."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(max_length=30)
    titles = models.JSONField(default=dict)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["standard_id", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="credentials_unit_code")
        ]

    def __str__(self) -> str:
        return f"{self.standard_id}/{self.code}"

    @property
    def title(self) -> str:
        return _in_language(self.titles)


class Equivalence(models.Model):
    """A directed mapping from one standard to another, with what it covers and who says so."""

    key = models.SlugField(max_length=80, unique=True)
    source = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="mappings_from")
    target = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="mappings_to")
    match = models.CharField(max_length=10, choices=MatchKind.choices)
    covered_units = models.ManyToManyField(Unit, blank=True, related_name="covered_by")
    bridging_course_id = models.PositiveBigIntegerField(null=True, blank=True)
    gap_notes = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=EquivalenceStatus.choices)
    endorsed_by = models.CharField(max_length=200, blank=True)
    source_note = models.TextField()
    source_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["source_id", "target_id"]

    def __str__(self) -> str:
        return self.key

    @property
    def official(self) -> bool:
        return self.status == EquivalenceStatus.OFFICIAL

    @property
    def gap_note(self) -> str:
        return _in_language(self.gap_notes) if self.gap_notes else ""


class AssessorAuthorisation(models.Model):
    """An organisation authorised to assess candidates against one standard."""

    organisation_id = models.PositiveBigIntegerField()
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="authorisations")
    granted_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.standard_id}"


class Assessment(models.Model):
    """A worker's request to be assessed against a standard, and the assessor's decision."""

    candidate = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="assessments")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="assessments")
    organisation_id = models.PositiveBigIntegerField()
    status = models.CharField(
        max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.REQUESTED
    )
    # Vault documents she chose to share as evidence (learning ids; opened through learning).
    evidence_document_ids = models.JSONField(default=list, blank=True)
    completed_course_id = models.PositiveBigIntegerField(null=True, blank=True)
    assessor = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"assessment {self.pk} ({self.status})"

    @property
    def competent(self) -> bool:
        return self.status == AssessmentStatus.DECIDED and all(
            r.result == UnitResult.COMPETENT for r in self.results.all()
        )


class UnitAssessment(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=20, choices=UnitResult.choices)

    class Meta:
        ordering = ["unit__position", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "unit"], name="credentials_unit_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.result}"


class IssuerKey(models.Model):
    """An RSA signing key: the public part published, the private part wrapped by the keyring."""

    kid = models.CharField(max_length=64, unique=True)
    public_jwk = models.JSONField()
    wrapped_private_key = models.BinaryField()
    key_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)  # retired keys still verify

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.kid


class StatusList(models.Model):
    """One index space, published as two W3C Bitstring Status Lists (revocation, suspension).

    Bits are read from the credentials (`revoked_at`, `suspended`), so they cannot disagree.
    """

    number = models.PositiveIntegerField(unique=True)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"status list {self.number}"


class StatusEntry(models.Model):
    """An index taken in a status list: once taken, never given to another credential."""

    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="entries")
    index = models.PositiveIntegerField()
    credential = models.ForeignKey(
        "Credential", on_delete=models.SET_NULL, null=True, related_name="status_entries"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["status_list", "index"], name="credentials_index_once")
        ]

    def __str__(self) -> str:
        return f"{self.status_list_id}#{self.index}"


class Credential(models.Model):
    """A signed Open Badges 3.0 credential issued to a worker."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    short_id = models.CharField(max_length=16, unique=True)
    holder = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="credentials")
    subject_id = models.CharField(max_length=80)  # urn:uuid:…, never an email or a phone
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="credentials")
    assessment = models.OneToOneField(
        Assessment, on_delete=models.SET_NULL, null=True, related_name="credential"
    )
    organisation_id = models.PositiveBigIntegerField()  # the assessing organisation
    kid = models.CharField(max_length=64)
    token = models.TextField()  # the VC-JWT as issued
    issued_at = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    suspended = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["-issued_at", "short_id"]

    def __str__(self) -> str:
        return self.short_id


class CredentialShare(models.Model):
    """A revocable link to one credential, made by its holder for someone she chose."""

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE, related_name="shares")
    token = models.CharField(max_length=43, unique=True)
    recipient_label = models.CharField(_("shared with"), max_length=120)
    organisation_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"share {self.pk} of {self.credential_id}"
