"""Find the scenario modules in bench/scenarios/."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import bench.scenarios


def scenario_modules() -> list[tuple[str, ModuleType]]:
    """Every module in bench/scenarios, by name, core first."""
    names = sorted(
        info.name for info in pkgutil.iter_modules(bench.scenarios.__path__) if not info.ispkg
    )
    names.sort(key=lambda n: (n != "core", n))
    return [(n, importlib.import_module(f"bench.scenarios.{n}")) for n in names]
