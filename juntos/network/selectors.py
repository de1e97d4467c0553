"""Reads of the network that authorise as they fetch (404 for what the actor may not see)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from juntos.accounts.actors import Actor
from juntos.accounts.choices import Sector
from juntos.core.crypto import keyed_hash, normalise_code
from juntos.network.choices import (
    INTERPRETATION_LANGUAGES,
    AmendmentState,
    BallotKind,
    CommentState,
    MeetingStatus,
    RecommendationStatus,
    VoteStatus,
)
from juntos.network.diffs import DiffPart, word_diff
from juntos.network.models import (
    Amendment,
    Ballot,
    BallotAnswer,
    Comment,
    GroupAnswer,
    GroupMembership,
    Meeting,
    Milestone,
    Minutes,
    NetworkMember,
    PollOption,
    Recommendation,
    Revision,
    TrusteeKey,
    Vote,
    VoteTrustee,
    WorkingGroup,
)
from juntos.network.models.recommendations import COMMENT_MAX_DEPTH
from juntos.network.models.texts import ContentText, Translatable
from juntos.network.policies import (
    can_hide_comment,
    can_remove_comment,
    can_see_supporters,
    can_take_part,
    can_translate_network,
    can_view_comment_subject,
    can_view_network,
    can_view_recommendation,
    is_coordinator,
    network_member_of,
)
from juntos.network.services.drafting import (
    DecisionProgress,
    current_revision,
    decision_progress,
)
from juntos.network.services.members import FEED_TOKEN_PURPOSE
from juntos.network.services.polls import option_result_count
from juntos.network.services.votes import receipt_hash, tally_recount


def _require_view(actor: Actor) -> None:
    if not can_view_network(actor):
        raise Http404


def groups_for(actor: Actor) -> QuerySet[WorkingGroup]:
    """Working groups with their member counts, for members and the coordinator."""
    _require_view(actor)
    return WorkingGroup.objects.annotate(member_count=Count("memberships"))


def get_group_for(actor: Actor, group_id: int) -> WorkingGroup:
    """One working group with its members (co-chairs first)."""
    _require_view(actor)
    memberships = GroupMembership.objects.select_related("member")
    group = (
        WorkingGroup.objects.prefetch_related(Prefetch("memberships", queryset=memberships))
        .filter(pk=group_id)
        .first()
    )
    if group is None:
        raise Http404
    return group


def co_chair_sectors_differ(group: WorkingGroup) -> bool:
    """The MWSN asks for co-chairs from different sectors; False prompts a nudge."""
    sectors = {m.member.sector for m in group.memberships.all() if m.is_co_chair}
    return len(sectors) > 1


def members_for(actor: Actor) -> QuerySet[NetworkMember]:
    """Active members, for pickers in the coordinator's forms and for proxies."""
    _require_view(actor)
    return NetworkMember.objects.filter(is_active=True).order_by("name")


def meetings_for(actor: Actor) -> QuerySet[Meeting]:
    """Every meeting of the network, newest first."""
    _require_view(actor)
    return Meeting.objects.select_related("group").order_by("-starts_at", "-id")


def upcoming_meetings_for(actor: Actor, *, limit: int) -> list[Meeting]:
    """The next meetings of the network, soonest first."""
    coming = meetings_for(actor).filter(starts_at__gte=timezone.now()).order_by("starts_at")
    return list(coming[:limit])


def polling_meetings_for(actor: Actor, *, limit: int) -> list[Meeting]:
    """Meetings still asking members when they can come."""
    return list(meetings_for(actor).filter(status=MeetingStatus.POLLING)[:limit])


def group_meetings_for(actor: Actor, group: WorkingGroup, *, limit: int) -> list[Meeting]:
    """The working group's meetings, newest first."""
    return list(meetings_for(actor).filter(group=group)[:limit])


def open_plenaries_for(actor: Actor) -> QuerySet[Meeting]:
    """Plenaries not yet held, where a recommendation may be put on the agenda."""
    return meetings_for(actor).filter(group__isnull=True).exclude(status=MeetingStatus.HELD)


