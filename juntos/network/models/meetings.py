"""Meetings: the scheduling poll, registration with interpretation, agenda and minutes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from juntos.network.choices import AgendaKind, MeetingFormat, MeetingStatus
from juntos.network.models.bodies import NetworkMember, WorkingGroup


class Meeting(models.Model):
    """A working group meeting, or a plenary when `group` is empty."""

    group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    # The language this was written in; the other languages are texts (models/texts.py).
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    format = models.CharField(_("format"), max_length=20, choices=MeetingFormat.choices)
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    # Stable identifier so calendar apps update the same event when it changes.
    ical_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=MeetingStatus.POLLING) | Q(starts_at__isnull=False),
                name="network_meeting_scheduled_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_plenary(self) -> bool:
        return self.group_id is None

    def source_fields(self) -> tuple[str, str]:
        """(title, body) as a translator translates them (a meeting has a title only)."""
        return self.title, ""


class PollOption(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="poll_options")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="network_option_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.starts_at:%Y-%m-%d %H:%M}"


class Availability(models.Model):
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="availabilities")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "member"], name="network_available_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.option_id}"


class Registration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        NetworkMember, on_delete=models.CASCADE, related_name="registrations"
    )
    interpretation_language = models.CharField(_("interpretation into"), max_length=8, blank=True)
    attended = models.BooleanField(default=False)

    class Meta:
        ordering = ["member__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="network_register_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.meeting_id}"


class InterpreterAssignment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="interpreters")
    language = models.CharField(_("language"), max_length=8)
    interpreter_name = models.CharField(_("interpreter"), max_length=200)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "language"], name="network_one_interpreter_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.interpreter_name}"


class AgendaItem(models.Model):
    """An agenda line. Position 0 is always, and only, the worker voices item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=AgendaKind.choices)
    title = models.CharField(_("title"), max_length=300)
    recommendation = models.ForeignKey(
        "network.Recommendation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="network_agenda_position"),
            # The database itself refuses an agenda that does not open with worker voices.
            models.CheckConstraint(
                condition=Q(position=0, kind=AgendaKind.WORKER_VOICES)
                | (Q(position__gt=0) & ~Q(kind=AgendaKind.WORKER_VOICES)),
                name="network_agenda_opens_with_worker_voices",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Minutes(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    body = models.TextField(_("minutes"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "language"], name="network_minutes_language")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} ({self.language})"
