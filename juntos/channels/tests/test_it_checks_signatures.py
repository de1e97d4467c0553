"""Webhooks: the gateways' documented signatures, and a forged one stores nothing."""

from __future__ import annotations

import json

import pytest
from django.apps import apps

from juntos.channels.signatures import meta_signature, twilio_signature
from juntos.channels.tests.conftest import (
    ROSA,
    VERIFY_TOKEN,
    twilio_post,
    whatsapp_payload,
    whatsapp_post,
)
from juntos.core.models import PendingMessage
from juntos.testing.outbox import outbox_last

pytestmark = pytest.mark.django_db


def test_twilio_s_published_example_signs_as_twilio_does():
    # The example of Twilio's security documentation: auth token 12345, a voice request.
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+12349013030",
        "Digits": "1234",
        "From": "+12349013030",
        "To": "+18005551212",
    }
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert twilio_signature(url, params.items(), "12345") == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="


def test_meta_s_signature_is_the_hex_hmac_sha256_of_the_raw_body():
    # Published vector of HMAC-SHA256("secret", "test").
    assert meta_signature(b"test", "secret") == (
        "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"
    )


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.mark.parametrize("signature", ["", "forged", "0/KCTR6DLpKmkAf8muzZqo1nDgQ="])
def test_a_forged_sms_signature_gets_403_and_stores_nothing(client, signature):
    before = _row_counts()
    response = client.post(
        "/channels/twilio/sms/",
        {"From": ROSA, "Body": "ALTO"},
        **({"HTTP_X_TWILIO_SIGNATURE": signature} if signature else {}),
    )
    assert response.status_code == 403
    assert _row_counts() == before


def test_a_signature_for_other_parameters_is_refused(client):
    signature = twilio_signature(
        "http://testserver/channels/twilio/sms/", {"From": ROSA, "Body": "HELP"}.items(), "x"
    )
    response = client.post(
        "/channels/twilio/sms/", {"From": ROSA, "Body": "ALTO"}, HTTP_X_TWILIO_SIGNATURE=signature
    )
    assert response.status_code == 403


def test_with_no_secret_configured_every_webhook_is_refused(client, settings):
    settings.JUNTOS_CHANNELS_TWILIO_AUTH_TOKEN = ""
    settings.JUNTOS_CHANNELS_WHATSAPP_APP_SECRET = ""
    assert twilio_post(client, "/channels/twilio/sms/", {"From": ROSA}).status_code == 403
    body = json.dumps(whatsapp_payload("12505550142", "HELP")).encode()
    assert whatsapp_post(client, body).status_code == 403


def test_a_forged_whatsapp_body_gets_403_and_stores_nothing(client):
    before = _row_counts()
    body = json.dumps(whatsapp_payload("12505550142", "ALTO")).encode()
    for header in ("", "sha256=" + "0" * 64, meta_signature(body + b" ", "test-meta-app-secret")):
        response = client.post(
            "/channels/whatsapp/",
            body,
            content_type="application/json",
            **({"HTTP_X_HUB_SIGNATURE_256": header} if header else {}),
        )
        assert response.status_code == 403
    assert _row_counts() == before


def test_whatsapp_s_subscription_check_echoes_the_challenge_only_for_our_token(client):
    query = {
        "hub.mode": "subscribe",
        "hub.challenge": "1158201444",
        "hub.verify_token": VERIFY_TOKEN,
    }
    response = client.get("/channels/whatsapp/", query)
    assert response.status_code == 200 and response.content == b"1158201444"
    wrong = client.get("/channels/whatsapp/", {**query, "hub.verify_token": "guess"})
    assert wrong.status_code == 403


def test_a_signed_whatsapp_message_is_answered_on_whatsapp(whatsapp):
    assert whatsapp("AYUDA").status_code == 200
    assert "ESTADO" in outbox_last(ROSA, channel="whatsapp").body
    assert not PendingMessage.objects.exists()


def test_a_signed_body_that_is_not_json_is_a_400_not_a_500(client):
    assert whatsapp_post(client, b"{not json").status_code == 400
