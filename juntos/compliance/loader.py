"""Reading the rules data file into plain specs, with each language's texts rendered.

`services.rules_load` writes the specs; nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import formats, translation

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.toml"
DECIMAL_TEXT = re.compile(r"^\d+\.\d+$")


@dataclass(frozen=True)
class TextSpec:
    title: str
    worker_text: str
    employer_text: str


@dataclass(frozen=True)
class VersionSpec:
    effective_from: dt.date
    certainty: str
    params: dict[str, Any]
    source_url: str
    source_title: str
    source_date: dt.date | None
    texts: dict[str, TextSpec]
    source_kind: str = "secondary"


@dataclass(frozen=True)
class RuleSpec:
    rule_id: str
    kind: str
    jurisdiction: str
    programs: list[str]
    versions: list[VersionSpec]
    family: str = ""
    known_until: dt.date | None = None
    not_in: tuple[str, ...] = ()


def read_rules(path: Path = RULES_FILE) -> list[RuleSpec]:
    """Parse the data file; raises ValueError naming the rule when something is missing."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    templates = data.get("templates", {})
    known_until = data.get("coverage", {}).get("known_until")
    return [_rule(raw, templates, known_until) for raw in data.get("rules", [])]


def _rule(
    raw: Mapping[str, Any], templates: Mapping[str, Any], known_until: dt.date | None
) -> RuleSpec:
    try:
        texts = templates[raw["template"]] if "template" in raw else raw["text"]
        return RuleSpec(
            rule_id=raw["id"],
            kind=raw["kind"],
            jurisdiction=raw["jurisdiction"],
            programs=list(raw.get("programs", [])),
            versions=[_version(v, texts, raw.get("vars", {})) for v in raw["versions"]],
            family=raw["family"],
            known_until=raw.get("known_until", known_until),
            not_in=tuple(raw.get("not_in", ())),
        )
    except KeyError as missing:
        raise ValueError(f"rule {raw.get('id', '?')}: missing {missing}") from missing


def _version(
    raw: Mapping[str, Any], texts: Mapping[str, Any], variables: Mapping[str, Any]
) -> VersionSpec:
    source = raw["source"]
    rendered = {
        language: _render(
            texts[language],
            raw["params"],
            raw["effective_from"],
            variables.get(language, {}),
            raw.get("note", {}).get(language, ""),
            language,
        )
        for language, _name in settings.LANGUAGES
    }
    return VersionSpec(
        effective_from=raw["effective_from"],
        certainty=raw["certainty"],
        params=dict(raw["params"]),
        source_url=source["url"],
        source_title=source["title"],
        source_date=source.get("date"),
        texts=rendered,
        source_kind=source["kind"],
    )


def _render(
    text: Mapping[str, str],
    params: Mapping[str, Any],
    effective_from: dt.date,
    variables: Mapping[str, str],
    note: str,
    language: str,
) -> TextSpec:
    with translation.override(language):
        values = {name: _localised(value) for name, value in params.items()}
        values["effective_from"] = formats.date_format(effective_from, "DATE_FORMAT")
    values.update(variables)

    def fill(template: str) -> str:
        filled = template.format_map(values)
        return f"{filled} {note}".strip() if note else filled

    return TextSpec(
        title=text["title"].format_map(values),
        worker_text=fill(text["worker"]),
        employer_text=fill(text["employer"]),
    )


def _localised(value: Any) -> Any:
    if isinstance(value, str) and DECIMAL_TEXT.match(value):
        return formats.number_format(Decimal(value), decimal_pos=2, use_l10n=True)
    return value
