"""Take one email on stdin (Postfix `pipe`, `.forward`) and post it as an answer in the network's
discussion, as the member its reply+<token>@JUNTOS_REPLY_DOMAIN address names.

The exit status is a sysexits code the mail server understands: EX_OK (posted, or dropped on
purpose: an automatic reply or a second delivery), EX_DATAERR (no email, too large, no text,
text the comment form would refuse: bounced), EX_NOPERM (no valid token, or she may not answer
there: bounced), EX_TEMPFAIL (the database failed: the server tries again later). One line on
stderr says why, in the member's language once the token names her; a bounce carries it.
"""

from __future__ import annotations

import email
import email.policy
import io
import os
import sys
from email.message import EmailMessage
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.forms.utils import ErrorDict
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from juntos.network.forms import ReplyForm
from juntos.network.inbound_email import answer_text, answer_token, is_automatic, message_key
from juntos.network.reply_tokens import ReplyTokenError, reply_token_read
from juntos.network.services import AlreadyPosted, comment_answer_by_email
from juntos.network.services.email_answers import member_for_ticket

SIZE_LIMIT = 1024 * 1024  # bytes of the whole message, attachments included
# Given in more than one place; translated where they are raised.
EXPIRED = gettext_noop(
    "Not posted: this answer address is not valid, or its 30 days are over. Answer on the site."
)
NOT_ALLOWED = gettext_noop("Not posted: you can no longer take part in this discussion.")
TRY_AGAIN = gettext_noop("Not posted yet: the site could not save it; the mail server will retry.")


class Refusal(Exception):
    """The message is not posted: the exit code and the reason to give."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class Command(BaseCommand):
    help = "Post the email on stdin as an answer in the network's discussion (exit: sysexits)."
    stealth_options = ("stdin",)
    requires_system_checks: list[str] = []  # run once per message: keep it quick

    def handle(self, *args: object, **options: object) -> None:
        stream: Any = options.get("stdin") or sys.stdin
        binary: BinaryIO = getattr(stream, "buffer", stream)  # sys.stdin is text; read its bytes
        try:
            with translation.override(settings.LANGUAGE_CODE):
                posted = receive(binary)
        except Refusal as refusal:
            self.stderr.write(refusal.reason)
            if refusal.code != os.EX_OK:
                raise SystemExit(refusal.code) from None
            return
        self.stdout.write(f"posted comment {posted}")


def receive(stream: BinaryIO) -> int:
    """Read, check and post one message; the new comment's id, or Refusal."""
    message = _read(stream)
    if is_automatic(message):
        raise Refusal(os.EX_OK, _("Not posted: an automatic message (auto-reply or bounce)."))
    token = answer_token(message)
    if token is None:
        raise Refusal(os.EX_NOPERM, _("Not posted: no answer address of this site on it."))
    try:
        member = member_for_ticket(reply_token_read(token))
    except ReplyTokenError:
        raise Refusal(os.EX_NOPERM, _(EXPIRED)) from None
    except PermissionDenied:
        raise Refusal(os.EX_NOPERM, _(NOT_ALLOWED)) from None
    except DatabaseError:
        raise Refusal(os.EX_TEMPFAIL, _(TRY_AGAIN)) from None
    with translation.override(member.user.preferred_language):
        return _post(message, token)


def _read(stream: BinaryIO) -> EmailMessage:
    raw = stream.read(SIZE_LIMIT + 1)
    if len(raw) > SIZE_LIMIT:
        while stream.read(64 * 1024):  # let the mail server finish writing before we refuse
            pass
        raise Refusal(os.EX_DATAERR, _("Not posted: the email is larger than 1 MB."))
    message = email.message_from_binary_file(io.BytesIO(raw), policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise Refusal(os.EX_DATAERR, _("Not posted: this is not an email."))
    return message


def _post(message: EmailMessage, token: str) -> int:
    text = answer_text(message)
    if text is None:
        raise Refusal(os.EX_DATAERR, _("Not posted: the email has no text."))
    form = ReplyForm(data={"body": text})
    if not form.is_valid():
        raise Refusal(os.EX_DATAERR, _("Not posted: %(why)s") % {"why": _first(form.errors)})
    key = message_key(message)
    if not key:
        raise Refusal(os.EX_DATAERR, _("Not posted: the email has no Message-ID."))
    try:
        answer = comment_answer_by_email(
            token=token, message_key=key, body=form.cleaned_data["body"]
        )
    except AlreadyPosted:
        raise Refusal(os.EX_OK, _("Already posted: the same email came twice.")) from None
    except ReplyTokenError:
        raise Refusal(os.EX_NOPERM, _(EXPIRED)) from None
    except PermissionDenied:
        raise Refusal(os.EX_NOPERM, _(NOT_ALLOWED)) from None
    except ValidationError as error:
        code = os.EX_DATAERR if hasattr(error, "error_dict") else os.EX_NOPERM
        raise Refusal(code, _("Not posted: %(why)s") % {"why": " ".join(error.messages)}) from None
    except DatabaseError:
        raise Refusal(os.EX_TEMPFAIL, _(TRY_AGAIN)) from None
    return answer.pk


def _first(errors: ErrorDict) -> str:
    return " ".join(str(message) for messages in errors.values() for message in messages)
