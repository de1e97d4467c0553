"""Reading the rules data file into plain specs, with each language's texts rendered.

`services.rules_load` writes the specs; nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
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
    # The source's title per language, from the file's [source_titles] catalogue.
    source_titles: dict[str, str] = field(default_factory=dict)


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
    titles = _source_titles(data)
    return [_rule(raw, templates, known_until, titles) for raw in data.get("rules", [])]


SourceTitles = Mapping[str, Mapping[str, str]]


def _source_titles(data: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Title as written in a version -> {language: title}. A publisher's name (a newspaper, a
    radio station) reads the same in every language and is listed in `names` instead."""
    catalogue = data.get("source_titles", {})
    titles: dict[str, dict[str, str]] = {name: {} for name in catalogue.get("names", [])}
    for title, by_language in catalogue.items():
        if title != "names":
            titles[title] = dict(by_language)
    return titles


@cache
def _file_source_titles(path: Path) -> dict[str, dict[str, str]]:
    with path.open("rb") as handle:
        return _source_titles(tomllib.load(handle))


def source_titles_of(title: str, path: Path = RULES_FILE) -> dict[str, str]:
    """The title in each language the rules file's catalogue gives (none for a name)."""
    return dict(_file_source_titles(path).get(title, {}))


def source_title_in(title: str, language: str, path: Path = RULES_FILE) -> str:
    """A source's title in the language, from the rules file's catalogue; a title the file
    does not know (a coordinator's new version) is shown as it was written."""
    return _file_source_titles(path).get(title, {}).get(language) or title


def _rule(
    raw: Mapping[str, Any],
    templates: Mapping[str, Any],
    known_until: dt.date | None,
    titles: SourceTitles,
) -> RuleSpec:
    try:
        texts = templates[raw["template"]] if "template" in raw else raw["text"]
        return RuleSpec(
            rule_id=raw["id"],
            kind=raw["kind"],
            jurisdiction=raw["jurisdiction"],
            programs=list(raw.get("programs", [])),
            versions=[_version(v, texts, raw.get("vars", {}), titles) for v in raw["versions"]],
            family=raw["family"],
            known_until=raw.get("known_until", known_until),
            not_in=tuple(raw.get("not_in", ())),
        )
    except KeyError as missing:
        raise ValueError(f"rule {raw.get('id', '?')}: missing {missing}") from missing


def _version(
    raw: Mapping[str, Any],
    texts: Mapping[str, Any],
    variables: Mapping[str, Any],
    titles: SourceTitles,
) -> VersionSpec:
    source = raw["source"]
    if source["title"] not in titles:
        raise KeyError(f"source_titles.{source['title']!r}")
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
        source_titles=dict(titles[source["title"]]),
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
