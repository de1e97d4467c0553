"""The served process keeps what it loaded at start out of the garbage collector's full
collections (see juntos/wsgi.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_wsgi_application_freezes_the_objects_loaded_at_start():
    script = (
        "import gc; before = gc.get_freeze_count(); import juntos.wsgi; "
        "print(before, gc.get_freeze_count())"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "juntos.settings_test"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    before, after = map(int, done.stdout.split())
    assert before == 0 and after > 10_000  # Django, the apps and their models at least
