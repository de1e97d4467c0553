"""Reading and checking the curated data files (TOML) into typed rows, before any write.

`frameworks_load` (services/frameworks.py) writes the rows; this module only parses, so one run
reports every problem in every file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from juntos.credentials.choices import Certainty, EquivalenceStatus, MatchKind

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = {"en", "es", "fr"}


@dataclass(frozen=True)
class FrameworkRow:
    code: str
    country: str
    names: dict[str, str]
    publisher: str
    source_url: str
    licence: str


@dataclass(frozen=True)
class UnitRow:
    code: str
    titles: dict[str, str]


@dataclass(frozen=True)
class StandardRow:
    framework: str
    code: str
    uri: str
    titles: dict[str, str]
    teer: int | None
    certainty: str
    note: str
    source_url: str
    units: list[UnitRow]


@dataclass(frozen=True)
class EquivalenceRow:
    key: str
    source: str
    target: str
    match: str
    status: str
    endorsed_by: str
    covered_units: list[str]
    gap_notes: dict[str, str]
    source_note: str
    source_url: str


@dataclass
class Tables:
    frameworks: list[FrameworkRow] = field(default_factory=list)
    standards: list[StandardRow] = field(default_factory=list)
    equivalences: list[EquivalenceRow] = field(default_factory=list)


def _raw(directory: Path) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {"framework": [], "standard": [], "equivalence": []}
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as handle:
            try:
                parsed = tomllib.load(handle)
            except tomllib.TOMLDecodeError as error:
                raise ValidationError(f"{path.name}: {error}") from error
        for name, rows in parsed.items():
            if name not in tables or not isinstance(rows, list):
                raise ValidationError(f"{path.name}: unknown table {name!r}")
            tables[name].extend(rows)
    return tables


def _need(row: dict[str, Any], where: str, *names: str) -> list[str]:
    return [f"{where}: missing {n}" for n in names if not str(row.get(n, "")).strip()]


def _titles(row: dict[str, Any], where: str, key: str = "titles") -> list[str]:
    titles = row.get(key)
    if not isinstance(titles, dict) or not titles or set(titles) - LANGUAGES:
        return [f"{where}: {key} must map en/es/fr to text"]
    return [f"{where}: empty {key}"] if not all(str(v).strip() for v in titles.values()) else []


def _check_standards(rows: list[dict[str, Any]], frameworks: set[str]) -> list[str]:
    problems: list[str] = []
    uris: set[str] = set()
    for s in rows:
        where = f"standard {s.get('framework')}/{s.get('code')}"
        problems += _need(s, where, "framework", "code", "uri", "source_url", "certainty")
        problems += _titles(s, where)
        if s.get("framework") not in frameworks:
            problems.append(f"{where}: unknown framework")
        if s.get("certainty") not in Certainty.values:
            problems.append(f"{where}: certainty must be one of {Certainty.values}")
        if "teer" in s and s["teer"] not in range(6):
            problems.append(f"{where}: TEER is 0 to 5")
        if s.get("uri") in uris:
            problems.append(f"{where}: URI used twice")
        uris.add(str(s.get("uri")))
        for u in s.get("unit", []):
            problems += _need(u, f"{where} unit", "code") + _titles(u, f"{where} unit")
    return problems


def _check_equivalences(rows: list[dict[str, Any]], units: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []
    for e in rows:
        where = f"equivalence {e.get('key')!r}"
        problems += _need(e, where, "key", "source", "target", "match", "status", "source_note")
        if e.get("source") not in units or e.get("target") not in units:
            problems.append(f"{where}: source and target must be standards in the files")
        elif set(e.get("covered_units", [])) - units[e["target"]]:
            problems.append(f"{where}: covered units must be units of the target")
        if e.get("match") not in MatchKind.values:
            problems.append(f"{where}: match must be one of {MatchKind.values}")
        if e.get("status") not in EquivalenceStatus.values:
            problems.append(f"{where}: status must be one of {EquivalenceStatus.values}")
        if e.get("status") != EquivalenceStatus.PROPOSED and not e.get("endorsed_by"):
            problems.append(f"{where}: an endorsed or official mapping names who says so")
    return problems


def read_tables(directory: Path = DATA_DIR) -> Tables:
    """Every row of the files, typed; raises ValidationError listing every problem found."""
    raw = _raw(directory)
    problems: list[str] = []
    for f in raw["framework"]:
        where = f"framework {f.get('code')!r}"
        problems += _need(f, where, "code", "country", "publisher", "source_url", "licence")
        problems += _titles(f, where, "names")
    problems += _check_standards(raw["standard"], {str(f.get("code")) for f in raw["framework"]})
    units = {str(s.get("uri")): {str(u.get("code")) for u in s.get("unit", [])}
             for s in raw["standard"]}  # fmt: skip
    problems += _check_equivalences(raw["equivalence"], units)
    if problems:
        raise ValidationError(problems)
    return Tables(
        frameworks=[FrameworkRow(f["code"], f["country"], f["names"], f["publisher"],
                                 f["source_url"], f["licence"]) for f in raw["framework"]],
        standards=[
            StandardRow(s["framework"], s["code"], s["uri"], s["titles"], s.get("teer"),
                        s["certainty"], s.get("note", ""), s["source_url"],
                        [UnitRow(u["code"], u["titles"]) for u in s.get("unit", [])])
            for s in raw["standard"]
        ],
        equivalences=[
            EquivalenceRow(e["key"], e["source"], e["target"], e["match"], e["status"],
                           e.get("endorsed_by", ""), list(e.get("covered_units", [])),
                           e.get("gap_notes", {}), e["source_note"], e.get("source_url", ""))
            for e in raw["equivalence"]
        ],
    )  # fmt: skip
