"""The editorial desk in a real browser: a changed English text never publishes as current.

Ben changes the amounts of the BC housing deduction and saves; the translations are out of
date (their boxes start empty), he cannot publish his own draft, and once the operator
publishes it the Spanish page says the translation is older than the English text.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings

from juntos.rights.models import ArticleVersion
from juntos.rights.services import content_load
from juntos.testing.personas import logged_in_client
from tests.browser.chromium import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "bc-sawp-housing-deduction"


def _signed_in(new_page: Any, live_server: Any, person: Any) -> Any:
    page = new_page(viewport=DESKTOP, javascript=False)
    cookie = logged_in_client(person).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def test_a_changed_english_text_publishes_its_translations_as_out_of_date(
    new_page: Any, live_server: Any, personas: Any
):
    content_load(notify_subscribers=False)
    ben = _signed_in(new_page, live_server, personas.ben)
    ben.goto(f"/en/rights/desk/articles/{SLUG}/")
    ben.get_by_role("button", name="Start a new version").click()
    ben.get_by_role("heading", name=re.compile(r"v\d+$")).wait_for()
    for language in ("Spanish", "French"):
        box = ben.get_by_label(f"This translation says the same as the English text ({language})")
        assert not box.is_checked(), f"the {language} box is pre-checked"
    summary = ben.get_by_label("The answer, in one or two sentences (English)")
    summary.fill(summary.input_value().replace("$7.11", "$7.32").replace("$946.95", "$975.45"))
    ben.get_by_role("button", name="Save").click()
    ben.get_by_text("Out of date against the English text: Spanish, French.").wait_for()
    assert "975.45" in ben.locator(".notice").all_inner_texts()[-1]  # the figures differ

    # Ticking Spanish without fixing its amounts is refused, and the typed English stays.
    ben.get_by_label("This translation says the same as the English text (Spanish)").check()
    ben.get_by_role("button", name="Save").click()
    ben.get_by_text("The figures differ from the English text").first.wait_for()
    assert (
        "$975.45" in ben.get_by_label("The answer, in one or two sentences (English)").input_value()
    )

    ben.get_by_role("button", name="Send for review").click()
    ben.get_by_text("You wrote or changed this version").first.wait_for()
    assert ben.get_by_role("button", name="Publish now").count() == 0

    version = ArticleVersion.objects.filter(article__slug=SLUG).latest("number")
    operator = _signed_in(new_page, live_server, personas.admin)
    operator.goto(f"/en/rights/desk/versions/{version.pk}/")
    operator.get_by_role("button", name="Publish now").click()
    operator.get_by_text("Done: this version is now").wait_for()
    operator.goto("/en/rights/desk/")
    operator.get_by_text(f"{SLUG}").first.wait_for()
    desk = operator.locator("main").inner_text()
    assert "older than the English text: Spanish, French" in desk

    rosa = new_page(viewport=PHONE, javascript=False)
    rosa.goto(f"/es/rights/articles/{SLUG}/")
    rosa.get_by_text("Esta traducción es más antigua que el texto en inglés").wait_for()
    assert "$975.45" in rosa.content()  # the current English, offered beside the old text
