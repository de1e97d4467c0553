"""Every page and API operation of the network app, and who may use it.

Network members are the personas but dana (the outsider) and the platform operator; ben is
the coordinator. Each kwargs builder creates fresh objects so that every play starts clean.
"""

from __future__ import annotations

from typing import Any

from juntos.network import services
from juntos.network.tests import factories as f
from juntos.testing.access import EVERYONE, SIGNED_IN, Access

MEMBERS = frozenset(f.MEMBERS)
COORDINATOR = frozenset({"ben"})
GROUP = frozenset({"rosa", "carl", "amina"})  # the test group: co-chairs rosa and carl
# Who reads a draft and so may support or amend it: its group and the coordinator.
DRAFT_READERS = GROUP | COORDINATOR
TRANSLATORS = COORDINATOR | f.INTERPRETERS


def _members(p: Any) -> dict[str, Any]:
    f.make_members(p)
    return {}


def _group(p: Any) -> dict[str, Any]:
    return {"group_id": f.make_group(p).pk}


def _meeting(p: Any, **options: Any) -> dict[str, Any]:
    return {"meeting_id": f.make_meeting(p, **options).pk}


def _polling(p: Any) -> dict[str, Any]:
    return _meeting(p, scheduled=False)


def _past(p: Any) -> dict[str, Any]:
    return _meeting(p, days=-1)


def _recommendation(stage: str) -> Any:
    return lambda p: {"recommendation_id": f.make_recommendation(p, stage=stage).pk}


def _supported(p: Any) -> dict[str, Any]:
    recommendation = f.make_recommendation(p)
    services.recommendation_support(actor=p.amina, recommendation=recommendation)
    return {"recommendation_id": recommendation.pk}


def _amendment(p: Any) -> dict[str, Any]:
    recommendation = f.make_recommendation(p)
    amendment = services.amendment_propose(
        actor=p.ben,
        recommendation=recommendation,
        texts={"en": ("Emergency line", "Answer in Spanish, day and night.")},
        reason="Emergencies happen at night",
    )
    return {"amendment_id": amendment.pk}


def _adopted(p: Any) -> Any:
    vote = f.make_vote(p)
    for key in ("rosa", "amina", "ines"):
        services.ballot_cast(actor=getattr(p, key), vote=vote, choice="yes")
    return f.close_and_count(p, vote)


def _on_agenda_with_trustee(p: Any) -> dict[str, Any]:
    f.make_trustee(p.ben)
    return {"recommendation_id": f.make_recommendation(p, stage="on-agenda").pk}


def _awaiting_count(p: Any) -> dict[str, Any]:
    vote = f.make_vote(p)
    services.ballot_cast(actor=p.rosa, vote=vote, choice="no")
    return {"vote_id": services.vote_close(actor=None, vote=vote).pk}


def _milestone(p: Any) -> dict[str, Any]:
    recommendation = _adopted(p).recommendation
    milestone = services.milestone_add(
        actor=None, recommendation=recommendation, title="Step", due_on=None
    )
    return {"recommendation_id": recommendation.pk, "milestone_id": milestone.pk}


def _feed(p: Any) -> dict[str, Any]:
    f.make_members(p)
    return {"token": services.feed_token_reset(actor=p.rosa)}


def _comment(stage: str = "endorsed", on_meeting: bool = False) -> Any:
    def build(p: Any) -> dict[str, Any]:
        subject = f.make_meeting(p) if on_meeting else f.make_recommendation(p, stage=stage)
        comment = services.comment_add(actor=p.rosa, subject=subject, body="Night line")
        return {"comment_id": comment.pk}

    return build


def _plenary_choice(p: Any, kw: dict[str, Any]) -> dict[str, Any]:
    return {"meeting": f.make_meeting(p).pk}


def _option(p: Any, kw: dict[str, Any]) -> dict[str, Any]:
    from juntos.network.models import PollOption

    return {"option": PollOption.objects.filter(meeting_id=kw["meeting_id"]).first().pk}  # type: ignore[union-attr]


