"""Every app holds its writes and its tables in one shape, decided by size (STYLE item 9).

`services` and `models` stay one module until they would pass ~800 lines; then they become a
package split by sub-domain, and a package whose parts together come under ~500 lines goes
back to being one module. docs/quality.md says the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "juntos"
LAYERS = ("services", "models")
MODULE_LIMIT = 800  # a module this long is split into a package by sub-domain
PACKAGE_FLOOR = 500  # a package smaller than this is one module again


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def shape_problems(app: Path) -> list[str]:
    """What breaks the rule in one app's services and models."""
    problems = []
    for layer in LAYERS:
        module, package = app / f"{layer}.py", app / layer
        if module.exists() and package.is_dir():
            problems.append(f"{app.name}: both {layer}.py and {layer}/")
        if module.exists() and _lines(module) > MODULE_LIMIT:
            problems.append(
                f"{app.name}/{layer}.py has {_lines(module)} lines: split it by sub-domain"
            )
        if package.is_dir():
            parts = sorted(package.glob("*.py"))
            total = sum(_lines(part) for part in parts)
            if total < PACKAGE_FLOOR:
                problems.append(f"{app.name}/{layer}/ has {total} lines: make it one module")
            problems += [
                f"{app.name}/{layer}/{part.name} has {_lines(part)} lines: split it"
                for part in parts
                if _lines(part) > MODULE_LIMIT
            ]
    return problems


def apps() -> list[Path]:
    return sorted(path.parent for path in ROOT.glob("*/apps.py"))


def test_it_finds_every_app() -> None:
    names = {app.name for app in apps()}
    assert {"accounts", "core", "network", "reports", "rights", "learning"} <= names


@pytest.mark.parametrize("app", apps(), ids=lambda app: app.name)
def test_each_app_follows_the_size_rule(app: Path) -> None:
    assert shape_problems(app) == []


def _write(path: Path, lines: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x = 1\n" * lines, encoding="utf-8")


def test_it_refuses_a_long_module_a_small_package_and_both_at_once(tmp_path: Path) -> None:
    long_module = tmp_path / "long"
    _write(long_module / "services.py", MODULE_LIMIT + 1)
    small_package = tmp_path / "small"
    _write(small_package / "models" / "__init__.py", 3)
    _write(small_package / "models" / "bodies.py", PACKAGE_FLOOR - 10)
    both = tmp_path / "both"
    _write(both / "services.py", 10)
    _write(both / "services" / "writes.py", PACKAGE_FLOOR + 10)
    assert shape_problems(long_module) == [
        f"long/services.py has {MODULE_LIMIT + 1} lines: split it by sub-domain"
    ]
    assert shape_problems(small_package) == [
        f"small/models/ has {PACKAGE_FLOOR - 7} lines: make it one module"
    ]
    assert shape_problems(both) == ["both: both services.py and services/"]


def test_it_accepts_a_short_module_and_a_package_worth_splitting(tmp_path: Path) -> None:
    _write(tmp_path / "fine" / "services.py", MODULE_LIMIT)
    _write(tmp_path / "fine" / "models" / "votes.py", PACKAGE_FLOOR)
    assert shape_problems(tmp_path / "fine") == []
