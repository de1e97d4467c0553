"""Sign-up that proves the number, and password reset, by a short code sent to the person.

Neither flow says whether an account exists. Signing up with a number or email that already
has an account creates nothing and answers exactly as a new sign-up does ("we sent a code");
the owner is told by a message to that number or address instead. A reset request answers the
same whether or not anyone has that number or email. Codes are six digits, stored only as a
keyed hash, live 15 minutes, work once, and die after five wrong tries; sending and guessing
are throttled per destination, account and client (`core.ratelimit`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from juntos.accounts.choices import Channel, Sector
from juntos.accounts.models import AccountCode, User
from juntos.accounts.phones import looks_like_email, normalise_phone
from juntos.accounts.services import contact_check_channel
from juntos.core.crypto import keyed_hash
from juntos.core.ratelimit import rate_hit, rate_limited, rate_reset
from juntos.core.services import audit_record, notify

CODE_MINUTES = 15
WRONG_CODES_PER_TICKET = 5
SENDS_PER_DESTINATION_PER_HOUR = 3
SENDS_PER_CLIENT_PER_HOUR = 20
HOUR = 60 * 60

TOO_MANY_SENT = _(
    "We already sent several codes to this number or address. Wait an hour and try again."
)
WRONG_CODE = _("This code is not right or has expired. Check the newest message we sent.")
TOO_MANY_WRONG = _("Too many wrong codes. Start again to get a new code.")


@dataclass(frozen=True)
class Ticket:
    """What the browser keeps between asking for a code and typing it (in its session)."""

    token: str
    user_id: int | None  # None when nothing may be opened with it: the answer looks the same


def _destination(*, phone: str, email: str) -> tuple[str, str]:
    return (Channel.SMS, phone) if phone else (Channel.EMAIL, email)


def _send_allowed(destination: str, client: str) -> bool:
    if rate_limited("code-destination", destination, limit=SENDS_PER_DESTINATION_PER_HOUR):
        return False
    return not (client and rate_limited("code-client", client, limit=SENDS_PER_CLIENT_PER_HOUR))


def _count_send(destination: str, client: str) -> None:
    rate_hit("code-destination", destination, window_seconds=HOUR)
    if client:
        rate_hit("code-client", client, window_seconds=HOUR)


def _code_hash(user_id: int, purpose: str, code: str) -> str:
    return keyed_hash(f"accounts-code:{purpose}:{user_id}", code)


def _issue(user: User, purpose: str, channel: str) -> str:
    """Store a fresh code (replacing any earlier one) and return it to be sent."""
    code = f"{secrets.randbelow(10**6):06d}"
    AccountCode.objects.update_or_create(
        user=user,
        purpose=purpose,
        defaults={
            "channel": channel,
            "code_hash": _code_hash(user.pk, purpose, code),
            "expires_at": timezone.now() + dt.timedelta(minutes=CODE_MINUTES),
        },
    )
    return code


def _link(name: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name)


def _send_code(*, channel: str, to: str, language: str, code: str, purpose: str) -> None:
    with translation.override(language):
        if purpose == AccountCode.Purpose.SIGNUP:
            subject = gettext("Your Juntos code")
            body = gettext(
                "Juntos: your code to finish signing up is %(code)s. It works for %(minutes)s "
                "minutes. If you did not sign up, ignore this message."
            )
        else:
            subject = gettext("Your Juntos password reset code")
            body = gettext(
                "Juntos: your code to choose a new password is %(code)s. It works for "
                "%(minutes)s minutes. If you did not ask for it, ignore this message: your "
                "password stays as it is."
            )
        body = body % {"code": code, "minutes": CODE_MINUTES}
    notify(channel=channel, recipient=to, subject=subject, body=body)


def _tell_owner(*, channel: str, to: str, language: str) -> None:
    """The number or address already has an account: tell its owner, not the person asking."""
    login, reset = _link("accounts:login", language), _link("accounts:password_reset", language)
    with translation.override(language):
        subject = gettext("Someone tried to sign up with your details")
        body = gettext(
            "Juntos: someone tried to create an account with this number or address, which "
            "already has one. If it was you, log in at %(login)s or choose a new password at "
            "%(reset)s. If it was not you, you can ignore this message."
        ) % {"login": login, "reset": reset}
    notify(channel=channel, recipient=to, subject=subject, body=body)


def _active_holders(phone: str, email: str) -> list[User]:
    match = Q(pk__in=[])
    if phone:
        match |= Q(phone=phone)
    if email:
        match |= Q(email__iexact=email)
    return list(User.objects.filter(match, is_active=True))


def _drop_unproven(phone: str, email: str) -> None:
    """A sign-up never proven holds nothing: whoever proves the number or address gets it."""
    match = Q(pk__in=[])
    if phone:
        match |= Q(phone=phone)
    if email:
        match |= Q(email__iexact=email)
    User.objects.filter(match, signup_pending=True).delete()


def signup_start(
    *,
    display_name: str,
    password: str,
    phone: str,
    email: str,
    language: str,
    channel: str,
    province: str,
    client: str,
) -> Ticket:
    """Begin a self sign-up: send a code to the number (or the email if there is no number).

    Answers alike whether or not the number or email is taken. Raises ValidationError only for
    what does not depend on other people's accounts (too many codes sent to this destination).
    """
    phone = normalise_phone(phone) if phone.strip() else ""
    email = email.strip().lower()
    contact_check_channel(email=email, phone=phone, channel=channel)
    code_channel, destination = _destination(phone=phone, email=email)
    if not _send_allowed(destination, client):
        raise ValidationError({"phone" if phone else "email": TOO_MANY_SENT})
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        _count_send(destination, client)
        holders = _active_holders(phone, email)
        if holders:
            User().set_password(password)  # spend the time a new account would
            for holder in holders:
                to = phone if phone and holder.phone == phone else (holder.email or "")
                _tell_owner(
                    channel=Channel.SMS if to == phone else Channel.EMAIL,
                    to=to,
                    language=holder.preferred_language,
                )
            return Ticket(token=token, user_id=None)
        _drop_unproven(phone, email)
        user = User.objects.create_user(
            email=email or None,
            password=password,
            phone=phone or None,
            display_name=display_name.strip(),
            preferred_language=language,
            preferred_channel=channel,
            sector=Sector.MIGRANT_WORKER,
            province=province,
            is_active=False,
            signup_pending=True,
        )
        audit_record(
            actor=user,
            action="accounts.person_created",
            target=user,
            details={"self_signup": True},
        )
        code = _issue(user, AccountCode.Purpose.SIGNUP, code_channel)
        _send_code(
            channel=code_channel,
            to=destination,
            language=language,
            code=code,
            purpose=AccountCode.Purpose.SIGNUP,
        )
    return Ticket(token=token, user_id=user.pk)


def _check_code(ticket: Ticket, purpose: str, code: str) -> AccountCode:
    """The live code this ticket's person was sent, if `code` is it; else a translated error."""
    scope = f"code-wrong-{purpose}"
    if rate_limited(scope, ticket.token, limit=WRONG_CODES_PER_TICKET):
        raise ValidationError({"code": TOO_MANY_WRONG})
    digits = "".join(ch for ch in code if ch.isdigit())
    stored = (
        AccountCode.objects.select_related("user")
        .filter(user_id=ticket.user_id, purpose=purpose, expires_at__gt=timezone.now())
        .first()
        if ticket.user_id
        else None
    )
    expected = stored.code_hash if stored else keyed_hash("accounts-code:none", "-")
    given = _code_hash(ticket.user_id or 0, purpose, digits)
    if stored is None or not secrets.compare_digest(given, expected):
        tries = rate_hit(scope, ticket.token, window_seconds=HOUR)
        if tries >= WRONG_CODES_PER_TICKET and ticket.user_id:  # this code is spent
            AccountCode.objects.filter(user_id=ticket.user_id, purpose=purpose).delete()
        raise ValidationError({"code": WRONG_CODE})
    return stored


