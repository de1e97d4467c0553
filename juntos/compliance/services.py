"""Every write of the compliance app, and `check_document`, the checker other apps may call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.compliance.choices import (
    Audience,
    Certainty,
    DeductionType,
    DocumentKind,
    Severity,
    SourceKind,
    VersionStatus,
)
from juntos.compliance.documents import Document, document_from_facts
from juntos.compliance.engine import Finding, evaluate, finding_order
from juntos.compliance.loader import RULES_FILE, RuleSpec, TextSpec, read_rules
from juntos.compliance.models import Rule, RuleExplanation, RuleVersion, SavedCheck
from juntos.compliance.params import check_params
from juntos.compliance.policies import can_approve_rule_version, can_manage_rules, can_save_check
from juntos.compliance.selectors import (
    forget_rules,
    rule_editors,
    rule_versions_for,
    rules_running_out,
)
from juntos.core.services import audit_record, notify_person
from juntos.core.tally import tally_fact
from juntos.rights.services import articles_follow_rule_version

__all__ = [
    "CheckResult",
    "SlipFindings",
    "TextSpec",
    "check_document",
    "rule_version_add",
    "rule_version_approve",
    "rule_version_reject",
    "rules_load",
    "rules_running_out_send",
    "saved_check_create",
    "saved_check_delete",
]


@dataclass(frozen=True)
class SlipFindings:
    """One pay slip of a season check and what its own check found."""

    start_date: dt.date
    end_date: dt.date
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: what was checked and the findings, in one language."""

    kind: str
    language: str
    audience: str
    province: str
    program: str
    facts: dict[str, object]
    findings: list[Finding] = field(default_factory=list)
    # A season check: each pay slip with its own findings (the season's are in `findings`).
    slips: tuple[SlipFindings, ...] = ()

    @property
    def outcome(self) -> str:
        """The most serious finding's severity, or "clear"."""
        for severity in (Severity.VIOLATION, Severity.NOT_COVERED, Severity.ASK, Severity.INFO):
            if any(f.severity == severity for f in self.findings):
                return str(severity)
        return "clear"

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "language": self.language,
            "audience": self.audience,
            "province": self.province,
            "program": self.program,
            "outcome": self.outcome,
            "facts": self.facts,
            "findings": [f.to_dict() for f in self.findings],
        }


SEASON = "season"
MAX_SLIPS = 40


def check_document(
    *,
    kind: str,
    facts: Mapping[str, object],
    language: str,
    audience: str = Audience.WORKER,
    record_facts: bool = True,
) -> CheckResult:
    """Check a pay slip, contract or job offer, or (kind "season", facts {"slips": [...]})
    several pay slips of one season together; raises ValidationError keyed by field."""
    if kind == SEASON:
        return _check_season(facts, language, audience, record_facts)
    document = document_from_facts(kind, facts)
    versions = rule_versions_for(province=document.province)
    findings = evaluate(document, versions, language=language, audience=audience)
    result = CheckResult(
        kind=kind,
        language=language,
        audience=audience,
        province=document.province,
        program=document.program,
        facts=document.to_facts(),
        findings=findings,
    )
    if record_facts:
        _record_check_facts(result)
    return result


def _season_documents(facts: Mapping[str, object]) -> list[Document]:
    slips = facts.get("slips") if isinstance(facts, Mapping) else None
    if not isinstance(slips, list) or not 1 <= len(slips) <= MAX_SLIPS:
        raise ValidationError(
            {"slips": [_("Give between 1 and %(most)s pay slips.") % {"most": MAX_SLIPS}]}
        )
    documents, errors = [], {}
    for index, slip in enumerate(slips, start=1):
        try:
            documents.append(document_from_facts(DocumentKind.PAY_SLIP, slip))
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                errors[f"slips.{index}.{name}"] = problems
    if errors:
        raise ValidationError(errors)
    first = documents[0]
    if any(
        (d.province, d.program, d.start_date.year)
        != (first.province, first.program, first.start_date.year)
        for d in documents
    ):
        raise ValidationError(
            {"slips": [_("The pay slips must be from one season: one year, province and program.")]}
        )
    return sorted(documents, key=lambda d: d.start_date)


