"""JSON API: check a document, and read the rules (both public)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja import Router, Schema, Status

from juntos.compliance import selectors, services
from juntos.compliance.models import Rule

router = Router(tags=["compliance"])
LANGUAGES = {code for code, _name in settings.LANGUAGES}


class CheckIn(Schema):
    kind: str
    # Empty: the language of the request (Accept-Language), else English.
    language: str = ""
    facts: dict[str, Any]


class FigureOut(Schema):
    label: str
    value: str
    unit: str


class FindingOut(Schema):
    rule_id: str
    severity: str
    summary: str
    figures: list[FigureOut]
    title: str
    explanation: str
    source_url: str
    source_title: str
    source_date: str
    effective_from: str
    certainty: str
    report_category: str
    source_kind: str


class CheckOut(Schema):
    kind: str
    language: str
    province: str
    program: str
    outcome: str
    findings: list[FindingOut]


class ErrorsOut(Schema):
    """A refused check: the checker's messages by field, or the API's own reason (bad JSON)."""

    errors: dict[str, list[str]] = {}
    detail: str | None = None


class VersionOut(Schema):
    effective_from: dt.date
    effective_to: dt.date | None
    certainty: str
    params: dict[str, Any]
    source_url: str
    source_title: str
    source_kind: str
    source_date: dt.date | None
    title: str
    explanation: str


class RuleOut(Schema):
    rule_id: str
    kind: str
    jurisdiction: str
    programs: list[str]
    family: str
    known_until: dt.date | None
    in_force_today: dt.date | None
    versions: list[VersionOut]


def _language(requested: str) -> str:
    return requested if requested in LANGUAGES else "en"


@router.post(
    "/check",
    response={200: CheckOut, 400: ErrorsOut},
    summary="Check a pay slip, contract or job offer",
)
def check(request: HttpRequest, payload: CheckIn) -> Status:
    language = _language(payload.language or translation.get_language() or "en")
    with translation.override(language):
        try:
            result = services.check_document(
                kind=payload.kind, facts=payload.facts, language=language
            )
        except ValidationError as error:
            errors = {k: [str(m) for m in v] for k, v in error.message_dict.items()}
            return Status(400, {"errors": errors})
    return Status(200, result.to_dict())


def _rule_out(rule: Rule, language: str) -> dict[str, Any]:
    current = selectors.version_in_force(rule, timezone.localdate())
    versions = []
    for version in rule.versions.all():
        wording = selectors.wording_of(version, language)
        versions.append(
            {
                "effective_from": version.effective_from,
                "effective_to": version.effective_to,
                "certainty": version.certainty,
                "params": version.params,
                "source_url": version.source_url,
                "source_title": version.source_title,
                "source_kind": version.source_kind,
                "source_date": version.source_date,
                "title": wording.title if wording else "",
                "explanation": wording.worker_text if wording else "",
            }
        )
    return {
        "rule_id": rule.rule_id,
        "kind": rule.kind,
        "jurisdiction": rule.jurisdiction,
        "programs": list(rule.programs or []),
        "family": rule.family,
        "known_until": rule.known_until,
        "in_force_today": current.effective_from if current else None,
        "versions": versions,
    }


@router.get("/rules", response=list[RuleOut], summary="Every rule with its versions")
def rules(request: HttpRequest, province: str = "", language: str = "en") -> list[dict[str, Any]]:
    found = selectors.rules_listing(province=province)
    return [_rule_out(rule, _language(language)) for rule in found]


@router.get("/rules/{rule_id}", response=RuleOut, summary="One rule with its versions")
def rule(request: HttpRequest, rule_id: str, language: str = "en") -> dict[str, Any]:
    return _rule_out(selectors.get_rule(rule_id), _language(language))
