"""Loading the curated frameworks from the data files, and curators' links to courses.

The loader reads and checks every file before it writes anything; a second run with the same
files changes nothing. Rows the files no longer name are left in place (credentials may point
at them) and reported.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.credentials.choices import Certainty, EquivalenceStatus, MatchKind
from juntos.credentials.models import Equivalence, Framework, Standard, Unit
from juntos.credentials.policies import can_curate

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = {"en", "es", "fr"}


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def read_data(directory: Path = DATA_DIR) -> dict[str, list[dict[str, Any]]]:
    """The three tables of the data files, parsed but not yet checked."""
    tables: dict[str, list[dict[str, Any]]] = {"framework": [], "standard": [], "equivalence": []}
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as handle:
            parsed = tomllib.load(handle)
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


def check_data(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Every problem in the files, so one run tells the curator all of them."""
    problems: list[str] = []
    frameworks = {f.get("code") for f in tables["framework"]}
    for f in tables["framework"]:
        where = f"framework {f.get('code')!r}"
        problems += _need(f, where, "code", "country", "publisher", "source_url", "licence")
        problems += _titles(f, where, "names")
    uris: dict[str, set[str]] = {}
    for s in tables["standard"]:
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
        units = s.get("unit", [])
        for u in units:
            problems += _need(u, f"{where} unit", "code") + _titles(u, f"{where} unit")
        uris[str(s.get("uri"))] = {str(u.get("code")) for u in units}
    for e in tables["equivalence"]:
        where = f"equivalence {e.get('key')!r}"
        problems += _need(e, where, "key", "source", "target", "match", "status", "source_note")
        if e.get("source") not in uris or e.get("target") not in uris:
            problems.append(f"{where}: source and target must be standards in the files")
        elif set(e.get("covered_units", [])) - uris[e["target"]]:
            problems.append(f"{where}: covered units must be units of the target")
        if e.get("match") not in MatchKind.values:
            problems.append(f"{where}: match must be one of {MatchKind.values}")
        if e.get("status") not in EquivalenceStatus.values:
            problems.append(f"{where}: status must be one of {EquivalenceStatus.values}")
        if e.get("status") != EquivalenceStatus.PROPOSED and not e.get("endorsed_by"):
            problems.append(f"{where}: an endorsed or official mapping names who says so")
    return problems


def _upsert(model: Any, lookup: dict[str, Any], values: dict[str, Any], result: LoadResult) -> Any:
    row = model.objects.filter(**lookup).first()
    if row is None:
        result.created += 1
        return model.objects.create(**lookup, **values)
    changed = [k for k, v in values.items() if getattr(row, k) != v]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
        result.updated += 1
    else:
        result.unchanged += 1
    return row


def frameworks_load(*, actor: Actor | None, directory: Path = DATA_DIR) -> LoadResult:
    """Check every data file, then write frameworks, standards, units and equivalences at once."""
    if actor is not None and not can_curate(actor):
        raise PermissionDenied
    tables = read_data(directory)
    problems = check_data(tables)
    if problems:
        raise ValidationError(problems)
    result = LoadResult()
    with transaction.atomic():
        frameworks = {
            f["code"]: _upsert(
                Framework, {"code": f["code"]},
                {"country": f["country"], "names": f["names"], "publisher": f["publisher"],
                 "source_url": f["source_url"], "licence": f["licence"]},
                result,
            )
            for f in tables["framework"]
        }  # fmt: skip
        standards = {s["uri"]: _load_standard(s, frameworks[s["framework"]], result)
                     for s in tables["standard"]}  # fmt: skip
        for e in tables["equivalence"]:
            _load_equivalence(e, standards, result)
        if result.created or result.updated:  # a load that changes nothing leaves no entry
            audit_record(
                actor=actor,
                action="credentials.frameworks_loaded",
                details={"created": result.created, "updated": result.updated},
            )
    return result


def _load_standard(s: dict[str, Any], framework: Framework, result: LoadResult) -> Standard:
    standard = _upsert(
        Standard, {"framework": framework, "code": s["code"]},
        {"uri": s["uri"], "titles": s["titles"], "teer": s.get("teer"),
         "certainty": s["certainty"], "note": s.get("note", ""), "source_url": s["source_url"]},
        result,
    )  # fmt: skip
    for position, u in enumerate(s.get("unit", [])):
        _upsert(
            Unit, {"standard": standard, "code": u["code"]},
            {"titles": u["titles"], "position": position}, result,
        )  # fmt: skip
    return standard


def _load_equivalence(
    e: dict[str, Any], standards: dict[str, Standard], result: LoadResult
) -> None:
    target = standards[e["target"]]
    row = _upsert(
        Equivalence, {"key": e["key"]},
        {"source": standards[e["source"]], "target": target, "match": e["match"],
         "status": e["status"], "endorsed_by": e.get("endorsed_by", ""),
         "gap_notes": e.get("gap_notes", {}), "source_note": e["source_note"],
         "source_url": e.get("source_url", "")},
        result,
    )  # fmt: skip
    wanted = set(target.units.filter(code__in=e.get("covered_units", [])))
    if set(row.covered_units.all()) != wanted:
        row.covered_units.set(wanted)


def standard_course_link(*, actor: Actor | None, standard: Standard, course_id: int) -> Standard:
    """Name a course that prepares for the standard: completing it makes a worker eligible."""
    if actor is not None and not can_curate(actor):
        raise PermissionDenied
    with transaction.atomic():
        if course_id not in standard.course_ids:
            standard.course_ids = [*standard.course_ids, course_id]
            standard.save(update_fields=["course_ids"])
            audit_record(actor=actor, action="credentials.course_linked", target=standard,
                         details={"course": course_id})  # fmt: skip
    return standard


def equivalence_bridging_set(
    *, actor: Actor | None, equivalence: Equivalence, course_id: int | None
) -> Equivalence:
    """Name the course that bridges the mapping's gap (or none)."""
    if actor is not None and not can_curate(actor):
        raise PermissionDenied
    with transaction.atomic():
        if equivalence.bridging_course_id != course_id:
            equivalence.bridging_course_id = course_id
            equivalence.save(update_fields=["bridging_course_id"])
            audit_record(actor=actor, action="credentials.bridging_set", target=equivalence,
                         details={"course": course_id})  # fmt: skip
    return equivalence