def _with_season_totals(documents: list[Document]) -> list[Document]:
    """Each slip with the housing deducted so far this season, its own included."""
    total, counted = Decimal(0), []
    for document in documents:
        total += document.deduction(DeductionType.HOUSING)
        stated = document.housing_to_date
        to_date = total if stated is None else max(total, stated)
        counted.append(replace(document, housing_to_date=to_date if to_date else None))
    return counted


def _check_season(
    facts: Mapping[str, object], language: str, audience: str, record_facts: bool
) -> CheckResult:
    documents = _with_season_totals(_season_documents(facts))
    versions = rule_versions_for(province=documents[0].province)
    findings: list[Finding] = []
    slips: list[SlipFindings] = []
    seen: set[tuple[str, str]] = set()
    for document in documents:
        own = evaluate(document, versions, language=language, audience=audience)
        slips.append(SlipFindings(document.start_date, document.end_date, tuple(own)))
        for finding in own:
            if (finding.rule_id, finding.summary) not in seen:
                seen.add((finding.rule_id, finding.summary))
                findings.append(finding)
    result = CheckResult(
        kind=SEASON,
        language=language,
        audience=audience,
        province=documents[0].province,
        program=documents[0].program,
        facts={"slips": [d.to_facts() for d in documents]},
        findings=sorted(findings, key=finding_order),
        slips=tuple(slips),
    )
    if record_facts:
        _record_check_facts(result)
    return result


def _record_check_facts(result: CheckResult) -> None:
    # Coarse counts only: month, place, program, document and rule; never who checked. Added
    # up in the process and written every few seconds (core/tally.py), not one write per finding.
    sector = "employer" if result.audience == Audience.EMPLOYER else ""
    common = {"province": result.province, "program": result.program, "sector": sector}
    tally_fact(
        kind="compliance.check",
        category=result.kind,
        language=result.language,
        outcome=result.outcome,
        **common,
    )
    for finding in result.findings:
        tally_fact(
            kind="compliance.finding", category=finding.rule_id, outcome=finding.severity, **common
        )


def saved_check_create(*, actor: Actor, result: CheckResult) -> SavedCheck:
    """Keep a check result for the signed-in person who ran it."""
    if not can_save_check(actor) or not isinstance(actor, SignedIn):
        raise PermissionDenied
    with transaction.atomic():
        saved = SavedCheck.objects.create(
            owner=actor,
            kind=result.kind,
            saved_on=timezone.localdate(),
            language=result.language,
            province=result.province,
            program=result.program,
            facts=result.facts,
            findings=[f.to_dict() for f in result.findings],
        )
        audit_record(actor=actor, action="compliance.check_saved", target=saved)
    return saved


def saved_check_delete(*, actor: Actor, saved: SavedCheck) -> None:
    """Delete a kept result; only its owner may."""
    if saved.owner_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=actor, action="compliance.check_deleted", target=saved)
        saved.delete()


def rule_version_add(
    *,
    actor: Actor,
    rule: Rule,
    effective_from: dt.date,
    certainty: str,
    params: Mapping[str, object],
    source_url: str,
    source_title: str,
    source_date: dt.date | None,
    texts: Mapping[str, TextSpec],
    source_kind: str = SourceKind.SECONDARY,
    known_until: dt.date | None = None,
) -> RuleVersion:
    """Propose a new version of a rule (new figures, date, wording); editors only.

    The version is proposed: the checker, the rules pages and the articles ignore it until a
    second editor approves it (`rule_version_approve`). `known_until` extends the days the
    rule is known for, on approval; a version starting past them needs one, since the checker
    applies nothing past a rule's last known day.
    """
    if not can_manage_rules(actor):
        raise PermissionDenied
    _check_new_version(rule, effective_from, certainty, params, texts)
    _check_known_until(rule, effective_from, known_until, source_kind)
    with transaction.atomic():
        version = _create_version(
            rule,
            texts=texts,
            created_by=actor,
            effective_from=effective_from,
            certainty=certainty,
            params=dict(params),
            source_url=source_url,
            source_title=source_title,
            source_date=source_date,
            source_kind=source_kind,
            status=VersionStatus.PROPOSED,
            extends_known_until=known_until,
        )
        details = {
            "rule": rule.rule_id,
            "effective_from": effective_from.isoformat(),
            "known_until": known_until.isoformat() if known_until else None,
        }
        audit_record(
            actor=actor, action="compliance.rule_version_added", target=version, details=details
        )
    return version


