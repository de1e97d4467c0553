"""Debian's Chromium driven by Playwright: never a downloaded browser."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A 2-core machine shared with other work: waits are generous, and no test sleeps.
TIMEOUT_MS = 30_000
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str:
    """The system Chromium, or a clear instruction to install it."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    found = shutil.which("chromium")
    if found:
        return found
    raise RuntimeError("Debian's chromium is missing: run `scripts/setup-system --browser`.")
