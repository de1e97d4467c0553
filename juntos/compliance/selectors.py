"""Reads of rules (public) and of kept check results (their owner only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import people_with_role_in_kind
from juntos.compliance.choices import VersionStatus
from juntos.compliance.engine import VersionData, Wording
from juntos.compliance.loader import source_titles_of
from juntos.compliance.models import Rule, RuleExplanation, RuleVersion, SavedCheck
from juntos.compliance.policies import can_view_saved_check
from juntos.core.memory import ShortMemory


def _as_data(version: RuleVersion) -> VersionData:
    rule = version.rule
    return VersionData(
        rule_id=rule.rule_id,
        kind=rule.kind,
        jurisdiction=rule.jurisdiction,
        programs=tuple(rule.programs or ()),
        effective_from=version.effective_from,
        effective_to=version.effective_to,
        params=version.params,
        certainty=version.certainty,
        source_url=version.source_url,
        source_title=version.source_title,
        source_date=version.source_date,
        source_kind=version.source_kind,
        family=rule.family,
        known_until=rule.known_until,
        not_in=tuple(rule.not_in or ()),
        source_titles=source_titles_of(version.source_title),
        wordings={
            e.language: Wording(e.title, e.worker_text, e.employer_text)
            for e in version.explanations.all()
        },
    )


# How long a process checks documents from its memory of the rules. Rule changes made in the
# same process apply at once; other processes see them within this many seconds.
RULES_MEMORY_SECONDS = 5


# province -> versions: frozen dataclasses, shared as they are (see juntos/core/memory.py).
_memory: ShortMemory[list[VersionData]] = ShortMemory(seconds=RULES_MEMORY_SECONDS)


# The key of every rule's versions (the rights articles' figures), next to the provinces'.
ALL = "*"


def _load_versions(province: str) -> list[VersionData]:
    versions = RuleVersion.objects.filter(status=VersionStatus.APPROVED)
    if province != ALL:
        versions = versions.filter(rule__jurisdiction__in=["CA", province])
    versions = versions.select_related("rule").prefetch_related("explanations")
    return [_as_data(v) for v in versions]


def rule_versions_for(*, province: str) -> list[VersionData]:
    """Every version of the federal rules and of the province's rules (two queries, or none
    when this process read them in the last few seconds: rules change rarely)."""
    remembered = _memory.get(province)
    if remembered is not None:
        return remembered
    return _memory.put(province, _load_versions(province))


def forget_rules() -> None:
    """Drop this process's memory of the rules (after a version is added or rules loaded)."""
    _memory.forget()


def rules_listing(*, province: str = "") -> QuerySet[Rule]:
    """All rules with their versions and wordings, for the public list (three queries); with a
    province, the federal rules and that province's."""
    found = Rule.objects.prefetch_related(
        Prefetch(
            "versions",
            queryset=RuleVersion.objects.filter(status=VersionStatus.APPROVED)
            .order_by("effective_from")
            .prefetch_related("explanations"),
        )
    ).order_by("jurisdiction", "rule_id")
    return found.filter(jurisdiction__in=["CA", province.upper()[:2]]) if province else found


def rules_running_out(*, today: dt.date, within_days: int = 60) -> list[Rule]:
    """Rules whose known period has ended or ends within the days given, soonest first (one
    query): what a coordinator must check against a newer source."""
    horizon = today + dt.timedelta(days=within_days)
    return list(
        Rule.objects.filter(known_until__isnull=False, known_until__lte=horizon).order_by(
            "known_until", "rule_id"
        )
    )


def rule_versions_proposed() -> QuerySet[RuleVersion]:
    """Versions proposed on the desk that wait for a second editor, oldest first (one query
    with their rules and proposers, one for their wordings)."""
    return (
        RuleVersion.objects.filter(status=VersionStatus.PROPOSED)
        .select_related("rule", "created_by")
        .prefetch_related("explanations")
        .order_by("created_at", "pk")
    )


def get_proposed_version(version_id: int) -> RuleVersion:
    """A version waiting for approval, or 404."""
    version = rule_versions_proposed().filter(pk=version_id).first()
    if version is None:
        raise Http404
    return version


def rule_editors() -> QuerySet[SignedIn]:
    """The people who edit rules: the network secretariat's coordinators (to tell them)."""
    return people_with_role_in_kind(OrganisationKind.NETWORK_SECRETARIAT, [Role.COORDINATOR])


@dataclass(frozen=True)
class RuleFigure:
    """One parameter of a rule on a day, as the checker applies it (None: no version known)."""

    value: str | None
    certainty: str = ""
    effective_from: dt.date | None = None


def rule_figure(rule_id: str, param: str, day: dt.date) -> RuleFigure:
    """The parameter of the rule's approved version in force on the day, with its certainty;
    no value when no version covers the day (before the first, past the rule's known period)
    or the version has no such parameter. Read from the same memory as the checker."""
    versions = [v for v in rule_versions_for(province=ALL) if v.rule_id == rule_id]
    started = [v for v in versions if v.effective_from <= day]
    if not started:
        return RuleFigure(None)
    latest = max(started, key=lambda v: v.effective_from)
    ended = latest.effective_to is not None and latest.effective_to < day
    if ended or (latest.known_until is not None and latest.known_until < day):
        return RuleFigure(None)
    value = latest.params.get(param)
    if value is None:
        return RuleFigure(None)
    return RuleFigure(str(value), latest.certainty, latest.effective_from)


def get_rule(rule_id: str) -> Rule:
    """A rule by its id, with versions and wordings; rules are public."""
    rule = rules_listing().filter(rule_id=rule_id).first()
    if rule is None:
        raise Http404
    return rule


def version_in_force(rule: Rule, day: dt.date) -> RuleVersion | None:
    """The rule's version in force on the day, from its prefetched versions."""
    started = [v for v in rule.versions.all() if v.effective_from <= day]
    if not started:
        return None
    latest = max(started, key=lambda v: v.effective_from)
    if latest.effective_to is not None and latest.effective_to < day:
        return None
    if rule.known_until is not None and rule.known_until < day:
        return None
    return latest


def wording_of(version: RuleVersion, language: str) -> RuleExplanation | None:
    """The version's wording in the language, or in English, from prefetched rows."""
    by_language = {e.language: e for e in version.explanations.all()}
    return by_language.get(language) or by_language.get("en")


def saved_checks_for(actor: Actor) -> QuerySet[SavedCheck]:
    """The results the person kept, newest first; nobody else's."""
    if not actor.is_authenticated:
        return SavedCheck.objects.none()
    return SavedCheck.objects.filter(owner=actor)


def get_saved_check_for(actor: Actor, check_id: int) -> SavedCheck:
    """One kept result, or 404 for anyone but the person who kept it."""
    saved = SavedCheck.objects.filter(pk=check_id).first()
    if saved is None or not can_view_saved_check(actor, saved):
        raise Http404
    return saved
