"""Validating against the 360Giving schema kept in tests/data (see its README)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DATA = Path(__file__).parent / "data"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
# jsonschema checks "date-time" only with an optional package; the schema's oneOf between a
# date pattern and a date-time needs the check, so it is done here (RFC 3339, then a parse).
DATES = FormatChecker(formats=())


@DATES.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return False
    return True


def giving_errors(package: Any) -> list[str]:
    """Every way `package` breaks the 360Giving package schema (empty: valid)."""
    package_schema = json.loads((DATA / "360-giving-package-schema.json").read_text())
    grant_schema = json.loads((DATA / "360-giving-schema.json").read_text())
    # The files name the 2020-12 dialect with http://, which `referencing` does not detect.
    grant: Resource[Any] = DRAFT202012.create_resource(grant_schema)
    # The package refers to the grant schema by its 1.4.2 address; the file is 1.4.3's.
    registry = Registry().with_resources(
        [
            (grant_schema["$id"], grant),
            (package_schema["properties"]["grants"]["items"]["$ref"], grant),
        ]
    )
    validator = Draft202012Validator(package_schema, registry=registry, format_checker=DATES)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(package)]
