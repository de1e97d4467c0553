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
        "import gc, sys; before = gc.get_freeze_count(); import juntos.wsgi; "
        "from django.utils.translation.trans_real import _translations; "
        "print(before, gc.get_freeze_count(), 'juntos.urls' in sys.modules, "
        "'juntos.opportunities.views.employer' in sys.modules, "
        "sorted(code for code in _translations if code in ('en', 'es', 'fr')))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "juntos.settings_test"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    before, after, urls, views, *catalogues = done.stdout.split()
    assert int(before) == 0 and int(after) > 10_000  # Django, the apps and their models at least
    # Loaded before the freeze: the URLs with every view they name, each language's catalogue.
    assert (urls, views) == ("True", "True")
    assert " ".join(catalogues) == "['en', 'es', 'fr']"
