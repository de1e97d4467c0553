"""Answers that come by email: posted as the member the token names, once per message.

The command `receive_reply` parses the message; this checks the token, who may still answer
and whether that message was already posted, then posts through the same rules as the site.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from juntos.core.crypto import keyed_hash
from juntos.network.models import Comment, EmailAnswerReceipt, NetworkMember
from juntos.network.policies import network_member_of
from juntos.network.reply_tokens import ReplyTicket, reply_token_read
from juntos.network.services.comments import comment_reply

RECEIPT_PURPOSE = "network.email-answer"


class AlreadyPosted(Exception):
    """This message (by its Message-ID) was posted before: a delivery made twice."""


def member_for_ticket(ticket: ReplyTicket) -> NetworkMember:
    """The member a valid token names, while she and her account are active."""
    member = (
        NetworkMember.objects.select_related("user")
        .filter(pk=ticket.member_id, is_active=True, user__is_active=True)
        .first()
    )
    if member is None or network_member_of(member.user) != member:
        raise PermissionDenied
    return member


def comment_answer_by_email(*, token: str, message_key: str, body: str) -> Comment:
    """Post an emailed answer under the comment its token names, as the member it names.

    Raises ReplyTokenError (altered or past its days), PermissionDenied (she may no longer
    take part or see it), ValidationError (removed or hidden comment, empty or too long text)
    and AlreadyPosted (the same Message-ID again). Nothing is written unless it is posted.
    """
    ticket = reply_token_read(token)
    member = member_for_ticket(ticket)
    parent = (
        Comment.objects.select_related("author__user", "recommendation__group", "meeting")
        .filter(pk=ticket.comment_id)
        .first()
    )
    if parent is None:
        raise PermissionDenied
    with transaction.atomic():
        try:
            with transaction.atomic():
                EmailAnswerReceipt.objects.create(
                    message_hash=keyed_hash(RECEIPT_PURPOSE, message_key)
                )
        except IntegrityError as error:
            raise AlreadyPosted from error
        return comment_reply(actor=member.user, parent=parent, body=body, by_email=True)
