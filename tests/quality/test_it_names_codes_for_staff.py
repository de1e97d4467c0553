"""Staff read names, not stored codes: "español" and "WhatsApp", never a bare "es" or "whatsapp"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from juntos.testing.personas import logged_in_client
from tests.browser.pages import page_rows

pytestmark = pytest.mark.django_db
STAFF = ("amina", "ben", "ines", "admin")
CODES = ("es", "en", "fr", "sms", "whatsapp", "email")
# A cell, definition or item whose whole text is a code.
BARE_CODE = re.compile(r"<(td|dd|li|span|p)\b[^>]*>\s*(" + "|".join(CODES) + r")\s*</\1>")


def bare_codes(html: str) -> list[str]:
    return [match.group(0) for match in BARE_CODE.finditer(html)]


def test_no_staff_page_shows_a_bare_language_or_channel_code(personas: Any) -> None:
    problems = []
    clients = {who: logged_in_client(getattr(personas, who)) for who in STAFF}
    for row in page_rows():
        staff = [who for who in STAFF if who in row.allow]
        if not staff:
            continue
        kwargs = row.kwargs(personas) if row.kwargs else {}
        with translation.override("es"):
            url = reverse(row.name, kwargs=kwargs) + row.query
        for who in staff:
            response = clients[who].get(url)
            if not response.get("Content-Type", "").startswith("text/html"):
                break
            problems += [f"{url} as {who}: {code}" for code in bare_codes(response.text)]
    assert not problems, "\n".join(problems)


def test_it_spots_a_bare_code() -> None:
    assert bare_codes("<dd>whatsapp</dd><dd>WhatsApp Business</dd><td> es </td>") == [
        "<dd>whatsapp</dd>",
        "<td> es </td>",
    ]
