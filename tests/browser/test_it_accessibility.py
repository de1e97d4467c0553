"""axe-core finds no serious or critical violation on any key page, in any language."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.axe import blocking_violations, readable
from tests.browser.chromium import PHONE
from tests.browser.pages import LANGUAGES, label, open_as, page_rows, visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CASES = [(row, lang) for row in page_rows("key_page") for lang in LANGUAGES]


@pytest.mark.parametrize(
    ("row", "language"), CASES, ids=[f"{label(r)}-{lang}" for r, lang in CASES]
)
def test_key_page_has_no_serious_accessibility_violation(
    new_page: Any, live_server: Any, personas: Any, row: Any, language: str
):
    page, url = open_as(
        new_page, live_server, personas, row, language, viewport=PHONE, bypass_csp=True
    )
    response = page.goto(url)
    assert response is not None and response.status < 400, (
        f"{url} as {visitor(row)}: {response and response.status}"
    )
    blocking = blocking_violations(page)
    assert not blocking, f"{url} as {visitor(row)}:\n" + readable(blocking)
