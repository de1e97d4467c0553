"""Subscribing to change alerts: with an account, or with only a number or email address.

Anonymous subscriptions keep no IP, device or time finer than a day: their views run inside
`anonymous_flow`, their rows have random keys and dates only, their audit entries are anonymous.
"""

from __future__ import annotations

import datetime as dt
import secrets

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor
from juntos.core.crypto import keyed_hash
from juntos.core.jurisdictions import Program, Province
from juntos.core.ratelimit import rate_hit, rate_limited, rate_reset
from juntos.core.services import audit_record, fact_record, notify
from juntos.rights.choices import AlertChannel, Frequency, Topic
from juntos.rights.models import Subscription
from juntos.rights.selectors import LINK_SALT, subscription_token

CODE_LIMIT_PER_HOUR = 5
WRONG_CODE_LIMIT = 5
INVALID_PHONE = _(
    "This does not look like a mobile number. Include the country code if it is not Canadian, "
    "for example +52 55 1234 5678."
)
INVALID_EMAIL = _("This does not look like an email address, for example ana@example.org.")
TOO_MANY = _("Too many codes were sent to this address. Wait an hour and try again.")
WRONG_CODE = _("This code is not right. Check the message we sent and try again.")
CODE_LOCKED = _("Too many wrong codes. Wait an hour, or subscribe again to get a new code.")


def normalise_address(channel: str, address: str) -> str:
    """The address in the form we send to, or a translated ValidationError keyed 'address'."""
    address = address.strip()
    if channel == AlertChannel.EMAIL:
        try:
            validate_email(address)
        except ValidationError as exc:
            raise ValidationError({"address": INVALID_EMAIL}) from exc
        return address.lower()
    try:
        number = phonenumbers.parse(address, "CA")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError({"address": INVALID_PHONE}) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError({"address": INVALID_PHONE})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _check_choices(province: str, programs: list[str], topics: list[str], language: str) -> None:
    errors: dict[str, str | Promise] = {}
    if province not in Province.values:
        errors["province"] = _("Choose your province from the list.")
    if set(programs) - set(Program.values):
        errors["programs"] = _("Choose programs from the list.")
    if set(topics) - set(Topic.values):
        errors["topics"] = _("Choose topics from the list.")
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose a language from the list.")
    if errors:
        raise ValidationError(errors)


def subscription_create(
    *,
    actor: Actor | None,
    channel: str,
    address: str,
    province: str,
    programs: list[str],
    topics: list[str],
    language: str,
    frequency: str = Frequency.IMMEDIATE,
    address_proven: bool = False,
) -> Subscription:
    """Subscribe; to the account's own address at once, to any other after a code.

    `address_proven`: the request came from the address itself through a signed gateway
    webhook (an SMS or WhatsApp "ALERTS ON"), which proves it as the code would.
    """
    if channel not in AlertChannel.values:
        raise ValidationError({"channel": _("Choose how we should send alerts.")})
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Choose how often.")})
    _check_choices(province, programs, topics, language)
    person = actor if actor is not None and actor.is_authenticated else None
    address = normalise_address(channel, address)
    # An address already proven by the account needs no code; any other address does.
    proven = address_proven or (
        person is not None and address in {(person.email or "").lower(), person.phone or ""}
    )
    if not proven and rate_limited("rights-code", address, limit=CODE_LIMIT_PER_HOUR):
        raise ValidationError({"address": TOO_MANY})
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        subscription = Subscription(
            user=person,
            channel=channel,
            province=province,
            programs=",".join(dict.fromkeys(programs)),
            topics=",".join(dict.fromkeys(topics)),
            language=language,
            frequency=frequency,
            code_hash="" if proven else keyed_hash("rights-subscription", code),
            confirmed=proven,
            created_on=timezone.localdate(),
        )
        subscription.address = address  # sealed by the model
        subscription.save(force_insert=True)
        audit_record(
            actor=person,
            action="rights.subscription_created",
            target=subscription,
            details={"channel": channel, "province": province},
            anonymous=person is None,
        )
        if proven:
            _record_facts(subscription)
        else:
            rate_hit("rights-code", address, window_seconds=3600)
            _send_code(subscription, code)
    return subscription


