"""Every write of the inbound channels: answering a text, STOP, delivery reports.

A text is read, answered and forgotten: the reply is queued sealed through core's `notify`
(its task carries only the sealed row's id), the text itself is never stored or logged, and
nothing written pairs the number with a report. See docs/channels.md.
"""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import nullcontext
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from juntos.accounts.actors import SignedIn
from juntos.channels import replies, selectors
from juntos.channels.choices import Channel, DeliveryStatus
from juntos.channels.keywords import (
    LANGUAGE_WORDS,
    OFF_WORDS,
    ON_WORDS,
    Command,
    Kind,
    parse,
    program_from,
    province_from,
)
from juntos.channels.models import Correspondent, Delivery, OptOut
from juntos.channels.numbers import normalise_number, number_hash, province_guess
from juntos.channels.policies import can_use_simulator
from juntos.channels.selectors import VoiceTurn
from juntos.channels.topics import topic_from
from juntos.channels.voice import step_from, voice_answer
from juntos.core import crypto
from juntos.core.compiled import CompiledLookup
from juntos.core.segments import sms_fit
from juntos.core.services import Message, audit_record, notify
from juntos.core.tally import tally_fact
from juntos.reports import services as reports_services
from juntos.rights import selectors as rights_selectors
from juntos.rights import services as rights_services

logger = logging.getLogger(__name__)

TEXT_CHANNELS = (Channel.SMS, Channel.WHATSAPP)
DEFAULT_LANGUAGE = "en"
# Commands whose answer is only read (a report's stage, an article, the menu): on SMS the reply
# is their one write, so they run outside a transaction and the reply's row is stored by one
# statement. On SQLite the write lock, shared by every process, is then held only while that
# row is written, not while a report is opened and the reply put into words (under load the
# other workers waited for it, which made the webhook's slow tail).
ANSWERED_BY_READING = frozenset({Kind.STATUS, Kind.MESSAGES, Kind.RIGHTS, Kind.HELP, Kind.UNKNOWN})
# Commands whose answer owes nothing to what we know of the number once their keyword has said
# the language (the menu, a report's stage by its code): the number's record is not read.
ANSWERED_FROM_THE_TEXT = frozenset({Kind.STATUS, Kind.MESSAGES, Kind.HELP})


def _correspondent(number: str) -> Correspondent | None:
    return Correspondent.objects.filter(number_hash=number_hash(number)).first()


# Read for every message that comes in: its SQL compiled once per connection.
_opt_outs = CompiledLookup(
    OptOut, "number_hash", lambda value: OptOut.objects.filter(number_hash=value).only("pk")
)


def _opted_out(number: str) -> bool:
    return bool(_opt_outs(number_hash(number)))


def _record_needed(channel: str, command: Command) -> bool:
    """Whether the answer depends on the number's record (its language, province, window)."""
    return (
        channel == Channel.WHATSAPP
        or not command.language
        or command.kind not in ANSWERED_FROM_THE_TEXT
    )


def inbound_message_handle(*, channel: str, sender: str, text: str) -> Kind | None:
    """Answer one SMS or WhatsApp message; the kind of command it was (None: not answered).

    The reply is queued, not sent here: a worker's task delivers it. A number that sent STOP
    gets no answer to anything but START. Unknown text gets the help menu, never its own words.
    """
    if channel not in TEXT_CHANNELS:
        raise ValueError(f"not a text channel: {channel!r}")
    number = normalise_number(sender)
    if not number:
        return None
    command = parse(text)
    if _opted_out(number) and command.kind is not Kind.START:
        return None
    writes = channel == Channel.WHATSAPP or command.kind not in ANSWERED_BY_READING
    with transaction.atomic() if writes else nullcontext():
        known = _correspondent(number) if _record_needed(channel, command) else None
        if channel == Channel.WHATSAPP:
            known = _window_open(number, known)
        language = command.language or (known.language if known else "") or DEFAULT_LANGUAGE
        with translation.override(language):
            body, final = _answer(channel, number, command, known, language)
            if body:
                if channel == Channel.SMS:
                    body = sms_fit(body, fallback_link=settings.SITE_URL)
                notify(channel=channel, recipient=number, body=body, final=final, language=language)
    # Counted in the process and written every few seconds (core/tally.py): one write less for
    # every message in a burst.
    tally_fact(kind="channels.message", category=channel, language=language)
    return command.kind


def _window_open(number: str, known: Correspondent | None) -> Correspondent:
    """A WhatsApp message opens 24 hours of free text (counted from the hour, never longer)."""
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    known = known or Correspondent(number_hash=number_hash(number))
    known.whatsapp_window_until = hour + dt.timedelta(hours=24)
    known.save()
    return known


