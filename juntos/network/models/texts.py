"""What people write in the network, in the other languages: one row per language and source.

A working group's name and mandate, a recommendation's title and text and a meeting's title
are written in one language (the source's `language`); an interpreter adds each other
language. A text keeps the digest of the source it was made from, so a source changed since
is shown with "this translation may be out of date" instead of as current. The shape is the
learning app's course texts (one row per course and language).
"""

from __future__ import annotations

import hashlib
from typing import TypeAlias

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from juntos.network.models.bodies import WorkingGroup
from juntos.network.models.meetings import Meeting
from juntos.network.models.recommendations import Recommendation

# What people write in one language and interpreters give in the others.
Translatable: TypeAlias = WorkingGroup | Recommendation | Meeting


def source_digest(*parts: str) -> str:
    """A digest of the source fields a translation was made from."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class ContentText(models.Model):
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    source_digest = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class GroupText(ContentText):
    """A working group's name (title) and mandate (body) in one language."""

    source = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="texts")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "language"], name="network_group_text")
        ]

    def __str__(self) -> str:
        return f"{self.source_id} [{self.language}]"


class RecommendationText(ContentText):
    """A recommendation's title and text in one language."""

    source = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="texts")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "language"], name="network_recommendation_text"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} [{self.language}]"


class MeetingText(ContentText):
    """A meeting's title in one language (its place is a proper name and stays as written)."""

    source = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="texts")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "language"], name="network_meeting_text")
        ]

    def __str__(self) -> str:
        return f"{self.source_id} [{self.language}]"