def _send_code(subscription: Subscription, code: str) -> None:
    with translation.override(subscription.language):
        link = settings.SITE_URL + reverse(
            "rights:confirm_link",
            kwargs={"token": subscription_token(subscription, LINK_SALT)},
        )
        body = gettext(
            "Juntos: your code is %(code)s. Type it on the page, or open %(link)s to confirm "
            "your rights alerts."
        ) % {"code": code, "link": link}
        subject = gettext("Confirm your rights alerts")
    notify(
        channel=subscription.channel,
        recipient=subscription.address,
        body=body,
        subject=subject,
        language=subscription.language,
    )


def subscription_confirm(*, subscription: Subscription, code: str) -> Subscription:
    """Confirm an anonymous subscription with the code we sent; idempotent once confirmed."""
    if subscription.confirmed:
        return subscription
    key = str(subscription.pk)
    if rate_limited("rights-wrong-code", key, limit=WRONG_CODE_LIMIT):
        raise ValidationError({"code": CODE_LOCKED})
    digits = "".join(ch for ch in code if ch.isdigit())
    if not digits or not secrets.compare_digest(
        keyed_hash("rights-subscription", digits), subscription.code_hash
    ):
        rate_hit("rights-wrong-code", key, window_seconds=3600)
        raise ValidationError({"code": WRONG_CODE})
    with transaction.atomic():
        subscription.confirmed = True
        subscription.code_hash = ""
        subscription.save(update_fields=["confirmed", "code_hash"])
        audit_record(
            actor=None,
            action="rights.subscription_confirmed",
            target=subscription,
            anonymous=True,
        )
        _record_facts(subscription)
    rate_reset("rights-wrong-code", key)
    return subscription


def subscription_confirm_by_link(*, subscription: Subscription) -> Subscription:
    """The link in the message proves the address as the code does."""
    if subscription.confirmed:
        return subscription
    with transaction.atomic():
        subscription.confirmed = True
        subscription.code_hash = ""
        subscription.save(update_fields=["confirmed", "code_hash"])
        audit_record(
            actor=None,
            action="rights.subscription_confirmed",
            target=subscription,
            anonymous=True,
        )
        _record_facts(subscription)
    return subscription


def _record_facts(subscription: Subscription) -> None:
    for program in subscription.program_codes or [""]:
        fact_record(
            kind="rights.subscription",
            province=subscription.province,
            program=program,
            language=subscription.language,
        )


def subscription_unsubscribe(*, subscription: Subscription) -> Subscription:
    """Stop alerts and forget the address; the signed link in each alert is the proof."""
    if not subscription.active:
        return subscription
    with transaction.atomic():
        subscription.active = False
        # The address was kept only to send alerts; with no more alerts it is not kept at all.
        subscription.address = ""
        subscription.code_hash = ""
        subscription.save(update_fields=["active", "sealed_address", "code_hash"])
        audit_record(
            actor=None,
            action="rights.subscription_ended",
            target=subscription,
            anonymous=subscription.user_id is None,
        )
        fact_record(
            kind="rights.unsubscribed",
            province=subscription.province,
            language=subscription.language,
        )
    return subscription


UNCONFIRMED_DAYS = 7


def subscriptions_purge_unconfirmed(*, today: dt.date | None = None) -> int:
    """Delete subscriptions never confirmed within a week: their address was never proven."""
    cutoff = (today or timezone.localdate()) - dt.timedelta(days=UNCONFIRMED_DAYS)
    with transaction.atomic():
        stale = Subscription.objects.filter(confirmed=False, created_on__lt=cutoff)
        count = stale.count()
        stale.delete()
        if count:
            audit_record(
                actor=None,
                action="rights.unconfirmed_subscriptions_purged",
                details={"count": count},
            )
    return count
