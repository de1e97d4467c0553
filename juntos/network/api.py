"""The network's JSON API: meetings and recommendations for members, results for everyone."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from juntos.network import selectors
from juntos.network.models import Meeting, Recommendation, Vote

router = Router(tags=["network"])


class MeetingOut(Schema):
    id: int
    title: str
    body: str
    format: str
    status: str
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    location: str
    online_url: str


class AgendaItemOut(Schema):
    position: int
    kind: str
    title: str


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    interpretation_languages: list[str]


class RecommendationOut(Schema):
    id: int
    title: str
    group: str
    status: str
    decided_on: dt.date | None
    decision_reason: str
    responsible_body: str
    implementation_status: str
    progress: int
    funding_call_input: bool


class MilestoneOut(Schema):
    title: str
    due_on: dt.date | None
    done_on: dt.date | None


class GroupDecisionOut(Schema):
    """The working group's answers on a draft's current revision."""

    revision: int
    members: int
    needed: int
    agree: int
    disagree: int


class RecommendationDetailOut(RecommendationOut):
    body: str
    milestones: list[MilestoneOut]
    supports: int
    pending_amendments: int
    # Only while it is a draft: where the group's decision stands.
    decision: GroupDecisionOut | None


class ResultOut(Schema):
    id: int
    recommendation_id: int
    recommendation: str
    ballot_kind: str
    # "motion" (yes/no/abstain), "consent" (yes = agree, no = block, abstain = stand aside),
    # "ranked" or "score" (their counts are on the vote's page; yes/no/abstain stay 0).
    poll_kind: str
    threshold: str
    quorum_percent: int
    closed_on: dt.date | None
    electorate: int
    turnout: int
    yes: int
    no: int
    abstain: int
    quorum_met: bool
    carried: bool


def _meeting(m: Meeting) -> dict[str, object]:
    return {
        "id": m.pk,
        "title": m.title,
        "body": m.group.name if m.group else "plenary",
        "format": m.format,
        "status": m.status,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
        "location": m.location,
        "online_url": m.online_url,
    }


def _recommendation(r: Recommendation) -> dict[str, object]:
    return {
        "id": r.pk,
        "title": r.title,
        "group": r.group.name,
        "status": r.status,
        "decided_on": r.decided_on,
        "decision_reason": r.decision_reason,
        "responsible_body": r.responsible_body,
        "implementation_status": r.implementation_status,
        "progress": r.progress,
        "funding_call_input": r.funding_call_input,
    }


def _result(v: Vote) -> dict[str, object]:
    return {
        "id": v.pk,
        "recommendation_id": v.recommendation_id,
        "recommendation": v.recommendation.title,
        "ballot_kind": v.ballot_kind,
        "poll_kind": v.poll_kind,
        "threshold": v.threshold,
        "quorum_percent": v.quorum_percent,
        "closed_on": v.closed_on,
        "electorate": v.electorate_size,
        "turnout": v.turnout,
        "yes": v.yes_count,
        "no": v.no_count,
        "abstain": v.abstain_count,
        "quorum_met": v.quorum_met,
        "carried": v.carried,
    }


@router.get("/meetings", response=list[MeetingOut], auth=django_auth, summary="Meetings")
def meetings(request: HttpRequest) -> list[dict[str, object]]:
    return [_meeting(m) for m in selectors.meetings_for(request.user)[:500]]


@router.get(
    "/meetings/{meeting_id}", response=MeetingDetailOut, auth=django_auth, summary="A meeting"
)
def meeting(request: HttpRequest, meeting_id: int) -> dict[str, object]:
    found = selectors.get_meeting_for(request.user, meeting_id)
    return {
        **_meeting(found),
        "agenda": [
            {"position": i.position, "kind": i.kind, "title": i.title} for i in found.agenda.all()
        ],
        "interpretation_languages": [i.language for i in found.interpreters.all()],
    }


@router.get(
    "/recommendations",
    response=list[RecommendationOut],
    auth=django_auth,
    summary="Recommendations and their implementation",
)
def recommendations(request: HttpRequest) -> list[dict[str, object]]:
    found = selectors.recommendations_listed_for(request.user)[:500]
    return [_recommendation(r) for r in found]


@router.get(
    "/recommendations/{recommendation_id}",
    response=RecommendationDetailOut,
    auth=django_auth,
    summary="A recommendation",
)
def recommendation(request: HttpRequest, recommendation_id: int) -> dict[str, object]:
    found = selectors.get_recommendation_for(request.user, recommendation_id)
    milestones = [
        {"title": m.title, "due_on": m.due_on, "done_on": m.done_on} for m in found.milestones.all()
    ]
    standing = selectors.draft_standing(request.user, found)
    decision = standing.decision
    return {
        **_recommendation(found),
        "body": found.body,
        "milestones": milestones,
        "supports": standing.supports,
        "pending_amendments": len(standing.pending),
        "decision": None
        if decision is None
        else {
            "revision": decision.revision,
            "members": decision.members,
            "needed": decision.needed,
            "agree": decision.agree,
            "disagree": decision.disagree,
        },
    }


@router.get("/results", response=list[ResultOut], summary="Published results of closed votes")
def results(request: HttpRequest) -> list[dict[str, object]]:
    return [_result(v) for v in selectors.public_results()[:500]]


@router.get("/results/{vote_id}", response=ResultOut, summary="One published result")
def result(request: HttpRequest, vote_id: int) -> dict[str, object]:
    return _result(selectors.get_public_result(vote_id))