def _check_reviewable(actor: Actor, version: RuleVersion) -> None:
    if not can_manage_rules(actor):
        raise PermissionDenied
    if version.status != VersionStatus.PROPOSED:
        raise ValidationError(_("This version was already approved or rejected."))
    if not can_approve_rule_version(actor, version):
        raise ValidationError(
            _("You proposed this version: another editor checks it and approves it.")
        )


def rule_version_approve(*, actor: Actor, version: RuleVersion) -> RuleVersion:
    """A second editor approves a proposed version: from now on the checker applies it, and
    the rights articles that state the rule's figures get a new version (and their alerts)."""
    _check_reviewable(actor, version)
    with transaction.atomic():
        version = RuleVersion.objects.select_for_update().select_related("rule").get(pk=version.pk)
        _check_reviewable(actor, version)
        rule = version.rule
        extends = version.extends_known_until
        if extends is not None and (rule.known_until is None or extends > rule.known_until):
            rule.known_until = extends
            rule.save(update_fields=["known_until"])
        version.status = VersionStatus.APPROVED
        version.reviewed_by = actor  # type: ignore[assignment]
        version.reviewed_on = timezone.localdate()
        version.save(update_fields=["status", "reviewed_by", "reviewed_on"])
        # The articles read the rules from this process's memory: forget it before they do.
        forget_rules()
        transaction.on_commit(forget_rules)
        articles = articles_follow_rule_version(
            rule_id=rule.rule_id,
            effective_from=version.effective_from,
            figures=[name for name, value in sorted(version.params.items()) if _is_money(value)],
            source_url=version.source_url,
            source_title=version.source_title,
            source_date=version.source_date or version.effective_from,
        )
        audit_record(
            actor=actor,
            action="compliance.rule_version_approved",
            target=version,
            details={
                "rule": rule.rule_id,
                "effective_from": version.effective_from.isoformat(),
                "proposed_by": version.created_by_id,
                "articles": articles,
            },
        )
    return version


def rule_version_reject(*, actor: Actor, version: RuleVersion) -> RuleVersion:
    """A second editor rejects a proposed version; it never takes effect (kept for the record)."""
    _check_reviewable(actor, version)
    with transaction.atomic():
        version = RuleVersion.objects.select_for_update().select_related("rule").get(pk=version.pk)
        _check_reviewable(actor, version)
        version.status = VersionStatus.REJECTED
        version.reviewed_by = actor  # type: ignore[assignment]
        version.reviewed_on = timezone.localdate()
        version.save(update_fields=["status", "reviewed_by", "reviewed_on"])
        audit_record(
            actor=actor,
            action="compliance.rule_version_rejected",
            target=version,
            details={"rule": version.rule.rule_id, "proposed_by": version.created_by_id},
        )
    return version