def _voter(p: Any, kw: dict[str, Any]) -> dict[str, Any]:
    return {"holder": f.make_members(p)["ines"].pk}


ACCESS = [
    Access(
        "network:index",
        allow=SIGNED_IN,
        kwargs=_members,
        worker_page=True,
        key_page=True,
        note="people outside the network see what it is and its public results only",
    ),
    Access("network:members", allow=MEMBERS, kwargs=_members, worker_page=True),
    Access(
        "network:members",
        method="POST",
        allow=COORDINATOR,
        kwargs=_members,
        data=lambda p, kw: {"identifier": p.dana.email, "sector": "civil-society"},
        note="only the coordinator admits members",
    ),
    Access(
        "network:search",
        allow=MEMBERS,
        kwargs=_members,
        query="?q=line",
        worker_page=True,
        note="each kind found is limited as its own page limits it (drafts stay in their group)",
    ),
    Access("network:group_create", allow=COORDINATOR, kwargs=_members),
    Access("network:translations", allow=TRANSLATORS, kwargs=_members),
    Access(
        "network:translate",
        allow=TRANSLATORS,
        kwargs=lambda p: {"kind": "group", "source_id": f.make_group(p).pk, "language": "es"},
    ),
    Access(
        "network:translate",
        method="POST",
        allow=TRANSLATORS,
        kwargs=lambda p: {"kind": "group", "source_id": f.make_group(p).pk, "language": "fr"},
        data=lambda p, kw: {"title": "Logement", "body": "Un logement digne."},
    ),
    Access("network:group", allow=MEMBERS, kwargs=_group, worker_page=True),
    Access(
        "network:group_member_add",
        method="POST",
        allow=COORDINATOR,
        kwargs=_group,
        data=lambda p, kw: {"member": f.make_members(p)["rita"].pk},
    ),
    Access(
        "network:group_quorum",
        method="POST",
        allow=COORDINATOR,
        kwargs=_group,
        data=lambda p, kw: {"decision_quorum": "2"},
    ),
    Access("network:recommendation_create", allow=GROUP, kwargs=_group, worker_page=True),
    Access("network:meeting_create", allow=COORDINATOR, kwargs=_members),
    Access("network:meeting", allow=MEMBERS, kwargs=_meeting, worker_page=True, key_page=True),
    Access(
        "network:meeting_availability",
        method="POST",
        allow=MEMBERS,
        kwargs=_polling,
        data=lambda p, kw: {"options": [_option(p, kw)["option"]]},
    ),
    Access(
        "network:meeting_schedule", method="POST", allow=COORDINATOR, kwargs=_polling, data=_option
    ),
    Access(
        "network:meeting_register",
        method="POST",
        allow=MEMBERS,
        kwargs=_meeting,
        data=lambda p, kw: {"interpretation_language": "es"},
    ),
    Access(
        "network:meeting_interpreter",
        method="POST",
        allow=COORDINATOR,
        kwargs=_meeting,
        data=lambda p, kw: {"language": "es", "interpreter_name": "Lucía"},
    ),
    Access(
        "network:meeting_agenda",
        method="POST",
        allow=COORDINATOR,
        kwargs=_meeting,
        data=lambda p, kw: {"title": "Budget"},
    ),
    Access(
        "network:meeting_held",
        method="POST",
        allow=COORDINATOR,
        kwargs=_past,
        data=lambda p, kw: {},
        note="a plenary held sends the digest to every member",
    ),
    Access(
        "network:meeting_minutes",
        method="POST",
        allow=COORDINATOR,
        kwargs=_meeting,
        data=lambda p, kw: {"minutes-language": "es", "minutes-body": "Acta"},
    ),
    Access(
        "network:meeting_comment",
        method="POST",
        allow=MEMBERS,
        kwargs=_meeting,
        data=lambda p, kw: {"comment-body": "Can we start later?"},
    ),
    Access("network:comment_reply", allow=MEMBERS, kwargs=_comment(), worker_page=True),
    Access(
        "network:comment_reply",
        method="POST",
        allow=MEMBERS,
        kwargs=_comment(on_meeting=True),
        data=lambda p, kw: {"body": "Agreed, after six"},
        note="the comment's author is told of the answer",
    ),
    Access(
        "network:comment_remove",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=_comment(),
        data=lambda p, kw: {},
        note="only its author removes a comment; a tombstone keeps the answers in place",
    ),
    Access("network:comment_hide", allow=COORDINATOR, kwargs=_comment()),
    Access(
        "network:comment_hide",
        method="POST",
        allow=COORDINATOR,
        kwargs=_comment(on_meeting=True),
        data=lambda p, kw: {"reason": "Off topic"},
    ),
    Access("network:meeting_ics", allow=MEMBERS, kwargs=_meeting),
    Access("network:calendar", allow=MEMBERS, kwargs=_members, worker_page=True),
    Access(
        "network:calendar_feed",
        allow=EVERYONE,
        kwargs=_feed,
        note="phone calendars cannot sign in: the secret token in the URL is the key",
    ),
    Access(
        "network:recommendations", allow=MEMBERS, kwargs=_members, worker_page=True, key_page=True
    ),
    Access(
        "network:recommendation",
        allow=MEMBERS,
        kwargs=_recommendation("endorsed"),
        worker_page=True,
        key_page=True,
    ),
    Access(
        "network:recommendation_revise",
        method="POST",
        allow=GROUP,
        kwargs=_recommendation("draft"),
        data=lambda p, kw: {"title": "New title", "body": "New text"},
        note="ben may read drafts but only the drafting group writes them",
    ),
    Access(
        "network:recommendation_comment",
        method="POST",
        allow=MEMBERS,
        kwargs=_recommendation("endorsed"),
        data=lambda p, kw: {"comment-body": "I agree"},
    ),
    Access(
        "network:recommendation_support",
        method="POST",
        allow=DRAFT_READERS,
        kwargs=_recommendation("draft"),
        data=lambda p, kw: {},
        note="any member who may read the draft: its group, and ben (a member who coordinates)",
    ),
    Access(
        "network:recommendation_support_withdraw",
        method="POST",
        allow=DRAFT_READERS,
        kwargs=_supported,
        data=lambda p, kw: {},
        note="each reader withdraws only her own support (amina's here); none given, none taken",
    ),
    Access(
        "network:recommendation_answer",
        method="POST",
        allow=GROUP,
        kwargs=_recommendation("draft"),
        data=lambda p, kw: {"answer": "agree"},
        note="the drafting group decides; ben reads drafts but does not answer for a group",
    ),
    Access(
        "network:amendment_create",
        allow=DRAFT_READERS,
        kwargs=_recommendation("draft"),
        worker_page=True,
    ),
    Access(
        "network:amendment_create",
        method="POST",
        allow=DRAFT_READERS,
        kwargs=_recommendation("draft"),
        data=lambda p, kw: {
            "title_en": "Emergency line",
            "body_en": "Answer day and night.",
            "reason": "Nights too",
        },
    ),
    Access(
        "network:amendment",
        allow=DRAFT_READERS,
        kwargs=_amendment,
        worker_page=True,
        key_page=True,
        note="an amendment is seen by whoever sees its draft",
    ),
    Access(
        "network:amendment_accept",
        method="POST",
        allow=GROUP,
        kwargs=_amendment,
        data=lambda p, kw: {},
        note="the drafting group accepts; the proposer is told",
    ),
    Access(
        "network:amendment_reject",
        method="POST",
        allow=GROUP,
        kwargs=_amendment,
        data=lambda p, kw: {"reason": "Out of the mandate"},
    ),
    Access(
        "network:recommendation_agenda",
        method="POST",
        allow=COORDINATOR,
        kwargs=_recommendation("endorsed"),
        data=_plenary_choice,
    ),
    Access(
        "network:vote_open",
        method="POST",
        allow=COORDINATOR,
        kwargs=_on_agenda_with_trustee,
        data=lambda p, kw: {
            "ballot_kind": "secret",
            "threshold": "two-thirds",
            "quorum_percent": "50",
        },
    ),
    Access(
        "network:recommendation_track",
        method="POST",
        allow=COORDINATOR,
        kwargs=lambda p: {"recommendation_id": _adopted(p).recommendation_id},
        data=lambda p, kw: {
            "responsible_body": "Ministry",
            "implementation_status": "in-progress",
            "progress": "20",
        },
    ),
    Access(
        "network:milestone_add",
        method="POST",
        allow=COORDINATOR,
        kwargs=lambda p: {"recommendation_id": _adopted(p).recommendation_id},
        data=lambda p, kw: {"title": "Step one"},
    ),
    Access(
        "network:milestone_done",
        method="POST",
        allow=COORDINATOR,
        kwargs=_milestone,
        data=lambda p, kw: {},
    ),
    Access("network:decisions", allow=MEMBERS, kwargs=_members, worker_page=True, key_page=True),
    Access(
        "network:vote",
        allow=MEMBERS,
        kwargs=lambda p: {"vote_id": f.make_vote(p).pk},
        worker_page=True,
        key_page=True,
    ),
    Access(
        "network:vote_cast",
        method="POST",
        allow=MEMBERS,
        kwargs=lambda p: {"vote_id": f.make_vote(p).pk},
        data=lambda p, kw: {"choice": "yes"},
        note="the electorate is every voting member when the vote opened",
    ),
    Access(
        "network:vote_proxy",
        method="POST",
        allow=MEMBERS,
        kwargs=lambda p: {"vote_id": f.make_vote(p, proxies=True).pk},
        data=_voter,
    ),
    Access(
        "network:vote_close",
        method="POST",
        allow=COORDINATOR,
        kwargs=lambda p: {"vote_id": f.make_vote(p).pk},
        data=lambda p, kw: {"reason": ""},
    ),
    Access(
        "network:receipt_check",
        allow=MEMBERS,
        kwargs=lambda p: {"vote_id": _adopted(p).pk},
        worker_page=True,
    ),
    Access(
        "network:tally_open",
        method="POST",
        allow=COORDINATOR,
        kwargs=_awaiting_count,
        data=lambda p, kw: {"passphrase": f.TRUSTEE_PASSPHRASE},
        note="only a trustee of the vote opens a part of its count",
    ),
    Access(
        "network:counted_ballots",
        allow=EVERYONE,
        kwargs=lambda p: {"vote_id": _adopted(p).pk},
        worker_page=True,
        note="tracking codes say nothing of any choice; anyone may check theirs was counted",
    ),
    Access("network:trustee", allow=COORDINATOR, kwargs=lambda p: {}),
    Access("GET /api/network/meetings", allow=MEMBERS, kwargs=_members),
    Access("GET /api/network/meetings/{meeting_id}", allow=MEMBERS, kwargs=_meeting),
    Access("GET /api/network/recommendations", allow=MEMBERS, kwargs=_members),
    Access(
        "GET /api/network/recommendations/{recommendation_id}",
        allow=MEMBERS,
        kwargs=_recommendation("endorsed"),
    ),
    Access(
        "GET /api/network/results",
        allow=EVERYONE,
        note="the plenary's decisions and tallies are public once a vote closes",
    ),
    Access(
        "GET /api/network/results/{vote_id}",
        allow=EVERYONE,
        kwargs=lambda p: {"vote_id": _adopted(p).pk},
    ),
]

# A draft's discussion stays with the drafting group and the coordinator: the matrix has one row
# per URL, so this second case is played by test_it_discusses_in_threads.py.
DRAFT_COMMENT_REPLY = Access(
    "network:comment_reply",
    allow=GROUP | COORDINATOR,
    kwargs=_comment("draft"),
    note="a draft's discussion stays with the drafting group and the coordinator",
)
