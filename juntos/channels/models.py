"""What the inbound channels remember: never a number, never a report.

A number is known only by `keyed_hash("channel-number", E.164 number)` (the hash key is in the
environment), and no row here names a report or a receipt code: a status asked by SMS leaves
no trace that pairs the number with the report. Voice callers leave nothing at all.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from juntos.channels.choices import Channel, DeliveryStatus
from juntos.core.jurisdictions import Province


class Correspondent(models.Model):
    """A number that wrote to us: the language, province and program it told us (or we guessed)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True)
    province = models.CharField(max_length=2, choices=Province.choices, blank=True)
    # True when the province was guessed from the number's area code, not told.
    province_guessed = models.BooleanField(default=False)
    program = models.CharField(max_length=20, blank=True)
    # The rights subscription this number made by ALERTS ON (the address is sealed there).
    alerts_subscription_id = models.UUIDField(null=True, blank=True)
    # WhatsApp's customer-service window: free text may be sent until then. Rounded down to the
    # hour, so it never claims a window that has closed and keeps no finer time.
    whatsapp_window_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"correspondent {str(self.id)[:8]}"


class OptOut(models.Model):
    """A number that sent STOP: nothing more goes to it, on any channel, from any part of Juntos."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number_hash = models.CharField(max_length=64, unique=True)
    opted_out_on = models.DateField()

    def __str__(self) -> str:
        return f"opt-out {str(self.id)[:8]}"


class Delivery(models.Model):
    """What a gateway said about one message it took, by its id (hashed), never to whom."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gateway_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.SENT
    )
    updated_on = models.DateField()

    class Meta:
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"delivery {str(self.id)[:8]}"
