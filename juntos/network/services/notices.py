"""Telling electors about a plenary vote: when it opens, and when its voting day nears.

Each elector hears in their own language, on their own channel. A reminder goes once per vote,
the day before voting ends, to electors who have not voted yet and gave no proxy.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from juntos.accounts.actors import SignedIn
from juntos.core.services import audit_record, notify_person
from juntos.network.choices import VoteStatus
from juntos.network.models import NetworkMember, Vote
from juntos.network.services._common import site_link

REMIND_DAYS_BEFORE = 1
NOTICE_KINDS = ("opened", "closing")


def vote_notices_queue(*, vote: Vote, kind: str) -> None:
    """Queue one notice per elector once the transaction commits."""
    if kind not in NOTICE_KINDS:
        raise ValueError(kind)
    transaction.on_commit(lambda: send_vote_notices.enqueue(vote_id=vote.pk, kind=kind))


def _recipients(vote: Vote, kind: str) -> list[NetworkMember]:
    electors = NetworkMember.objects.filter(
        pk__in=vote.electors.values("member"), is_active=True, user__is_active=True
    ).select_related("user")
    if kind == "closing":
        electors = electors.exclude(pk__in=vote.participations.values("voter")).exclude(
            pk__in=vote.proxies.values("grantor")
        )
    return list(electors.order_by("pk"))


def vote_notices_deliver(*, vote_id: int, kind: str) -> int:
    """Send the notice of a vote to each elector concerned; returns how many were sent."""
    vote = Vote.objects.select_related("recommendation").get(pk=vote_id)
    if vote.status != VoteStatus.OPEN:
        return 0
    sent = 0
    for member in _recipients(vote, kind):
        user = member.user

        def render(user: SignedIn = user) -> tuple[str, str]:
            context = {
                "vote": vote,
                "kind": kind,
                "link": site_link("network:vote", user.preferred_language, vote_id=vote.pk),
            }
            subject = render_to_string("network/vote_notice_subject.txt", context).strip()
            return subject, render_to_string("network/vote_notice.txt", context).strip()

        if notify_person(user, render):
            sent += 1
    return sent


def vote_reminders_queue(*, today: dt.date | None = None) -> list[int]:
    """Mark and queue the reminders of votes whose voting ends within a day (periodic job)."""
    today = today or timezone.localdate()
    queued = []
    with transaction.atomic():
        due = Vote.objects.select_for_update().filter(
            status=VoteStatus.OPEN,
            reminder_sent=False,
            closes_on__isnull=False,
            closes_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
        )
        for vote in due:
            vote.reminder_sent = True
            vote.save(update_fields=["reminder_sent"])
            audit_record(actor=None, action="network.vote_reminder_queue", target=vote)
            vote_notices_queue(vote=vote, kind="closing")
            queued.append(vote.pk)
    return queued


# Defined beside the work they run, so that this module and juntos.network.tasks do not import
# each other; juntos.network.tasks names them for the worker and the periodic scheduler.
@task()
def send_vote_notices(*, vote_id: int, kind: str) -> int:
    """A vote opened, or its voting day nears: each elector concerned is told."""
    return vote_notices_deliver(vote_id=vote_id, kind=kind)


@task()
def send_vote_reminders() -> int:
    """Periodic: queue the reminders of votes whose voting ends within a day."""
    return len(vote_reminders_queue())
