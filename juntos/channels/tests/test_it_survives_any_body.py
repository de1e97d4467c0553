"""No input gives a 500: random bodies, signed and unsigned, at every webhook."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juntos.channels.tests.conftest import twilio_post, whatsapp_post

pytestmark = pytest.mark.django_db

# 300 in the suite; JUNTOS_HYPOTHESIS_EXAMPLES=10000 for a long run by hand.
EXAMPLES = int(os.environ.get("JUNTOS_HYPOTHESIS_EXAMPLES", "300"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(["entry", "changes", "value", "messages", "statuses", "from", "id",
                         "status", "type", "text", "body", "interactive", "button_reply",
                         "title", "button"]) | st.text(max_size=8),
        children,
        max_size=5,
    ),
    max_leaves=25,
)  # fmt: skip
# Any value a form can carry (no lone surrogates: they cannot be encoded); names are Twilio's or
# any letters and digits (a name with spaces is not something a gateway sends).
form_fields = st.dictionaries(
    st.sampled_from(["From", "Body", "To", "Digits", "MessageSid", "MessageStatus", "CallSid"])
    | st.from_regex(r"[A-Za-z0-9]{1,10}", fullmatch=True),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200),
    max_size=6,
)

QUERIES = ["", "?step=menu&lang=es&wrong=1", "?step=code&lang=fr", "?step=zz&lang=xx&wrong=-4",
           "?step=topics&lang=en&wrong=abc", "?step=language&lang=&wrong=2"]  # fmt: skip


@SETTINGS
@given(payload=json_values)
def test_signed_random_json_never_gives_a_500(client, payload):
    response = whatsapp_post(client, json.dumps(payload).encode())
    assert response.status_code in (200, 400)


@SETTINGS
@given(body=st.binary(max_size=300))
def test_signed_random_bytes_never_give_a_500(client, body):
    assert whatsapp_post(client, body).status_code in (200, 400)


@SETTINGS
@given(
    fields=form_fields,
    path=st.sampled_from(["sms", "status", "voice"]),
    query=st.sampled_from(QUERIES),
)
def test_signed_random_twilio_posts_never_give_a_500(client, fields, path, query):
    response = twilio_post(client, f"/channels/twilio/{path}/{query}", fields)
    assert response.status_code in (200, 204)


@SETTINGS
@given(body=st.binary(max_size=300), signature=st.text(max_size=60))
def test_unsigned_random_posts_are_refused_not_crashed(client, body, signature):
    for path in ("/channels/whatsapp/", "/channels/twilio/sms/", "/channels/twilio/voice/"):
        response = client.post(
            path,
            body,
            content_type="application/octet-stream",
            HTTP_X_HUB_SIGNATURE_256=signature,
            HTTP_X_TWILIO_SIGNATURE=signature,
        )
        assert response.status_code == 403
