"""A field that may be left empty says "(optional)" once: the shared field template adds it, so a
label must not say it again ("Nombre que podemos usar (opcional, …) (opcional)")."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from juntos.testing.access import ANONYMOUS
from juntos.testing.personas import logged_in_client
from tests.browser.pages import page_rows, visitor

pytestmark = pytest.mark.django_db
OPTIONAL = {"en": "optional", "es": "opcional", "fr": "facultatif"}
LABEL = re.compile(r"<(label|legend)\b[^>]*>(.*?)</\1>", re.S)


def optional_twice(html: str, word: str) -> list[str]:
    """Labels and legends that say the word more than once."""
    texts = (re.sub(r"<[^>]+>", " ", match.group(2)) for match in LABEL.finditer(html))
    return [" ".join(t.split()) for t in texts if t.lower().count(word) > 1]


def test_no_worker_page_says_optional_twice_on_one_field(personas: Any) -> None:
    problems = []
    for row in page_rows("worker_page"):
        kwargs = row.kwargs(personas) if row.kwargs else {}
        who = visitor(row)
        client = Client() if who == ANONYMOUS else logged_in_client(getattr(personas, who))
        for language, word in OPTIONAL.items():
            with translation.override(language):
                url = reverse(row.name, kwargs=kwargs) + row.query
            response = client.get(url)
            if not response.get("Content-Type", "").startswith("text/html"):
                break
            problems += [f"{url}: {label}" for label in optional_twice(response.text, word)]
    assert not problems, "\n".join(problems)


def test_it_spots_a_label_that_says_it_twice() -> None:
    html = '<label for="x">Nombre (opcional, un apodo) <span class="help">(opcional)</span></label>'
    assert optional_twice(html, "opcional") == ["Nombre (opcional, un apodo) (opcional)"]
    assert not optional_twice('<label for="x">Nombre <span>(opcional)</span></label>', "opcional")
