"""Approved research projects, their extracts (stored encrypted) and expiring download links.

People are never referenced here: an extract holds pseudonyms made with the project's own key,
and its rows only after generalisation and suppression (see `anonymity.py`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.research.choices import ExtractStatus

USER = settings.AUTH_USER_MODEL


class Project(models.Model):
    """A study the network's coordinator approved, with the variables it may receive."""

    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=3000)
    ethics_reference = models.CharField(_("ethics approval reference"), max_length=100)
    expires_on = models.DateField(_("approval ends on"))
    variables = models.JSONField(_("variables"), default=list)
    # Random per project, mixed with the server's hash key: pseudonyms of two projects differ,
    # so their extracts cannot be joined, and nobody without the server key can recompute them.
    key_salt = models.CharField(max_length=32)
    approved_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()

    class Meta:
        ordering = ["-approved_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_expired(self) -> bool:
        return timezone.localdate() > self.expires_on


class Extract(models.Model):
    """One extract of a project: its figures in the clear, its rows encrypted at rest."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="extracts")
    variables = models.JSONField(default=list)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=ExtractStatus.choices, default=ExtractStatus.WAITING
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    workers = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)
    suppressed_rows = models.PositiveIntegerField(default=0)
    smallest_class = models.PositiveIntegerField(default=0)  # the k reached
    diversity = models.PositiveSmallIntegerField(default=0)  # the l reached; 0: none asked
    levels = models.JSONField(default=dict)  # generalisation level of each quasi-identifier
    seconds = models.FloatField(default=0)
    key_version = models.PositiveSmallIntegerField(null=True, blank=True)
    wrapped_key = models.BinaryField(default=b"")
    content = models.BinaryField(default=b"")

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"extract {self.pk}"


class DownloadLink(models.Model):
    """A link to one extract, valid for seven days; each use is audited."""

    extract = models.ForeignKey(Extract, on_delete=models.CASCADE, related_name="links")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"link {self.pk}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


LINK_VALID_FOR = dt.timedelta(days=7)
