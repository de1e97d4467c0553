"""The digest every member receives after a plenary, in her language, on her channel."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from juntos.core.services import audit_record, checkpoint_latest_summary, notify_person
from juntos.network.choices import (
    ImplementationStatus,
    MeetingStatus,
    RecommendationStatus,
    VoteStatus,
)
from juntos.network.models import Meeting, NetworkMember, Recommendation, Vote
from juntos.network.policies import is_coordinator
from juntos.network.texts import TextsInLanguage


def plenary_digest_queue(*, meeting: Meeting) -> None:
    """Queue the digest of a plenary for every member once the transaction commits."""
    audit_record(actor=None, action="network.digest_queue", target=meeting)
    transaction.on_commit(lambda: send_plenary_digest.enqueue(meeting_id=meeting.pk))


def digest_context(meeting: Meeting) -> dict[str, object]:
    """What was decided at the plenary, what is being carried out, and what comes next."""
    decided = list(
        Vote.objects.filter(meeting=meeting, status=VoteStatus.CLOSED, counted=True).select_related(
            "recommendation"
        )
    )
    implementing = list(
        Recommendation.objects.filter(status=RecommendationStatus.ADOPTED)
        .exclude(implementation_status=ImplementationStatus.DONE)
        .order_by("-decided_on", "-id")[:5]
    )
    upcoming = list(
        Meeting.objects.filter(status=MeetingStatus.SCHEDULED, starts_at__gt=meeting.starts_at)
        .select_related("group")
        .order_by("starts_at")[:3]
    )
    return {
        "meeting": meeting,
        "decided": decided,
        "implementing": implementing,
        "upcoming": upcoming,
    }


def digest_deliver(*, meeting_id: int) -> int:
    """Render the digest in each member's language and send it on her channel."""
    meeting = Meeting.objects.get(pk=meeting_id)
    context = digest_context(meeting)
    sent = 0
    members = NetworkMember.objects.filter(is_active=True, user__is_active=True).select_related(
        "user"
    )
    # The texts people wrote, read once per language for every member who reads it.
    texts: dict[str, TextsInLanguage] = {}

    # Coordinators also get the audit log's latest signed checkpoint: a copy kept outside the
    # database, against which a rewritten log can be caught later.
    checkpoint = checkpoint_latest_summary()

    def render_for(with_checkpoint: bool) -> Callable[[], tuple[str, str]]:
        def render() -> tuple[str, str]:
            language = translation.get_language() or "en"
            shown = {"_network_texts": texts.setdefault(language, TextsInLanguage(language))}
            link = settings.SITE_URL + reverse("network:decisions")
            extra = {"link": link, "checkpoint": checkpoint if with_checkpoint else ""}
            body = render_to_string("network/digest.txt", {**context, **extra, **shown}).strip()
            subject = render_to_string(
                "network/digest_subject.txt", {"meeting": meeting, **shown}
            ).strip()
            return subject, body

        return render

    for member in members:
        sent += notify_person(member.user, render_for(is_coordinator(member.user)))
    return sent


# Defined beside the work it runs, so that this module and juntos.network.tasks do not import
# each other; juntos.network.tasks names it for the worker.
@task()
def send_plenary_digest(*, meeting_id: int) -> int:
    """After a plenary: one digest per member, in her language, on her channel."""
    return digest_deliver(meeting_id=meeting_id)
