"""Core records: the hash-chained audit log, sealed messages waiting or recorded, periodic runs."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from juntos.core.envelopes import Message, message_unseal

OUTBOX_CONTEXT = "outbox"


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditHead(models.Model):
    """The end of the sealed chain. Only the sealer locks it: writers never touch it."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head at #{self.last_sequence}"


class AuditEntry(models.Model):
    """One audited action, appended without a lock and chained by the sealer shortly after.

    The id (an autoincrement) orders appends; the sealer gives each entry its place in the chain
    (`sequence`) and a keyed hash over its content and the previous hash. Database triggers
    refuse any DELETE, and any UPDATE except that one sealing of an unsealed entry.
    """

    # Set by the sealer; null while the entry waits (seconds) to join the chain.
    sequence = models.PositiveBigIntegerField(unique=True, null=True, blank=True)
    # Anonymous flows record the day only (occurred_at is then midnight UTC of that day).
    occurred_at = models.DateTimeField()
    # No database constraint and no SET NULL: deleting a person must not rewrite the log.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    details = models.JSONField(default=dict, blank=True)
    # True for an entry that waited in the anonymous queue; queue_id is its id there, so the
    # queue row may be removed only once this entry holds it (see the triggers).
    anonymous = models.BooleanField(default=False)
    queue_id = models.UUIDField(null=True, blank=True, unique=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(
                fields=["id"], condition=models.Q(sequence__isnull=True), name="auditentry_unsealed"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence or '-'} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries cannot be deleted")


class PendingAnonymousAuditEntry(models.Model):
    """An anonymous flow's audit entry, waiting to join the chain.

    Appending it at once would place it between staff actions with exact times and so reveal
    when it happened. Instead these wait, with the day only and a random key, and a daily task
    appends them in random order. Triggers refuse UPDATE, and DELETE of a row the log does not
    yet hold; each signed checkpoint counts them, so none can vanish unseen.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_on = models.DateField()
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"pending {self.action} ({self.occurred_on})"


class AuditCheckpoint(models.Model):
    """A signed statement of the chain's head and the anonymous queue, published for mirrors.

    `statement` is the exact signed text (canonical JSON); the other fields repeat it for
    queries. The queue's counts are only inside it, sealed. Only inserts are accepted (triggers).
    """

    sequence = models.PositiveBigIntegerField()
    head_hash = models.CharField(max_length=64)
    made_at = models.DateTimeField()
    statement = models.TextField()
    signature = models.CharField(max_length=100)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")

    def __str__(self) -> str:
        return f"checkpoint at #{self.sequence}"


class SealedDay(models.Model):
    """A day whose anonymous rows were rewritten in random order and whose files were compacted."""

    day = models.DateField(unique=True)

    def __str__(self) -> str:
        return f"sealed {self.day}"


class SealedMessage(models.Model):
    """A message to a person, sealed: its address, subject and body are one AES-GCM ciphertext.

    The key comes from the keyring (the environment), so a copy of the database, a backup or the
    task table shows neither who is told nor what. See docs/notifications.md.
    """

    key_version = models.PositiveSmallIntegerField()
    sealed = models.BinaryField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"sealed message {self.pk}"


class PendingMessage(SealedMessage):
    """A message waiting for delivery; deleted once delivered. It has no time of any kind."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("message waiting for delivery")
        verbose_name_plural = _("messages waiting for delivery")


class OutboxMessage(SealedMessage):
    """A message recorded by a development transport instead of being sent, sealed at rest.

    Operators read it decrypted on the outbox page; it is purged after a few days.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")
        WHATSAPP = "whatsapp", _("WhatsApp")

    # The day only, for the purge: no time to pair with an audit entry.
    channel = models.CharField(max_length=20, choices=Channel.choices)
    recorded_on = models.DateField()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")

    def __str__(self) -> str:
        return f"outbox message on {self.channel}"

    @cached_property
    def message(self) -> Message:
        """The message as recorded, decrypted (for operators, through the outbox selector)."""
        return message_unseal(self.key_version, self.sealed, context=OUTBOX_CONTEXT)

    @property
    def recipient(self) -> str:
        return self.message.recipient

    @property
    def subject(self) -> str:
        return self.message.subject

    @property
    def body(self) -> str:
        return self.message.body

    @property
    def reply_to(self) -> str:
        return self.message.reply_to


class PeriodicRun(models.Model):
    """When a periodic job was last enqueued (see `core.services.periodic_enqueue_due`)."""

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} at {self.last_enqueued_at}"


class Throttle(models.Model):
    """One rate-limit counter (juntos/core/ratelimit.py): a keyed hash and a count, never the key.

    Rows live until their window ends and the periodic purge removes them; nothing evicts a live
    row, however many other keys are counted.
    """

    key = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
