"""Every page of the access matrix, seen by each persona who may see it, passes axe-core.

The demo data is loaded first, so staff pages show what they show in use: a teacher's roster with
people on it, a plan with goals, a vault with documents, a recommendation with milestones. Each
allowed persona opens the page in Spanish on a phone; axe runs once per distinct page (the same
HTML seen by two personas is checked once), in one browser, one context per persona. A colour
contrast failure fails whatever its impact, and so does any serious or critical violation.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from juntos.testing.access import ANONYMOUS, PERSONAS, Access
from juntos.testing.personas import logged_in_client, make_personas
from tests.browser.axe import blocking_violations, readable
from tests.browser.chromium import PHONE, TIMEOUT_MS
from tests.browser.pages import page_rows
from tests.quality.matrix import row_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGE = "es"
# Chromium renders these itself (PDF viewer, plain text, calendars): not our HTML.
HTML = re.compile(r"^text/html\b")
_TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"|(nonce=")[^"]*"')


def demo_rows() -> list[Access]:
    """Pages of the demo's own records that the matrix's fresh objects do not reach: an adopted
    recommendation with an open milestone, which only its coordinators can mark as reached, and
    a draft with support, answers and an amendment waiting (shown word by word)."""
    from juntos.demo.seed_network import HOUSING_DRAFT
    from juntos.network.choices import RecommendationStatus
    from juntos.network.models import Amendment, Recommendation

    adopted = Recommendation.objects.filter(status=RecommendationStatus.ADOPTED).first()
    assert adopted is not None and adopted.milestones.filter(done_on=None).exists()
    draft = Recommendation.objects.get(title=HOUSING_DRAFT)
    amendment = Amendment.objects.filter(recommendation=draft).first()
    assert amendment is not None
    return [
        Access(
            "network:recommendation",
            allow=frozenset({"ben", "rosa"}),
            kwargs=lambda p: {"recommendation_id": adopted.pk},
        ),
        Access(
            "network:recommendation",
            allow=frozenset({"ben", "rosa"}),
            kwargs=lambda p: {"recommendation_id": draft.pk},
        ),
        Access(
            "network:amendment",
            allow=frozenset({"ben", "rosa"}),
            kwargs=lambda p: {"amendment_id": amendment.pk},
        ),
    ]


def visitors(row: Access) -> list[str]:
    """Everyone the row allows, anonymous first; dana only where nobody else may look."""
    allowed = [p for p in (ANONYMOUS, *PERSONAS) if p in row.allow]
    return [p for p in allowed if p != "dana"] or allowed


def _fingerprint(html: str) -> str:
    return hashlib.sha256(_TOKENS.sub(r"\1\2", html).encode()).hexdigest()


def _context(browser: Any, live_server: Any, person: Any | None) -> Any:
    context = browser.new_context(
        bypass_csp=True, viewport=PHONE, base_url=live_server.url, service_workers="block"
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    if person is not None:
        cookie = logged_in_client(person).cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return context


def test_every_page_passes_axe_for_each_persona_who_may_see_it(
    browser: Any, live_server: Any
) -> None:
    call_command("seed_demo", quiet=True)
    personas = make_personas()
    contexts: dict[str, Any] = {}
    pages: dict[str, Any] = {}
    seen: set[str] = set()
    headers: set[str] = set()
    failures: list[str] = []
    checked = 0
    rows = page_rows("key_page") + [r for r in page_rows() if not r.key_page] + demo_rows()
    for row in rows:
        kwargs = row.kwargs(personas) if row.kwargs else {}
        with translation.override(LANGUAGE):
            url = reverse(row.name, kwargs=kwargs) + row.query
        for who in visitors(row):
            if who not in pages:
                person = None if who == ANONYMOUS else getattr(personas, who)
                contexts[who] = _context(browser, live_server, person)
                pages[who] = contexts[who].new_page()
            label = f"{row_id(row)} {url} as {who}"
            try:
                response = pages[who].goto(url)
            except PlaywrightError as exc:
                if "Download is starting" not in str(exc):
                    raise
                break  # a file to download, not a page: the same for every visitor
            if response is None or response.status >= 400:
                failures.append(f"{label}: status {response and response.status}")
                continue
            if not HTML.match(response.headers.get("content-type", "")):
                break
            page = pages[who]
            # The header differs by persona: each persona's first page is checked whole, after
            # that a page whose main content was already checked is not checked again.
            fingerprint = _fingerprint(
                page.inner_html("main") if who in headers else page.content()
            )
            headers.add(who)
            if fingerprint in seen:
                continue
            seen.add(fingerprint)
            checked += 1
            if found := blocking_violations(page):
                failures.append(f"{label}:\n{readable(found)}")
    for context in contexts.values():
        context.close()
    assert checked >= 80, f"only {checked} distinct pages were checked"
    assert not failures, f"{len(failures)} of {checked} pages fail:\n" + "\n".join(failures)


def test_it_counts_a_white_on_white_button_as_a_failure(new_page: Any) -> None:
    page = new_page(viewport=PHONE, bypass_csp=True)
    page.set_content(
        '<html lang="es"><title>t</title><main><button style="color:#fff;background:none;'
        'border:0">Eliminar</button></main></html>'
    )
    assert [v["id"] for v in blocking_violations(page)] == ["color-contrast"]


def test_visitors_are_everyone_allowed_with_the_outsider_only_as_a_last_resort() -> None:
    everyone = Access("x", allow=frozenset({ANONYMOUS, *PERSONAS}))
    assert visitors(everyone)[0] == ANONYMOUS and "dana" not in visitors(everyone)
    assert visitors(Access("x", allow=frozenset({"dana"}))) == ["dana"]
    assert visitors(Access("x", allow=frozenset({"ben", "rosa"}))) == ["rosa", "ben"]
