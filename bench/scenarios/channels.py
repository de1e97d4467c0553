"""Channels: an inbound SMS through the signed webhook (signature, keyword, the web's own code
look-up and throttle, the reply sealed and queued), p95 at most 3x hello's; and a burst of
1,000 inbound messages in at most 60 s of which none is lost: each queued its reply, and the
task worker then sends every one."""

from __future__ import annotations

import os
from typing import Any

from bench.api import Budget, Request, Scenario
from bench.loadgen import CSRF_TOKEN

# The bench's deployment has this auth token, so the bench can sign as Twilio would.
TOKEN = "bench-twilio-auth-token"
os.environ["JUNTOS_CHANNELS_TWILIO_AUTH_TOKEN"] = TOKEN
PATH = "/channels/twilio/sms/"


def prepare() -> dict[str, Any]:
    from django.conf import settings

    from juntos.reports.services import report_submit

    submission = report_submit(
        category="wage-theft", details="Horas extra sin pagar.", language="es", province="BC"
    )
    return {"code": submission.receipt_code, "url": settings.SITE_URL + PATH}


def _sms(i: int, state: Any) -> Request:
    from juntos.channels.signatures import twilio_signature

    number = f"+1250555{100 + i % 100:04d}"  # the fictional 555-0100..0199 range
    text = f"ESTADO {state['code']}" if i % 2 else "AYUDA"
    params = {"MessageSid": f"SM{i:032d}", "From": number, "To": "+16045550199", "Body": text}
    # The load generator adds its CSRF field to every form (the webhook ignores it): signed too.
    signed = {**params, "csrfmiddlewaretoken": CSRF_TOKEN}
    signature = twilio_signature(state["url"], signed.items(), TOKEN)
    return Request(PATH, method="POST", form=params, headers={"X-Twilio-Signature": signature})


def _none_lost(outcome: Any, state: Any) -> list[str]:
    """Every accepted message queued one reply; the worker then sends them all."""
    from django.core.management import call_command

    from juntos.core.models import OutboxMessage, PendingMessage

    accepted = outcome.ok + outcome.warmup_ok
    waiting = PendingMessage.objects.count()
    before = OutboxMessage.objects.count()
    call_command("db_worker", batch=True, queue_name="*", no_startup_delay=True, verbosity=0)
    sent = OutboxMessage.objects.count() - before
    problems = []
    if waiting + state.get("sent", 0) < accepted:
        problems.append(f"{accepted} messages accepted, only {waiting} replies queued")
    if PendingMessage.objects.exists():
        problems.append(f"{PendingMessage.objects.count()} replies left unsent by the worker")
    state["sent"] = state.get("sent", 0) + sent
    return problems


SCENARIOS = [
    Scenario(
        "channels.inbound_sms",
        request=_sms,
        count=300,
        budget=Budget(max_p95_ratio=3.0),
        check=_none_lost,
    ),
    Scenario(
        "channels.burst",
        request=_sms,
        count=1000,
        max_seconds=60.0,
        concurrency=8,
        budget=Budget(max_seconds=60.0),
        check=_none_lost,
        smoke_count=20,
    ),
]