def _remember(number: str, known: Correspondent | None, **changes: object) -> Correspondent:
    known = known or Correspondent(number_hash=number_hash(number))
    for name, value in changes.items():
        setattr(known, name, value)
    known.save()
    return known


def _answer(
    channel: str, number: str, command: Command, known: Correspondent | None, language: str
) -> tuple[str, bool]:
    """(reply, whether it is an opt-out's confirmation) in the current language."""
    kind, argument = command.kind, command.argument
    if kind is Kind.STATUS:
        return _status(argument, with_messages=False), False
    if kind is Kind.MESSAGES:
        return _status(argument, with_messages=True), False
    if kind is Kind.RIGHTS:
        return _rights(number, known, argument, language), False
    if kind is Kind.ALERTS:
        return _alerts(channel, number, known, argument, language), False
    if kind is Kind.STOP:
        return _stop(number, known), True
    if kind is Kind.START:
        return _start(number), False
    if kind is Kind.PROVINCE:
        return _set_province(number, known, argument, language), False
    if kind is Kind.PROGRAM:
        return _set_program(number, known, argument, language), False
    if kind is Kind.LANGUAGE:
        return _set_language(number, known, argument), False
    return replies.help_menu(known_language=bool(command.language or known)), False


def _status(argument: str, *, with_messages: bool) -> str:
    """Stage by receipt code: the web's own service, so the same throttling applies."""
    code = argument.replace(" ", "")
    if not code:
        return replies.status_how()
    try:
        opened = reports_services.receipt_open(code=code)
    except reports_services.ReceiptRejected as exc:
        return _("Juntos: %(reason)s") % {"reason": str(exc)}
    return replies.status_of(opened, with_messages=with_messages)


def _where(number: str, known: Correspondent | None) -> tuple[str, bool]:
    """(province, guessed): what the number told us, else what its area code suggests."""
    if known and known.province:
        return known.province, known.province_guessed
    guess = province_guess(number)
    return guess, bool(guess)


def _rights(number: str, known: Correspondent | None, argument: str, language: str) -> str:
    province, guessed = _where(number, known)
    if not province:
        return replies.ask_province()
    topic = topic_from(argument)
    if not topic:
        return replies.topics_menu()
    program = known.program if known else ""
    found = rights_selectors.topic_answer(
        topic=topic, province=province, program=program, language=language
    )
    if found is None:
        return replies.no_answer(province)
    link = settings.SITE_URL + reverse("rights:article", kwargs={"slug": found.card.slug})
    return replies.rights_answer(
        found, link=link, province=province, guessed=guessed, program_known=bool(program)
    )


def _alerts(
    channel: str, number: str, known: Correspondent | None, argument: str, language: str
) -> str:
    first = argument.split()[0] if argument.split() else ""
    if first in OFF_WORDS:
        _alerts_off(known)
        return _("Juntos: rights alerts are off for this number. Send ALERTS ON to start again.")
    if first not in ON_WORDS:
        return replies.alerts_how()
    province, guessed = _where(number, known)
    if not province:
        return replies.ask_province()
    subscribed = known.alerts_subscription_id if known else None
    if subscribed and rights_selectors.subscription_by_id(subscribed) is not None:
        return _("Juntos: rights alerts are already on for this number.")
    program = known.program if known else ""
    try:
        subscription = rights_services.subscription_create(
            actor=None,
            channel=channel,
            address=number,
            province=province,
            programs=[program] if program else [],
            topics=[],
            language=language,
            address_proven=True,  # the gateway's signed webhook says the number wrote
        )
    except ValidationError:
        return replies.alerts_refused()
    _remember(number, known, alerts_subscription_id=subscription.pk, language=language)
    return replies.alerts_on(province, guessed=guessed)


def _alerts_off(known: Correspondent | None) -> None:
    if known is None or known.alerts_subscription_id is None:
        return
    subscription = rights_selectors.subscription_by_id(known.alerts_subscription_id)
    if subscription is not None:
        rights_services.subscription_unsubscribe(subscription=subscription)
    known.alerts_subscription_id = None
    known.save(update_fields=["alerts_subscription_id"])


def _stop(number: str, known: Correspondent | None) -> str:
    """Opt out of everything at once: alerts ended, what we knew of the number forgotten."""
    _alerts_off(known)
    if known is not None:
        known.delete()
    OptOut.objects.get_or_create(
        number_hash=number_hash(number), defaults={"opted_out_on": timezone.localdate()}
    )
    audit_record(actor=None, action="channels.opted_out", anonymous=True)
    return _(
        "Juntos: you will get no more messages from us, by SMS or WhatsApp. "
        "Send START to receive them again."
    )


def _start(number: str) -> str:
    OptOut.objects.filter(number_hash=number_hash(number)).delete()
    audit_record(actor=None, action="channels.opted_in", anonymous=True)
    return _("Juntos: you can get our messages again. Send HELP for the menu.")


