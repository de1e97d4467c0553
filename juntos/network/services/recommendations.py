"""Writes about recommendations: drafting, revising, the plenary agenda and tracking.

Support, amendments and the group's decision on a draft are in services/drafting.py.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.core.services import audit_record
from juntos.network.choices import (
    ImplementationStatus,
    MeetingStatus,
    RecommendationStatus,
)
from juntos.network.models import (
    Meeting,
    Milestone,
    Recommendation,
    Revision,
    WorkingGroup,
)
from juntos.network.policies import (
    can_edit_recommendation,
    is_group_member,
)
from juntos.network.services._common import require_coordinator, require_text
from juntos.network.services.meetings import agenda_item_add


def recommendation_draft(
    *, actor: Actor, group: WorkingGroup, title: str, body: str, language: str = "en"
) -> Recommendation:
    """A member of the working group starts a recommendation (revision 1), in her language."""
    if not actor.is_authenticated or not is_group_member(actor, group):
        raise PermissionDenied
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose English, Spanish or French.")})
    title = require_text(title, field="title", limit=300)
    body = require_text(body, field="body", limit=20000)
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            group=group, title=title, body=body, language=language
        )
        Revision.objects.create(
            recommendation=recommendation, number=1, title=title, body=body, author=actor
        )
        audit_record(actor=actor, action="network.recommendation_draft", target=recommendation)
    return recommendation


def recommendation_revise(
    *, actor: Actor, recommendation: Recommendation, title: str, body: str, note: str = ""
) -> Revision:
    """Change the draft's text, keeping every earlier version."""
    if not actor.is_authenticated or not can_edit_recommendation(actor, recommendation):
        raise PermissionDenied
    title = require_text(title, field="title", limit=300)
    body = require_text(body, field="body", limit=20000)
    with transaction.atomic():
        revision = revision_add(
            recommendation=recommendation, title=title, body=body, author=actor, note=note
        )
        audit_record(
            actor=actor,
            action="network.recommendation_revise",
            target=recommendation,
            details={"revision": revision.number},
        )
    return revision


def revision_add(
    *, recommendation: Recommendation, title: str, body: str, author: SignedIn, note: str = ""
) -> Revision:
    """The next revision of a draft, which becomes its text (the caller checked and audits)."""
    last = recommendation.revisions.aggregate(n=Max("number"))["n"] or 0
    revision = Revision.objects.create(
        recommendation=recommendation,
        number=last + 1,
        title=title,
        body=body,
        author=author,
        note=note.strip()[:300],
    )
    recommendation.title, recommendation.body = title, body
    recommendation.save(update_fields=["title", "body"])
    return revision


def recommendation_put_on_agenda(
    *, actor: Actor | None, recommendation: Recommendation, meeting: Meeting
) -> Recommendation:
    """The coordinator places an endorsed recommendation on a coming plenary's agenda."""
    require_coordinator(actor)
    if recommendation.status != RecommendationStatus.ENDORSED:
        raise ValidationError(_("Only an endorsed recommendation can go to the plenary."))
    if not meeting.is_plenary or meeting.status == MeetingStatus.HELD:
        raise ValidationError({"meeting": _("Choose a plenary that has not been held yet.")})
    with transaction.atomic():
        agenda_item_add(
            actor=actor, meeting=meeting, title=recommendation.title, recommendation=recommendation
        )
        recommendation.status = RecommendationStatus.ON_AGENDA
        recommendation.save(update_fields=["status"])
        audit_record(actor=actor, action="network.recommendation_agenda", target=recommendation)
    return recommendation


def recommendation_track(
    *,
    actor: Actor | None,
    recommendation: Recommendation,
    responsible_body: str,
    implementation_status: str,
    progress: int,
    funding_call_input: bool,
) -> Recommendation:
    """The coordinator reports how an adopted recommendation is being carried out."""
    require_coordinator(actor)
    if recommendation.status != RecommendationStatus.ADOPTED:
        raise ValidationError(_("Only an adopted recommendation is tracked."))
    if implementation_status not in ImplementationStatus.values:
        raise ValidationError({"implementation_status": _("Choose a status from the list.")})
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage from 0 to 100.")})
    with transaction.atomic():
        recommendation.responsible_body = responsible_body.strip()[:200]
        recommendation.implementation_status = implementation_status
        recommendation.progress = progress
        recommendation.funding_call_input = funding_call_input
        recommendation.save()
        audit_record(
            actor=actor,
            action="network.recommendation_track",
            target=recommendation,
            details={"status": implementation_status, "progress": progress},
        )
    return recommendation


def milestone_add(
    *, actor: Actor | None, recommendation: Recommendation, title: str, due_on: dt.date | None
) -> Milestone:
    """Add a step towards implementing an adopted recommendation."""
    require_coordinator(actor)
    if recommendation.status != RecommendationStatus.ADOPTED:
        raise ValidationError(_("Only an adopted recommendation is tracked."))
    title = require_text(title, field="title", limit=300)
    with transaction.atomic():
        milestone = Milestone.objects.create(
            recommendation=recommendation, title=title, due_on=due_on
        )
        audit_record(actor=actor, action="network.milestone_add", target=recommendation)
    return milestone


def milestone_complete(*, actor: Actor | None, milestone: Milestone, done_on: dt.date) -> Milestone:
    """Mark a milestone as reached on a day."""
    require_coordinator(actor)
    with transaction.atomic():
        milestone.done_on = done_on
        milestone.save(update_fields=["done_on"])
        audit_record(actor=actor, action="network.milestone_done", target=milestone.recommendation)
    return milestone
