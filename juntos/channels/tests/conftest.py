"""Signed webhook calls, as Twilio and Meta make them, with the test deployment's secrets."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as HttpResponse

from juntos.channels.signatures import meta_signature, twilio_signature

TWILIO_TOKEN = "test-twilio-auth-token"
META_SECRET = "test-meta-app-secret"
VERIFY_TOKEN = "test-verify-token"
ROSA = "+12505550142"


@pytest.fixture(autouse=True)
def _gateway_secrets(settings):
    settings.JUNTOS_CHANNELS_TWILIO_AUTH_TOKEN = TWILIO_TOKEN
    settings.JUNTOS_CHANNELS_WHATSAPP_APP_SECRET = META_SECRET
    settings.JUNTOS_CHANNELS_WHATSAPP_VERIFY_TOKEN = VERIFY_TOKEN


def twilio_post(client: Client, path: str, params: dict[str, str]) -> HttpResponse:
    signature = twilio_signature(settings.SITE_URL + path, params.items(), TWILIO_TOKEN)
    return client.post(path, params, HTTP_X_TWILIO_SIGNATURE=signature)


def whatsapp_payload(sender: str, text: str) -> dict[str, object]:
    """The Cloud API's shape for one inbound text message."""
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "15550783881",
                                "phone_number_id": "106540352242922",
                            },
                            "contacts": [{"profile": {"name": "Rosa"}, "wa_id": sender}],
                            "messages": [
                                {
                                    "from": sender,
                                    "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRB",
                                    "timestamp": "1749416383",
                                    "type": "text",
                                    "text": {"body": text},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }


def whatsapp_post(client: Client, body: bytes) -> HttpResponse:
    return client.post(
        "/channels/whatsapp/",
        body,
        content_type="application/json",
        HTTP_X_HUB_SIGNATURE_256=meta_signature(body, META_SECRET),
    )


@pytest.fixture
def sms(client: Client, django_capture_on_commit_callbacks) -> Callable[..., HttpResponse]:
    """Send an SMS from `sender` and run what it queued on commit (the reply's delivery)."""

    def send(text: str, sender: str = ROSA) -> HttpResponse:
        with django_capture_on_commit_callbacks(execute=True):
            return twilio_post(client, "/channels/twilio/sms/", {
                "MessageSid": "SM0123456789abcdef0123456789abcdef",
                "AccountSid": "AC0123456789abcdef0123456789abcdef",
                "From": sender,
                "To": "+16045550199",
                "Body": text,
                "NumMedia": "0",
            })  # fmt: skip

    return send


@pytest.fixture
def whatsapp(client: Client, django_capture_on_commit_callbacks) -> Callable[..., HttpResponse]:
    def send(text: str, sender: str = ROSA.lstrip("+")) -> HttpResponse:
        body = json.dumps(whatsapp_payload(sender, text)).encode()
        with django_capture_on_commit_callbacks(execute=True):
            return whatsapp_post(client, body)

    return send
