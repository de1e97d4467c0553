"""The rules data file as plain engine data, and the engine run on it, without the database."""

from __future__ import annotations

from functools import cache

from juntos.compliance.documents import Document
from juntos.compliance.engine import Finding, VersionData, Wording, evaluate
from juntos.compliance.loader import read_rules


@cache
def file_versions() -> tuple[VersionData, ...]:
    """Every version of the rules file as engine data, without the database."""
    versions = []
    for rule in read_rules():
        for version in rule.versions:
            versions.append(
                VersionData(
                    rule_id=rule.rule_id,
                    kind=rule.kind,
                    jurisdiction=rule.jurisdiction,
                    programs=tuple(rule.programs),
                    effective_from=version.effective_from,
                    effective_to=None,
                    params=version.params,
                    certainty=version.certainty,
                    source_url=version.source_url,
                    source_title=version.source_title,
                    source_date=version.source_date,
                    source_kind=version.source_kind,
                    family=rule.family,
                    known_until=rule.known_until,
                    not_in=rule.not_in,
                    source_titles=version.source_titles,
                    wordings={
                        lang: Wording(t.title, t.worker_text, t.employer_text)
                        for lang, t in version.texts.items()
                    },
                )
            )
    return tuple(versions)


def findings(
    document: Document, *, language: str = "en", audience: str = "worker"
) -> list[Finding]:
    return evaluate(document, file_versions(), language=language, audience=audience)


def of_rule(document: Document, rule_id: str, **options: str) -> list[Finding]:
    return [f for f in findings(document, **options) if f.rule_id == rule_id]


def severities(document: Document, rule_id: str) -> list[str]:
    return [f.severity for f in of_rule(document, rule_id)]
