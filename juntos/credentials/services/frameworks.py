"""Loading the curated frameworks from the data files, and curators' links to courses.

The loader reads and checks every file before it writes anything; a second run with the same
files changes nothing. Rows the files no longer name are left in place: credentials may point
at them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.credentials.datafiles import DATA_DIR, EquivalenceRow, StandardRow, read_tables
from juntos.credentials.models import Equivalence, Framework, Standard, Unit
from juntos.credentials.policies import can_curate

__all__ = ["DATA_DIR", "LoadResult", "frameworks_load"]


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


_Row = TypeVar("_Row", Framework, Standard, Unit, Equivalence)


def _upsert(
    model: type[_Row], lookup: dict[str, object], values: dict[str, object], result: LoadResult
) -> _Row:
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        result.created += 1
        return model._default_manager.create(**lookup, **values)
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
    tables = read_tables(directory)
    result = LoadResult()
    with transaction.atomic():
        frameworks = {
            f.code: _upsert(
                Framework, {"code": f.code},
                {"country": f.country, "names": f.names, "publisher": f.publisher,
                 "source_url": f.source_url, "licence": f.licence},
                result,
            )
            for f in tables.frameworks
        }  # fmt: skip
        standards = {s.uri: _load_standard(s, frameworks[s.framework], result)
                     for s in tables.standards}  # fmt: skip
        for e in tables.equivalences:
            _load_equivalence(e, standards, result)
        if result.created or result.updated:  # a load that changes nothing leaves no entry
            audit_record(
                actor=actor,
                action="credentials.frameworks_loaded",
                details={"created": result.created, "updated": result.updated},
            )
    return result


def _load_standard(s: StandardRow, framework: Framework, result: LoadResult) -> Standard:
    standard = _upsert(
        Standard, {"framework": framework, "code": s.code},
        {"uri": s.uri, "titles": s.titles, "teer": s.teer, "certainty": s.certainty,
         "note": s.note, "source_url": s.source_url},
        result,
    )  # fmt: skip
    for position, u in enumerate(s.units):
        _upsert(
            Unit, {"standard": standard, "code": u.code},
            {"titles": u.titles, "position": position}, result,
        )  # fmt: skip
    return standard


def _load_equivalence(
    e: EquivalenceRow, standards: dict[str, Standard], result: LoadResult
) -> None:
    target = standards[e.target]
    row = _upsert(
        Equivalence, {"key": e.key},
        {"source": standards[e.source], "target": target, "match": e.match, "status": e.status,
         "endorsed_by": e.endorsed_by, "gap_notes": e.gap_notes, "source_note": e.source_note,
         "source_url": e.source_url},
        result,
    )  # fmt: skip
    wanted = set(target.units.filter(code__in=e.covered_units))
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
