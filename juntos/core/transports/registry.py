"""Choosing the transport for a channel from settings."""

from __future__ import annotations

from django.conf import settings

from juntos.core.transports.base import OutboxTransport, Transport
from juntos.core.transports.email import EmailTransport
from juntos.core.transports.sms import HttpSmsTransport
from juntos.core.transports.whatsapp import CloudApiWhatsAppTransport

CHANNELS = ("email", "sms", "whatsapp")


def transport_for(channel: str) -> Transport:
    """The configured transport for a channel; email's backend is chosen by Django's settings."""
    if channel == "email":
        return EmailTransport()
    if channel == "sms":
        return (
            HttpSmsTransport() if settings.JUNTOS_SMS_BACKEND == "http" else OutboxTransport("sms")
        )
    if channel == "whatsapp":
        if settings.JUNTOS_WHATSAPP_BACKEND == "http":
            return CloudApiWhatsAppTransport()
        return OutboxTransport("whatsapp")
    raise ValueError(f"unknown channel {channel!r}")
