"""Check a document described in a JSON file and print the findings.

The file holds {"kind": "payslip" | "contract" | "offer", "facts": {...}}; the facts are the
same as the API's (see docs/contract-check.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from juntos.compliance.services import CheckResult, check_document
from juntos.compliance.templatetags.compliance_tags import format_figure


class Command(BaseCommand):
    help = "Check a pay slip, contract or job offer described in a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the JSON file.")
        parser.add_argument(
            "--language", default="en", choices=[code for code, _name in settings.LANGUAGES]
        )
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args: object, **options: object) -> None:
        document = _read(Path(str(options["file"])))
        language = str(options["language"])
        with translation.override(language):
            try:
                result = check_document(
                    kind=str(document.get("kind", "")),
                    facts=document.get("facts") or {},
                    language=language,
                    record_facts=False,
                )
            except ValidationError as error:
                problems = "; ".join(
                    f"{k}: {' '.join(map(str, v))}" for k, v in error.message_dict.items()
                )
                raise CommandError(problems) from error
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        with translation.override(language):
            self._print(result)

    def _print(self, result: CheckResult) -> None:
        self.stdout.write(
            f"{result.kind} · {result.province} · {result.program} · {result.outcome}"
        )
        for finding in result.findings:
            self.stdout.write("")
            self.stdout.write(f"[{finding.severity}] {finding.rule_id}: {finding.title}")
            self.stdout.write(f"  {finding.summary}")
            for figure in finding.figures:
                self.stdout.write(f"  - {figure.label}: {format_figure(figure.value, figure.unit)}")
            self.stdout.write(f"  {finding.explanation}")
            if finding.source_url:
                official = finding.source_kind == "official"
                label = _("Official source") if official else _("Reported by")
                self.stdout.write(f"  {label}: {finding.source_title} <{finding.source_url}>")
        if not result.findings:
            self.stdout.write(str(_("No findings.")))


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise CommandError(f"{path}: expected a JSON object with kind and facts")
    return data
