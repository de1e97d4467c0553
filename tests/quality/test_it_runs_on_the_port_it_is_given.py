"""`make run PORT=…` serves on that port and every link, pamphlet and QR code it makes says so."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str, env: dict[str, str] | None = None) -> str:
    """What `make run` would do, without doing it (make -n runs no recipe)."""
    environment = {k: v for k, v in os.environ.items() if k != "JUNTOS_SITE_URL"}
    environment.update(env or {})
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return result.stdout


def test_the_site_url_follows_the_port() -> None:
    out = dry_run("PORT=8123")
    assert "runserver --noreload 127.0.0.1:8123" in out
    assert "JUNTOS_SITE_URL=http://127.0.0.1:8123 " in out  # the demo data's links and codes
    assert "export JUNTOS_SITE_URL=http://127.0.0.1:8123;" in out  # server, worker, scheduler
    assert ":8000" not in out


def test_an_explicit_site_url_wins_over_the_port() -> None:
    out = dry_run("PORT=8123", env={"JUNTOS_SITE_URL": "http://192.0.2.7:8123"})
    assert "export JUNTOS_SITE_URL=http://192.0.2.7:8123;" in out
    assert "runserver --noreload 127.0.0.1:8123" in out


def test_the_readme_says_how() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"make run PORT=\d+", readme)
    assert "JUNTOS_SITE_URL" in readme
    assert "make code who=tom" in readme
