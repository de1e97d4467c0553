"""Running the engine on the rules file in tests."""

from __future__ import annotations

from juntos.compliance.documents import Document
from juntos.compliance.engine import Finding, evaluate
from juntos.compliance.tests.factories import file_versions


def findings(
    document: Document, *, language: str = "en", audience: str = "worker"
) -> list[Finding]:
    return evaluate(document, file_versions(), language=language, audience=audience)


def of_rule(document: Document, rule_id: str, **options: str) -> list[Finding]:
    return [f for f in findings(document, **options) if f.rule_id == rule_id]


def severities(document: Document, rule_id: str) -> list[str]:
    return [f.severity for f in of_rule(document, rule_id)]
