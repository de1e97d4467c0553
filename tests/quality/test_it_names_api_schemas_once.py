"""Two API schemas with one class name collide in the OpenAPI document: the last one wins, and
the other app's responses are then documented (and fuzzed) against the wrong shape."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict

from ninja import Schema

import juntos


def test_every_api_schema_has_its_own_name():
    homes: dict[str, set[str]] = defaultdict(set)
    for module_info in pkgutil.walk_packages(juntos.__path__, "juntos."):
        if not module_info.name.endswith(".api") or ".tests" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                homes[name].add(module.__name__)
    shared = {name: sorted(modules) for name, modules in homes.items() if len(modules) > 1}
    assert not shared, shared
