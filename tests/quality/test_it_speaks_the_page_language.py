"""No English on a Spanish or French page: worker-facing and network pages, with demo data.

Every GET row of the access matrix that is a worker page or a network page is opened, as the
row's first allowed persona, in Spanish and in French, after `seed_demo`; the page may hold no
English-only word outside what it marks as another language (tests/quality/page_language.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from juntos.testing.access import ANONYMOUS, Access
from juntos.testing.personas import logged_in_client
from tests.quality.matrix import collect_rows, row_id
from tests.quality.page_language import english_words, visible_text

pytestmark = pytest.mark.django_db


# Pages that still show English, and why; the test fails when one of them no longer does, so
# the list only shrinks.
STILL_ENGLISH: dict[str, str] = {}


# Pages whose rows close a vote, which cannot be done over the demo's trustees.
CLOSED_VOTE_PAGES = {
    "network:counted_ballots",
    "network:recommendation",
    "network:receipt_check",
    "network:vote",
}


def _pages() -> list[Access]:
    rows = [
        row
        for row in collect_rows()
        if row.method == "GET"
        and " " not in row.name
        and row.allow
        and (row.worker_page or row.name.startswith("network:"))
    ]
    return list({row_id(row) + str(sorted(row.allow)): row for row in rows}.values())


PAGES = _pages()


def _visitor(row: Access) -> str:
    if ANONYMOUS in row.allow:
        return ANONYMOUS
    for key in ("rosa", "amina", "ben", "carl", "rita", "ines", "dana", "admin"):
        if key in row.allow:
            return key
    raise AssertionError(row)


def _names() -> tuple[str, ...]:
    """People's and organisations' names, which stay as they are written."""
    from juntos.accounts.models import Organisation, User

    people = User.objects.values_list("display_name", flat=True)
    organisations = Organisation.objects.values_list("name", flat=True)
    return tuple(name for name in (*people, *organisations) if name)


def test_the_checker_finds_english_and_skips_what_is_marked_as_english():
    page = (
        '<html lang="es"><head><title>The title</title></head><body>'
        "<p>Su salario</p><p>Warning: check your pay</p>"
        '<details lang="en"><p>The current English text</p></details>'
        '<input type="submit" value="Save the draft"></body></html>'
    )
    assert english_words(page, "es") == ["Warning", "your", "the"]
    assert "current English" not in visible_text(page, "es")
    assert english_words("<p>Esto es todo, con su permiso.</p>", "es") == []
    # A link or a random code shown as text is not English, whatever letters it happens to hold.
    feed = "<p>Tu calendario: /es/network/calendar/the4be7Q/feed.ics o webcal://h/be 9the2x</p>"
    assert english_words(feed, "es") == []


def test_no_spanish_or_french_page_has_english_left(personas: Any):
    # One run over every page: seeding the demo once keeps this to a few minutes.
    call_command("seed_demo", "--quiet")
    names = _names()
    failures = []
    still = set()
    unplayable = set()
    for row in PAGES:
        try:
            kwargs = row.kwargs(personas) if row.kwargs else {}
        except ValidationError:
            # A closed vote needs the test trustees' passphrases, which the demo's replace.
            unplayable.add(row.name)
            continue
        who = _visitor(row)
        client = logged_in_client(getattr(personas, who)) if who != ANONYMOUS else Client()
        for language in ("es", "fr"):
            with translation.override(language):
                url = reverse(row.name, kwargs=kwargs) + row.query
            response = client.get(url)
            if response.status_code != 200:
                failures.append(f"{url} as {who}: {response.status_code}")
                continue
            found = english_words(response.content.decode(), language, names=names)
            if found and row.name in STILL_ENGLISH:
                still.add(row.name)
            elif found:
                failures.append(f"{url} as {who}: {sorted(set(found))[:12]}")
    assert not failures, "English on Spanish or French pages:\n" + "\n".join(failures)
    assert unplayable <= CLOSED_VOTE_PAGES, unplayable - CLOSED_VOTE_PAGES
    assert still == set(STILL_ENGLISH), f"now in the page's language: {set(STILL_ENGLISH) - still}"