def _is_money(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        Decimal(value)
    except ArithmeticError:
        return False
    return "." in value


def _check_new_version(
    rule: Rule,
    effective_from: dt.date,
    certainty: str,
    params: Mapping[str, object],
    texts: Mapping[str, TextSpec],
) -> None:
    errors: dict[str, Sequence[str | Promise]] = {}
    live = rule.versions.exclude(status=VersionStatus.REJECTED)
    if live.filter(effective_from=effective_from).exists():
        errors["effective_from"] = [_("This rule already has a version starting on that day.")]
    if certainty not in Certainty.values:
        errors["certainty"] = [_("Choose confirmed or not yet verified.")]
    param_errors = check_params(rule.kind, params)
    if param_errors:
        errors["params"] = param_errors
    for language, text in texts.items():
        if not (text.title.strip() and text.worker_text.strip() and text.employer_text.strip()):
            errors[f"title_{language}"] = [_("Give the title and both explanations.")]
    if errors:
        raise ValidationError(errors)


def _check_known_until(
    rule: Rule, effective_from: dt.date, known_until: dt.date | None, source_kind: str
) -> None:
    errors: dict[str, Sequence[str | Promise]] = {}
    if source_kind not in SourceKind.values:
        errors["source_kind"] = [_("Choose official or secondary.")]
    if known_until is not None and known_until < effective_from:
        errors["known_until"] = [_("This must be on or after the day the version starts.")]
    past_known = rule.known_until is not None and effective_from > rule.known_until
    if known_until is None and past_known:
        errors["known_until"] = [
            _("The rule is known only until %(day)s: say until when this version holds.")
            % {"day": rule.known_until.isoformat() if rule.known_until else ""}
        ]
    if errors:
        raise ValidationError(errors)


def _create_version(rule: Rule, *, texts: Mapping[str, TextSpec], **fields: object) -> RuleVersion:
    version = RuleVersion.objects.create(rule=rule, **fields)
    RuleExplanation.objects.bulk_create(
        RuleExplanation(
            version=version,
            language=language,
            title=text.title,
            worker_text=text.worker_text,
            employer_text=text.employer_text,
        )
        for language, text in texts.items()
    )
    return version


def rules_load(*, path: Path = RULES_FILE) -> int:
    """Load the rules data file; returns how many versions were new. Running twice adds none.

    A version already present (same rule and start day) is left as it is, so a coordinator's
    corrections are never overwritten by the file.
    """
    with transaction.atomic():
        created = sum(_load_rule(spec) for spec in read_rules(path))
        forget_rules()
        transaction.on_commit(forget_rules)
        if created:
            audit_record(
                actor=None, action="compliance.rules_loaded", details={"versions": created}
            )
    return created


def _load_rule(spec: RuleSpec) -> int:
    rule, _new = Rule.objects.update_or_create(
        rule_id=spec.rule_id,
        defaults={
            "kind": spec.kind,
            "jurisdiction": spec.jurisdiction,
            "programs": spec.programs,
            "family": spec.family,
            "not_in": list(spec.not_in),
        },
    )
    # The file's known period only ever grows, so a desk extension is never cut back.
    if spec.known_until and (rule.known_until is None or rule.known_until < spec.known_until):
        rule.known_until = spec.known_until
        rule.save(update_fields=["known_until"])
    existing = set(
        rule.versions.exclude(status=VersionStatus.REJECTED).values_list(
            "effective_from", flat=True
        )
    )
    new_versions = [v for v in spec.versions if v.effective_from not in existing]
    for version in new_versions:
        _create_version(
            rule,
            effective_from=version.effective_from,
            certainty=version.certainty,
            params=version.params,
            source_url=version.source_url,
            source_title=version.source_title,
            source_date=version.source_date,
            source_kind=version.source_kind,
            texts=version.texts,
        )
    return len(new_versions)


def rules_running_out_send(*, today: dt.date | None = None, within_days: int = 60) -> int:
    """Send the editors (the network secretariat's coordinators) the rules whose known period
    has ended or ends within the days given, each in her language; the daily job. Returns how
    many were told (nobody when no rule is running out)."""
    today = today or timezone.localdate()
    rules = rules_running_out(today=today, within_days=within_days)
    if not rules:
        return 0
    from django.urls import reverse
    from django.utils.formats import date_format

    def render() -> tuple[str, str]:
        lines = [
            (
                _("%(rule)s: known until %(day)s (ended)")
                if rule.known_until < today
                else _("%(rule)s: known until %(day)s")
            )
            % {"rule": rule.rule_id, "day": date_format(rule.known_until)}
            for rule in rules
            if rule.known_until is not None
        ]
        subject = _("Rules to check again: %(count)s") % {"count": len(rules)}
        body = "\n".join(
            [
                str(
                    _(
                        "Juntos: these rules are known for a period that has ended or ends "
                        "within %(days)s days. Check them against a newer source and add a "
                        "version on the rules desk:"
                    )
                    % {"days": within_days}
                ),
                *(str(line) for line in lines),
                settings.SITE_URL + reverse("compliance:rules_desk"),
            ]
        )
        return str(subject), body

    told = 0
    with transaction.atomic():
        for person in rule_editors():
            told += notify_person(person, render)
        audit_record(
            actor=None,
            action="compliance.rules_running_out_sent",
            details={"rules": [rule.rule_id for rule in rules], "people": told},
        )
    return told
