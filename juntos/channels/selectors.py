"""Reads of the channels app: what a WhatsApp webhook carries, what the simulator shows."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from juntos.accounts.actors import Actor
from juntos.core.selectors import outbox_messages_for


def _dicts(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text_of(message: dict[str, object]) -> str:
    """The words of a text, a quick-reply button or an interactive reply; "" for media."""
    kind = message.get("type")
    part = message.get(str(kind)) if isinstance(kind, str) else None
    if not isinstance(part, dict):
        return ""
    if kind == "interactive":
        for reply in ("button_reply", "list_reply"):
            chosen = part.get(reply)
            if isinstance(chosen, dict):
                return str(chosen.get("title", ""))
        return ""
    return str(part.get("body") or part.get("text") or "")


def whatsapp_events(
    payload: object,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(sender, text) of each message and (message id, status) of each status in a webhook.

    The Cloud API's shape: entry[].changes[].value with `messages` and `statuses`. Anything
    else in the payload (profile names, contacts, metadata) is not read at all.
    """
    messages: list[tuple[str, str]] = []
    statuses: list[tuple[str, str]] = []
    entries = payload.get("entry") if isinstance(payload, dict) else None
    for entry in _dicts(entries):
        for change in _dicts(entry.get("changes")):
            value = change.get("value")
            if not isinstance(value, dict):
                continue
            for message in _dicts(value.get("messages"))[:20]:
                sender = message.get("from")
                if isinstance(sender, str):
                    messages.append((sender, _text_of(message)[:2000]))
            for status in _dicts(value.get("statuses"))[:100]:
                gateway_id, state = status.get("id"), status.get("status")
                if isinstance(gateway_id, str) and isinstance(state, str):
                    statuses.append((gateway_id, state))
    return messages, statuses


@dataclass
class VoiceTurn:
    """What a caller hears at one step, and where the next digits go."""

    said: list[str] = field(default_factory=list)
    next_state: str = ""  # the next step's query string, "" when the call ends
    ended: bool = False


def voice_turn(twiml: str) -> VoiceTurn:
    """Read a TwiML answer as a caller would hear it (for the simulator)."""
    # Our own TwiML, just written by voice.py (no entities, no DTD): not untrusted input.
    root = ET.fromstring(twiml.split("?>", 1)[-1])  # noqa: S314
    turn = VoiceTurn()
    for element in root.iter():
        if element.tag == "Say" and element.text:
            turn.said.append(element.text)
        elif element.tag == "Play" and element.text:
            turn.said.append(f"♪ {element.text}")
        elif element.tag == "Gather" and not turn.next_state:
            turn.next_state = urlsplit(element.get("action", "")).query
        elif element.tag == "Hangup":
            turn.ended = True
    return turn


def voice_state(query: str) -> dict[str, str]:
    return {key: value for key, value in parse_qsl(query) if key in ("step", "lang", "wrong")}


def outbox_since(user: Actor, recipient: str, after_id: int) -> list[tuple[str, str]]:
    """(channel, body) of what the outbox recorded for this number after row `after_id`."""
    rows = outbox_messages_for(user).filter(pk__gt=after_id).order_by("pk")
    return [(row.channel, row.body) for row in rows if row.recipient == recipient]


@dataclass
class SimulatorReplies:
    number: str
    after: int
    replies: list[tuple[str, str]]  # (channel, body)


def simulator_replies(user: Actor, query: Mapping[str, str]) -> SimulatorReplies | None:
    """What the outbox recorded for a fictional number after a row (from the page's query)."""
    from juntos.channels.forms import FICTIONAL_NUMBER

    number, after = query.get("number", ""), query.get("after", "")
    if not FICTIONAL_NUMBER.match(number) or not re.fullmatch(r"[0-9]{1,18}", after):
        return None
    return SimulatorReplies(number, int(after), outbox_since(user, number, int(after)))


def outbox_last_id(user: Actor) -> int:
    last = outbox_messages_for(user).order_by("-pk").values_list("pk", flat=True).first()
    return last or 0