def signup_verify(*, ticket: Ticket, code: str) -> User:
    """Finish a sign-up with the code that was sent: the account opens, the number is proven."""
    stored = _check_code(ticket, AccountCode.Purpose.SIGNUP, code)
    user = stored.user
    with transaction.atomic():
        user.is_active, user.signup_pending = True, False
        user.phone_verified = user.phone_verified or stored.channel == Channel.SMS
        user.save(update_fields=["is_active", "signup_pending", "phone_verified"])
        stored.delete()
        audit_record(
            actor=user,
            action="accounts.contact_verified",
            target=user,
            details={"channel": stored.channel},
        )
    rate_reset(f"code-wrong-{AccountCode.Purpose.SIGNUP}", ticket.token)
    return user


def _find(identifier: str) -> tuple[str, str, User | None]:
    """(channel, destination, active account) for what a person typed to reset."""
    identifier = identifier.strip()
    if looks_like_email(identifier):
        email = identifier.lower()
        return Channel.EMAIL, email, User.objects.filter(email__iexact=email).first()
    try:
        phone = normalise_phone(identifier)
    except ValidationError as exc:
        raise ValidationError({"identifier": exc.messages}) from exc
    return Channel.SMS, phone, User.objects.filter(phone=phone).first()


def password_reset_request(*, identifier: str, client: str) -> Ticket:
    """Send a reset code to this number or email if an account has it; the answer is alike."""
    channel, destination, user = _find(identifier)
    field = "identifier"
    if not _send_allowed(destination, client):
        raise ValidationError({field: TOO_MANY_SENT})
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        _count_send(destination, client)
        if user is None or not (user.is_active or user.signup_pending):
            return Ticket(token=token, user_id=None)  # a deactivated account stays closed
        code = _issue(user, AccountCode.Purpose.RESET, channel)
        _send_code(
            channel=channel,
            to=destination,
            language=user.preferred_language,
            code=code,
            purpose=AccountCode.Purpose.RESET,
        )
        audit_record(
            actor=None,
            action="accounts.password_reset_requested",
            target=user,
            details={"channel": channel},
        )
    return Ticket(token=token, user_id=user.pk)


def password_reset_confirm(*, ticket: Ticket, code: str, password: str) -> User:
    """Set a new password with the code that was sent; a code by SMS also proves the number."""
    stored = _check_code(ticket, AccountCode.Purpose.RESET, code)
    user = stored.user
    with transaction.atomic():
        user.set_password(password)
        if user.signup_pending:  # the code proves the number or address, as at sign-up
            user.is_active, user.signup_pending = True, False
        user.phone_verified = user.phone_verified or stored.channel == Channel.SMS
        user.save(update_fields=["password", "is_active", "signup_pending", "phone_verified"])
        AccountCode.objects.filter(user=user).delete()
        audit_record(
            actor=user,
            action="accounts.password_reset",
            target=user,
            details={"channel": stored.channel},
        )
    rate_reset(f"code-wrong-{AccountCode.Purpose.RESET}", ticket.token)
    return user


def account_codes_purge() -> dict[str, int]:
    """Daily: delete expired codes, and sign-ups never finished a day after they began."""
    now = timezone.now()
    unfinished = User.objects.filter(
        signup_pending=True, date_joined__lt=now - dt.timedelta(days=1)
    )
    users = unfinished.delete()[1].get("accounts.User", 0)
    codes = AccountCode.objects.filter(expires_at__lte=now).delete()[0]
    return {"unfinished_signups": users, "codes": codes}
