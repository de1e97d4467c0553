"""The digest every member receives after a plenary, in her language, on her channel."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from juntos.core.services import audit_record, notify
from juntos.network.choices import (
    ImplementationStatus,
    MeetingStatus,
    RecommendationStatus,
    VoteStatus,
)
from juntos.network.models import Meeting, NetworkMember, Recommendation, Vote


def plenary_digest_queue(*, meeting: Meeting) -> None:
    """Queue the digest of a plenary for every member once the transaction commits."""
    # Imported here because the task module imports this one.
    from juntos.network.tasks import send_plenary_digest

    audit_record(actor=None, action="network.digest_queue", target=meeting)
    transaction.on_commit(lambda: send_plenary_digest.enqueue(meeting_id=meeting.pk))


def digest_context(meeting: Meeting) -> dict[str, Any]:
    """What was decided at the plenary, what is being carried out, and what comes next."""
    decided = list(
        Vote.objects.filter(meeting=meeting, status=VoteStatus.CLOSED).select_related(
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
    for member in members:
        user = member.user
        address = user.contact_address()
        if not address:
            continue
        with translation.override(user.preferred_language):
            link = settings.SITE_URL + reverse("network:decisions")
            body = render_to_string("network/digest.txt", {**context, "link": link}).strip()
            subject = render_to_string("network/digest_subject.txt", {"meeting": meeting}).strip()
        notify(channel=user.preferred_channel, recipient=address, body=body, subject=subject)
        sent += 1
    return sent