def get_meeting_for(actor: Actor, meeting_id: int) -> Meeting:
    """One meeting with its poll, agenda, registrations, interpreters and minutes."""
    _require_view(actor)
    meeting = (
        Meeting.objects.select_related("group")
        .prefetch_related(
            "poll_options__availabilities__member",
            "agenda",
            "registrations__member",
            "interpreters",
            "minutes",
            "comments__author",
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


@dataclass(frozen=True)
class PollRow:
    option: PollOption
    workers: int
    others: int
    mine: bool


def poll_rows(meeting: Meeting, actor: Actor) -> list[PollRow]:
    """Each proposed time with migrant workers' availability counted apart from the rest."""
    me = network_member_of(actor)
    rows = []
    for option in meeting.poll_options.all():
        marks = list(option.availabilities.all())
        workers = sum(1 for a in marks if a.member.sector == Sector.MIGRANT_WORKER)
        mine = me is not None and any(a.member_id == me.pk for a in marks)
        rows.append(PollRow(option, workers, len(marks) - workers, mine))
    return rows


@dataclass(frozen=True)
class InterpretationRow:
    language: str
    label: str
    requests: int
    interpreter: str


def interpretation_summary(meeting: Meeting) -> list[InterpretationRow]:
    """Each language requested or covered: how many asked, and who interprets ("" = nobody)."""
    requested: dict[str, int] = defaultdict(int)
    for registration in meeting.registrations.all():
        if registration.interpretation_language:
            requested[registration.interpretation_language] += 1
    assigned = {i.language: i.interpreter_name for i in meeting.interpreters.all()}
    labels = dict(INTERPRETATION_LANGUAGES)
    return [
        InterpretationRow(
            lang, str(labels.get(lang, lang)), requested.get(lang, 0), assigned.get(lang, "")
        )
        for lang in sorted(set(requested) | set(assigned))
    ]


def recommendations_for(actor: Actor) -> QuerySet[Recommendation]:
    """Recommendations the actor may see: past the draft stage, or drafts of her groups."""
    _require_view(actor)
    found = Recommendation.objects.select_related("group")
    if is_coordinator(actor):
        return found
    member = network_member_of(actor)
    return found.filter(
        ~Q(status=RecommendationStatus.DRAFT) | Q(group__memberships__member=member)
    ).distinct()


def recommendations_listed_for(actor: Actor, *, status: str = "") -> QuerySet[Recommendation]:
    """The recommendations the actor may see, newest first, of one status when given."""
    found = recommendations_for(actor).order_by("-created_at", "-id")
    return found.filter(status=status) if status else found


def get_milestone_for(actor: Actor, recommendation_id: int, milestone_id: int) -> Milestone:
    """One milestone of a recommendation the actor may see; else 404."""
    recommendation = get_recommendation_for(actor, recommendation_id)
    milestone = recommendation.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        raise Http404
    return milestone


def group_recommendations_for(actor: Actor, group: WorkingGroup) -> QuerySet[Recommendation]:
    """The recommendations of one working group that the actor may see."""
    return recommendations_for(actor).filter(group=group)


def get_recommendation_for(actor: Actor, recommendation_id: int) -> Recommendation:
    """One recommendation with revisions (and who wrote them), comments, milestones and votes."""
    revisions = Revision.objects.select_related("author", "amendment__proposer")
    recommendation = (
        Recommendation.objects.select_related("group")
        .prefetch_related(
            Prefetch("revisions", queryset=revisions), "comments__author", "milestones", "votes"
        )
        .filter(pk=recommendation_id)
        .first()
    )
    if recommendation is None or not can_view_recommendation(actor, recommendation):
        raise Http404
    return recommendation


@dataclass(frozen=True)
class ThreadRow:
    """One comment of a discussion, at its depth, in reading order, with what the reader may
    do with it."""

    comment: Comment
    depth: int
    may_reply: bool
    may_remove: bool
    may_hide: bool


def comment_thread(actor: Actor, comments: list[Comment]) -> list[ThreadRow]:
    """A subject's comments (already fetched) as threads: each followed by its replies."""
    children: dict[int | None, list[Comment]] = defaultdict(list)
    for comment in comments:
        children[comment.parent_id].append(comment)
    takes_part = can_take_part(actor)
    rows: list[ThreadRow] = []
    stack = [(c, 0) for c in reversed(children[None])]
    while stack:
        comment, depth = stack.pop()
        shown = comment.state == CommentState.SHOWN
        rows.append(
            ThreadRow(
                comment,
                depth,
                may_reply=takes_part and shown and depth + 1 < COMMENT_MAX_DEPTH,
                may_remove=can_remove_comment(actor, comment),
                may_hide=can_hide_comment(actor, comment),
            )
        )
        stack.extend((c, depth + 1) for c in reversed(children[comment.pk]))
    return rows


def get_comment_for(actor: Actor, comment_id: int) -> Comment:
    """One comment whose recommendation or meeting the actor may see (404 otherwise)."""
    _require_view(actor)
    comment = (
        Comment.objects.select_related("author", "recommendation__group", "meeting")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None or not can_view_comment_subject(actor, comment):
        raise Http404
    return comment


def decisions_for(actor: Actor) -> QuerySet[Recommendation]:
    """The history of the plenary's decisions, newest first, with their tracking."""
    _require_view(actor)
    return (
        Recommendation.objects.filter(
            status__in=[RecommendationStatus.ADOPTED, RecommendationStatus.REJECTED]
        )
        .select_related("group")
        .prefetch_related("milestones")
        .order_by("-decided_on", "-id")
    )


def get_vote_for(actor: Actor, vote_id: int) -> Vote:
    """A vote, for members and the coordinator."""
    _require_view(actor)
    vote = Vote.objects.select_related("recommendation", "meeting").filter(pk=vote_id).first()
    if vote is None:
        raise Http404
    return vote


def open_votes_for(actor: Actor) -> QuerySet[Vote]:
    """Votes still open."""
    _require_view(actor)
    return Vote.objects.filter(status=VoteStatus.OPEN).select_related("recommendation")


def electors_for(actor: Actor, vote: Vote, *, but_self: bool = True) -> QuerySet[NetworkMember]:
    """The vote's electorate (fixed when it opened), as proxy holders; without the actor."""
    electors = members_for(actor).filter(pk__in=vote.electors.values("member"))
    member = network_member_of(actor)
    return electors.exclude(pk=member.pk) if but_self and member is not None else electors


def has_given_proxy(vote: Vote, actor: Actor) -> bool:
    """Whether the actor gave her vote in this ballot to another member."""
    member = network_member_of(actor)
    return member is not None and vote.proxies.filter(grantor=member).exists()


def has_voted(vote: Vote, actor: Actor) -> bool:
    """Whether the actor's own vote is in (shows the thank-you instead of the ballot)."""
    member = network_member_of(actor)
    return member is not None and vote.participations.filter(voter=member).exists()


def proxies_held(vote: Vote, actor: Actor) -> list[NetworkMember]:
    """Members whose proxy the actor holds and who have not voted yet."""
    member = network_member_of(actor)
    if member is None:
        return []
    voted = vote.participations.values("voter")
    return [
        p.grantor
        for p in vote.proxies.filter(holder=member)
        .exclude(grantor__in=voted)
        .select_related("grantor")
    ]


def public_results() -> QuerySet[Vote]:
    """Counted votes with their published tallies: public, as the plenary's decisions are."""
    return (
        Vote.objects.filter(status=VoteStatus.CLOSED, counted=True)
        .select_related("recommendation")
        .order_by("-closed_on", "-id")
    )


def get_public_result(vote_id: int) -> Vote:
    """One closed vote's result; an open vote is not found (results wait for the close)."""
    vote = public_results().filter(pk=vote_id).first()
    if vote is None:
        raise Http404
    return vote


def tally_matches(vote: Vote) -> bool:
    """Recount the stored ballots (secret ones without any key) and compare with the tally."""
    if not vote.counted:
        return False
    recount = tally_recount(vote)
    if vote.has_options and option_result_count(vote) != vote.option_result:
        return False
    return recount is not None and (
        recount.turnout,
        recount.yes,
        recount.no,
        recount.abstain,
    ) == (vote.turnout, vote.yes_count, vote.no_count, vote.abstain_count)


@dataclass(frozen=True)
class BallotReason:
    voter: str
    choice: str
    reason: str


def ballot_reasons(vote: Vote) -> list[BallotReason]:
    """The reasons open ballots gave, with who gave them, once the vote is counted.

    Secret ballots never have one (the service refuses a reason with a secret ballot).
    """
    if not vote.counted or vote.is_secret:
        return []
    answers = (
        BallotAnswer.objects.filter(ballot__vote=vote)
        .exclude(reason="")
        .select_related("ballot__open_voter")
        .order_by("ballot__open_voter__name", "ballot__open_voter_id")
    )
    return [
        BallotReason(
            a.ballot.open_voter.name if a.ballot.open_voter else "",
            a.ballot.get_choice_display(),
            a.reason,
        )
        for a in answers
    ]


def ballot_by_receipt(vote: Vote, code: str) -> Ballot | None:
    """The ballot with this receipt (open) or tracking code (secret), once the vote closed."""
    if vote.status != VoteStatus.CLOSED or not code.strip():
        return None
    if vote.is_secret:
        return Ballot.objects.filter(vote=vote, tracking_code=normalise_code(code)).first()
    return Ballot.objects.filter(vote=vote, receipt_hash=receipt_hash(code)).first()


def counted_ballot_codes(vote: Vote) -> list[str]:
    """The tracking codes of a closed secret vote's ballots, in the order of the codes."""
    if vote.status != VoteStatus.CLOSED or not vote.is_secret:
        return []
    codes = Ballot.objects.filter(vote=vote).order_by("tracking_code")
    return [code for code in codes.values_list("tracking_code", flat=True) if code]


def get_counted_ballots_vote(vote_id: int) -> Vote:
    """A closed secret vote whose list of counted ballots anyone may read."""
    vote = (
        Vote.objects.select_related("recommendation")
        .filter(pk=vote_id, status=VoteStatus.CLOSED, ballot_kind=BallotKind.SECRET)
        .first()
    )
    if vote is None:
        raise Http404
    return vote


def vote_trustees(vote: Vote) -> list[VoteTrustee]:
    """The trustees of a secret vote, with whether each has opened their part of the count."""
    return list(vote.trustees.select_related("trustee__user").order_by("share_index"))


def trustee_key_of(actor: Actor) -> TrusteeKey | None:
    """The actor's own trustee key, if they set a passphrase."""
    if not actor.is_authenticated:
        return None
    return TrusteeKey.objects.filter(user_id=actor.pk).first()


def member_by_feed_token(token: str) -> NetworkMember | None:
    """The member whose calendar feed this secret token opens."""
    if not token:
        return None
    hashed = keyed_hash(FEED_TOKEN_PURPOSE, token)
    return NetworkMember.objects.filter(feed_token_hash=hashed, is_active=True).first()


def meetings_of_member(member: NetworkMember) -> QuerySet[Meeting]:
    """Scheduled or held meetings she registered for, plus every plenary, for her feed."""
    return (
        Meeting.objects.exclude(status=MeetingStatus.POLLING)
        .filter(Q(registrations__member=member) | Q(group__isnull=True))
        .distinct()
        .select_related("group")
        .order_by("starts_at")
    )


def meetings_and_recommendations_titled(titles: list[str]) -> list[Meeting | Recommendation]:
    """Meetings and recommendations with these titles (for demo data; no authorisation)."""
    return [
        *Meeting.objects.filter(title__in=titles),
        *Recommendation.objects.filter(title__in=titles),
    ]


def groups_by_slug(slugs: list[str]) -> dict[str, WorkingGroup]:
    """Working groups keyed by slug (for imports and demo data; no authorisation)."""
    return {g.slug: g for g in WorkingGroup.objects.filter(slug__in=slugs)}


@dataclass(frozen=True)
class FundingInputRef:
    """An adopted recommendation marked as input to a future funding call (for funding)."""

    id: int
    title: str
    group: str
    decided_on: dt.date | None


def funding_call_inputs() -> list[FundingInputRef]:
    """Adopted recommendations the network wants a future funding call to take up."""
    found = Recommendation.objects.filter(
        status=RecommendationStatus.ADOPTED, funding_call_input=True
    ).select_related("group")
    return [
        FundingInputRef(r.pk, r.title, r.group.name, r.decided_on)
        for r in found.order_by("-decided_on", "-id")
    ]


@dataclass(frozen=True)
class PlenaryResult:
    """How the plenary voted on a recommendation: the published tally of its counted vote."""

    yes: int
    no: int
    abstain: int
    turnout: int
    electorate: int
    quorum_met: bool
    carried: bool
    secret: bool
    closed_on: dt.date | None


@dataclass(frozen=True)
class AdoptedRef:
    """An adopted recommendation and its plenary result, for the funding program (public)."""

    id: int
    title: str
    group: str
    decided_on: dt.date | None
    result: PlenaryResult | None


def adopted_recommendations(ids: list[int] | None = None) -> list[AdoptedRef]:
    """Adopted recommendations (of these ids, when given) with their counted plenary vote.

    Public like the decisions they record: only the title, group, day and published tally.
    """
    found = Recommendation.objects.filter(status=RecommendationStatus.ADOPTED)
    if ids is not None:
        found = found.filter(pk__in=ids)
    counted = Vote.objects.filter(status=VoteStatus.CLOSED, counted=True).order_by("-closed_on")
    found = found.select_related("group").prefetch_related(Prefetch("votes", queryset=counted))
    return [_adopted_ref(r) for r in found.order_by("-decided_on", "-id")]


def _adopted_ref(recommendation: Recommendation) -> AdoptedRef:
    vote = next(iter(recommendation.votes.all()), None)
    result = None
    if vote is not None:
        result = PlenaryResult(
            vote.yes_count,
            vote.no_count,
            vote.abstain_count,
            vote.turnout,
            vote.electorate_size,
            vote.quorum_met,
            vote.carried,
            vote.is_secret,
            vote.closed_on,
        )
    return AdoptedRef(
        recommendation.pk,
        recommendation.title,
        recommendation.group.name,
        recommendation.decided_on,
        result,
    )


# Translations


TRANSLATABLE_KINDS = ("group", "recommendation", "meeting")


@dataclass(frozen=True)
class QueueRow:
    """One thing people wrote and the languages it still lacks (or has out of date)."""

    kind: str
    source: Translatable
    missing: list[str]
    out_of_date: list[str]


def translation_queue_for(actor: Actor) -> list[QueueRow]:
    """What the network's interpreters still have to translate, for them and the coordinator."""
    if not can_translate_network(actor):
        raise Http404
    from juntos.network.texts import is_current

    languages = [code for code, _ in settings.LANGUAGES]
    sources: list[tuple[str, Translatable]] = [
        *(("group", g) for g in WorkingGroup.objects.prefetch_related("texts")),
        *(("recommendation", r) for r in recommendations_for(actor).prefetch_related("texts")),
        *(("meeting", m) for m in Meeting.objects.prefetch_related("texts").order_by("-id")),
    ]
    rows = []
    for kind, source in sources:
        texts = {t.language: t for t in source.texts.all()}
        wanted = [lang for lang in languages if lang != source.language]
        missing = [lang for lang in wanted if lang not in texts]
        stale = [lang for lang in wanted if lang in texts and not is_current(texts[lang], source)]
        if missing or stale:
            rows.append(QueueRow(kind, source, missing, stale))
    return rows


def text_in(source: Translatable, language: str) -> ContentText | None:
    """The source's text in one language, if an interpreter gave it."""
    text: ContentText | None = source.texts.filter(language=language).first()
    return text


def get_translatable_for(actor: Actor, kind: str, source_id: int) -> Translatable:
    """A group, recommendation or meeting an interpreter may translate (404 otherwise)."""
    if not can_translate_network(actor) or kind not in TRANSLATABLE_KINDS:
        raise Http404
    if kind == "group":
        return get_group_for(actor, source_id)
    if kind == "recommendation":
        return get_recommendation_for(actor, source_id)
    return get_meeting_for(actor, source_id)


# Search


SEARCH_LIMIT = 50
EXCERPT_AROUND = 80


@dataclass(frozen=True)
class MinutesHit:
    """Minutes of a meeting that mention the words, with the passage around them."""

    minutes: Minutes
    excerpt: str


@dataclass(frozen=True)
class SearchResults:
    """What a search found, by kind, each list within what the actor may see."""

    recommendations: list[Recommendation]
    meetings: list[Meeting]
    minutes: list[MinutesHit]

    @property
    def empty(self) -> bool:
        return not (self.recommendations or self.meetings or self.minutes)


def _excerpt(text: str, words: str) -> str:
    at = text.lower().find(words.lower())
    start = max(at - EXCERPT_AROUND, 0) if at >= 0 else 0
    end = start + len(words) + 2 * EXCERPT_AROUND
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def search_for(actor: Actor, words: str) -> SearchResults:
    """Recommendations, meetings and minutes mentioning the words, in any of their languages.

    Plain case-insensitive containment (`icontains`) over the source and every translation,
    so it reads the same on SQLite and PostgreSQL; each kind goes through the selector its own
    page uses, so a search never shows what that page would not (drafts stay in their group).
    """
    _require_view(actor)
    in_recommendation = (
        Q(title__icontains=words)
        | Q(body__icontains=words)
        | Q(texts__title__icontains=words)
        | Q(texts__body__icontains=words)
    )
    recommendations = recommendations_listed_for(actor).filter(in_recommendation).distinct()
    in_meeting = (
        Q(title__icontains=words) | Q(location__icontains=words) | Q(texts__title__icontains=words)
    )
    meetings = meetings_for(actor).filter(in_meeting).distinct()
    minutes = (
        Minutes.objects.filter(meeting__in=meetings_for(actor), body__icontains=words)
        .select_related("meeting__group")
        .order_by("-meeting__starts_at", "-meeting_id", "language")
    )
    return SearchResults(
        list(recommendations[:SEARCH_LIMIT]),
        list(meetings[:SEARCH_LIMIT]),
        [MinutesHit(m, _excerpt(m.body, words)) for m in minutes[:SEARCH_LIMIT]],
    )


# Drafts: support, amendments and the group's decision


@dataclass(frozen=True)
class DraftStanding:
    """What a draft's page shows of its support, pending amendments and the group's answers."""

    supports: int
    supporters: list[str]  # names, only for the drafting group and the coordinator
    has_supported: bool
    pending: list[Amendment]
    decision: DecisionProgress | None  # None once the group has decided
    my_answer: bool | None  # the reader's agree/disagree on the current revision, if any


def draft_standing(actor: Actor, recommendation: Recommendation) -> DraftStanding:
    """A recommendation's support, amendments and decision as this reader may see them (a
    fixed number of queries however many there are)."""
    member = network_member_of(actor)
    supports = list(recommendation.supports.select_related("member"))
    pending = list(
        recommendation.amendments.filter(state=AmendmentState.PENDING)
        .select_related("proposer")
        .prefetch_related("texts")
    )
    decision = my_answer = None
    if recommendation.status == RecommendationStatus.DRAFT:
        revision = current_revision(recommendation)
        decision = decision_progress(recommendation, revision)
        if member is not None:
            mine = GroupAnswer.objects.filter(revision=revision, member=member).first()
            my_answer = None if mine is None else mine.agrees
    return DraftStanding(
        supports=len(supports),
        supporters=[s.member.name for s in supports]
        if can_see_supporters(actor, recommendation)
        else [],
        has_supported=member is not None and any(s.member_id == member.pk for s in supports),
        pending=pending,
        decision=decision,
        my_answer=my_answer,
    )


def get_amendment_for(actor: Actor, amendment_id: int) -> Amendment:
    """One amendment of a recommendation the actor may see (404 otherwise)."""
    _require_view(actor)
    amendment = (
        Amendment.objects.select_related(
            "recommendation__group", "proposer", "decided_by", "base", "revision"
        )
        .prefetch_related("texts")
        .filter(pk=amendment_id)
        .first()
    )
    if amendment is None or not can_view_recommendation(actor, amendment.recommendation):
        raise Http404
    return amendment


@dataclass(frozen=True)
class AmendmentLanguage:
    """One language of an amendment: what the draft says now against what is proposed."""

    language: str
    name: str
    proposed: bool
    has_current: bool  # whether the draft has a text in this language at all
    title: list[DiffPart]
    body: list[DiffPart]


def amendment_languages(amendment: Amendment) -> list[AmendmentLanguage]:
    """Each language, the draft's own first, compared word by word with the proposal: the
    draft's own language with the revision it was proposed on (translations keep no history,
    so the others with their text now)."""
    recommendation = amendment.recommendation
    now = {t.language: (t.title, t.body) for t in recommendation.texts.all()}
    now[recommendation.language] = (amendment.base.title, amendment.base.body)
    proposed = {t.language: (t.title, t.body) for t in amendment.texts.all()}
    order = sorted(settings.LANGUAGES, key=lambda lang: lang[0] != recommendation.language)
    rows = []
    for code, name in order:
        old = now.get(code, ("", ""))
        new = proposed.get(code, old)
        rows.append(
            AmendmentLanguage(
                language=code,
                name=str(name),
                proposed=code in proposed,
                has_current=code in now,
                title=word_diff(old[0], new[0]),
                body=word_diff(old[1], new[1]),
            )
        )
    return rows
