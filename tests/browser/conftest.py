"""A Chromium per test module, a fresh context per test, and pytest-django's live server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import CHROMIUM_ARGS, TIMEOUT_MS, chromium_path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # One browser at a time on a 2-core machine: every browser test goes to one xdist worker.
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, for the tests of one module.

    Playwright's sync API keeps an asyncio loop in this thread while it runs, and Django then
    refuses ORM calls although they are truly synchronous here; the flag is set only while the
    browser is open, and Playwright is stopped before the next module's tests.
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS, timeout=TIMEOUT_MS * 2
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser: Any, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """new_page(viewport=..., javascript=...) -> a page in a fresh context of its own."""
    contexts = []

    def make(*, viewport: dict[str, int], javascript: bool = True, bypass_csp: bool = False) -> Any:
        context = browser.new_context(
            bypass_csp=bypass_csp,
            viewport=viewport,
            java_script_enabled=javascript,
            base_url=live_server.url,
            service_workers="block",
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    if request.node.stash.get(FAILED, False):
        _screenshots(contexts, request.node.nodeid)
    for context in contexts:
        context.close()


def _screenshots(contexts: list[Any], nodeid: str) -> None:
    """Keep what the failing page showed, in test-artifacts/ (ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", nodeid)[-150:]
    for i, context in enumerate(contexts):
        for j, page in enumerate(context.pages):
            page.screenshot(path=str(ARTIFACTS / f"{name}-{i}-{j}.png"), full_page=True)
