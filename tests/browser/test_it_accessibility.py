"""axe-core finds no serious or critical violation on any key page, in any language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import PHONE
from tests.browser.pages import LANGUAGES, label, open_as, page_rows, visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
CASES = [(row, lang) for row in page_rows("key_page") for lang in LANGUAGES]


@pytest.mark.parametrize(
    ("row", "language"), CASES, ids=[f"{label(r)}-{lang}" for r, lang in CASES]
)
def test_key_page_has_no_serious_accessibility_violation(
    new_page: Any, live_server: Any, personas: Any, row: Any, language: str
):
    assert AXE.exists(), "axe-core is missing: run `npm ci`"
    page, url = open_as(
        new_page, live_server, personas, row, language, viewport=PHONE, bypass_csp=True
    )
    response = page.goto(url)
    assert response is not None and response.status < 400, (
        f"{url} as {visitor(row)}: {response and response.status}"
    )
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{url} as {visitor(row)}:\n" + readable(blocking)


def readable(violations: list[dict[str, Any]]) -> str:
    """One block per rule: id, impact, help, and the selectors of the failing elements."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:10]:
            summary = " ".join(node["failureSummary"].split("\n")[:2])
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)