def _set_province(number: str, known: Correspondent | None, argument: str, language: str) -> str:
    province = province_from(argument)
    if not province:
        return replies.ask_province()
    _remember(number, known, province=province, province_guessed=False, language=language)
    return replies.province_set(province)


def _set_program(number: str, known: Correspondent | None, argument: str, language: str) -> str:
    program = program_from(argument)
    if not program:
        return replies.ask_program()
    _remember(number, known, program=program, language=language)
    return replies.program_set(program)


def _set_language(number: str, known: Correspondent | None, argument: str) -> str:
    language = LANGUAGE_WORDS.get(argument.split()[0] if argument.split() else "", "")
    if not language:
        return replies.help_menu(known_language=False)
    _remember(number, known, language=language)
    with translation.override(language):
        return _("Juntos: we will write to you in English.")


# Delivery: the hooks core calls (registered in apps.py).


def delivery_blocked(message: Message) -> bool:
    """Core asks before every delivery: has this number opted out (STOP)?"""
    if message.channel not in TEXT_CHANNELS:
        return False
    number = normalise_number(message.recipient)
    return bool(number) and _opted_out(number)


def whatsapp_template() -> tuple[str, set[str]]:
    """(template name, languages it is approved in) from JUNTOS_CHANNELS_WHATSAPP_TEMPLATE."""
    name, _colon, languages = settings.JUNTOS_CHANNELS_WHATSAPP_TEMPLATE.partition(":")
    return name.strip(), {code.strip() for code in languages.split(",") if code.strip()}


def _window_is_open(number: str) -> bool:
    known = _correspondent(number)
    until = known.whatsapp_window_until if known else None
    return until is not None and until > timezone.now()


def delivery_route(message: Message) -> Message:
    """WhatsApp's rules: free text only within 24 hours of her last message; after that only
    an approved template, and where none is approved in her language, an SMS instead."""
    if message.channel != Channel.WHATSAPP or message.template:
        return message
    number = normalise_number(message.recipient)
    if number and _window_is_open(number):
        return message
    name, languages = whatsapp_template()
    if name and message.language in languages:
        return replace(message, template=name)
    body = sms_fit(message.body, fallback_link=settings.SITE_URL)
    return replace(message, channel=Channel.SMS, body=body)


def delivery_sent(channel: str, gateway_id: str) -> None:
    """A gateway took a message and named it: remember the name, hashed, to follow its status."""
    if channel not in TEXT_CHANNELS:
        return
    Delivery.objects.get_or_create(
        gateway_hash=crypto.keyed_hash("channel-delivery", gateway_id),
        defaults={"channel": channel, "updated_on": timezone.localdate()},
    )


STATUS_WORDS = {
    # Twilio's MessageStatus and Meta's statuses[].status, to ours; "queued", "sending" and
    # "accepted" are steps before "sent" and change nothing.
    "sent": DeliveryStatus.SENT,
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.READ,
    "failed": DeliveryStatus.FAILED,
    "undelivered": DeliveryStatus.UNDELIVERED,
}


def delivery_status_update(*, gateway_id: str, status: str) -> bool:
    """A gateway's delivery report; True if it named a message we sent and the status is known."""
    ours = STATUS_WORDS.get(status.strip().lower())
    if ours is None or not gateway_id:
        return False
    updated = Delivery.objects.filter(
        gateway_hash=crypto.keyed_hash("channel-delivery", gateway_id[:100])
    ).update(status=ours, updated_on=timezone.localdate())
    if updated and ours in (DeliveryStatus.FAILED, DeliveryStatus.UNDELIVERED):
        logger.warning("a gateway reports a message as %s", ours)
    return bool(updated)


# The staff simulator (no provider needed): one inbound step through the real flow.


@dataclass
class SimulatedStep:
    channel: str
    after: int = 0  # replies are the outbox's rows after this one, to this number
    voice: VoiceTurn | None = None


def simulator_step(
    *,
    actor: SignedIn,
    channel: str,
    number: str,
    text: str = "",
    digits: str = "",
    voice_state: str = "",
) -> SimulatedStep:
    """Play one step as the gateway would post it. A voice step answers at once; a text's reply
    is queued like any other and read back from the outbox once the worker sent it."""
    if not can_use_simulator(actor):
        raise PermissionDenied
    if channel == Channel.VOICE:
        step = step_from(selectors.voice_state(voice_state))
        turn = selectors.voice_turn(voice_answer(step, digits))
        return SimulatedStep(channel=channel, voice=turn)
    before = selectors.outbox_last_id(actor)
    with transaction.atomic():
        inbound_message_handle(channel=channel, sender=number, text=text)
        audit_record(actor=actor, action="channels.simulated", details={"channel": channel})
    return SimulatedStep(channel=channel, after=before)
