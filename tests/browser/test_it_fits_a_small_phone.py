"""On a 360x740 phone with JavaScript off: nothing scrolls sideways, the header leaves room for the
page, and one tap on "Quick exit" leaves for a neutral site."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.chromium import PHONE
from tests.browser.pages import label, open_as, page_rows, visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The header once took 277 of 740 px: brand, nine wrapped links and the languages.
HEADER_MAX_PX = 150
WIDE_ROWS = [r for r in page_rows() if r.worker_page or r.name == "compliance:rules"]
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("row", WIDE_ROWS, ids=label)
def test_worker_page_does_not_scroll_sideways_at_360_px(
    new_page: Any, live_server: Any, personas: Any, row: Any
) -> None:
    page, url = open_as(
        new_page, live_server, personas, row, "es", viewport=PHONE, javascript=False
    )
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url} as {visitor(row)}"
    if not response.headers.get("content-type", "").startswith("text/html"):
        return
    wider = page.evaluate(OVERFLOW)
    culprits = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
             .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
             .slice(0, 5)
             .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))"""
    )
    assert wider <= 0, f"{url} is {wider} px wider than the phone: {culprits}"


def test_the_rules_table_fits_a_360_px_phone(new_page: Any, live_server: Any) -> None:
    from juntos.compliance.services import rules_load

    rules_load()
    page = new_page(viewport=PHONE, javascript=False)
    with translation.override("es"):
        page.goto(reverse("compliance:rules"))
    assert page.locator("table tbody tr").count() > 3
    assert page.evaluate(OVERFLOW) <= 0


def test_the_header_leaves_most_of_a_small_phone_to_the_page(
    new_page: Any, live_server: Any, personas: Any
) -> None:
    from juntos.testing.personas import logged_in_client

    for who in ("anonymous", "rosa"):
        page = new_page(viewport=PHONE, javascript=False)
        if who == "rosa":
            cookie = logged_in_client(personas.rosa).cookies["sessionid"].value
            page.context.add_cookies(
                [{"name": "sessionid", "value": cookie, "url": live_server.url}]
            )
        with translation.override("es"):
            page.goto(reverse("core:home"))
        height = page.evaluate("() => document.querySelector('.site-header').offsetHeight")
        assert height <= HEADER_MAX_PX, f"as {who}, the header is {height} of 740 px"
        # Every link is still there, on one line that scrolls sideways.
        assert page.locator(".nav li").count() >= 8
        assert page.locator(".nav li a").last.is_visible() or page.locator(".nav").evaluate(
            "n => n.scrollWidth > n.clientWidth"
        )


def test_quick_exit_is_one_tap_to_a_neutral_page_without_javascript(
    new_page: Any, live_server: Any, settings: Any
) -> None:
    settings.QUICK_EXIT_URL = f"{live_server.url}/healthz"
    page = new_page(viewport=PHONE, javascript=False)
    with translation.override("es"):
        page.goto(reverse("reports:intake"))
    link = page.get_by_role("link", name="Salir rápido")
    assert link.is_visible()
    box = link.bounding_box()
    assert box is not None and box["y"] < 60, "the quick exit is at the very top"
    link.click()
    page.wait_for_url(f"{live_server.url}/healthz")
