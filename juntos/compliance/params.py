"""Checking a rule version's parameters against what its evaluator reads."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from juntos.compliance.choices import DeductionType
from juntos.compliance.engine import PARAM_SPECS
from juntos.core.jurisdictions import Province

MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return Decimal(str(value)) >= 0
    except InvalidOperation:
        return False


def _valid(kind: str, value: Any) -> bool:
    if kind in ("money", "number"):
        return _is_number(value)
    if kind == "month-day":
        return isinstance(value, str) and bool(MONTH_DAY.match(value))
    if kind == "deduction":
        return value in DeductionType.values
    if kind == "deductions":
        return isinstance(value, list) and all(v in DeductionType.values for v in value)
    if kind == "words":
        return isinstance(value, list) and all(isinstance(v, str) and v for v in value)
    if kind == "provinces":
        return isinstance(value, list) and all(v in Province.values for v in value)
    return False


def check_params(rule_kind: str, params: Mapping[str, Any]) -> list[str]:
    """Problems with the parameters, in the current language; empty when they are right."""
    spec = PARAM_SPECS.get(rule_kind)
    if spec is None:
        return [_("No check knows this kind of rule.")]
    if not isinstance(params, Mapping):
        return [_("Parameters must be a JSON object.")]
    problems = []
    for name, kind in spec.items():
        optional = kind.endswith("?")
        kind = kind.rstrip("?")
        if name not in params:
            if not optional:
                problems.append(_("Missing parameter: %(name)s") % {"name": name})
        elif not _valid(kind, params[name]):
            problems.append(
                _("Parameter %(name)s is not a valid %(kind)s.") % {"name": name, "kind": kind}
            )
    return problems
