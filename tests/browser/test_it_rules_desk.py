"""The rules desk in a real browser: one editor proposes, another approves, the article
changes and its subscribers' alert is in the outbox.

Ben proposes a new Manitoba minimum wage on the rule's page; the checker and the article
ignore it while it waits, and Ben cannot approve his own. The operator approves it from the
desk; Rosa's phone then shows the new figure on the Manitoba article, and the alert to a
Manitoba subscriber is in the outbox.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from juntos.compliance.models import RuleVersion
from juntos.compliance.services import rules_load
from juntos.rights.services import content_load
from juntos.rights.tests.factories import make_subscription
from juntos.testing.outbox import outbox_messages
from juntos.testing.personas import logged_in_client
from tests.browser.chromium import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTICLE = "/en/rights/articles/minimum-wage-mb/"


def _signed_in(new_page: Any, live_server: Any, person: Any) -> Any:
    page = new_page(viewport=DESKTOP, javascript=False)
    cookie = logged_in_client(person).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return page


def test_an_editor_proposes_another_approves_and_the_article_and_alert_follow(
    new_page: Any, live_server: Any, personas: Any
):
    rules_load()
    content_load(notify_subscribers=False)
    subscriber = make_subscription(province="MB", programs="", language="en")
    today = timezone.localdate()

    ben = _signed_in(new_page, live_server, personas.ben)
    ben.goto("/en/compliance/rules/MW-MB/new-version/")
    ben.get_by_label("In force from").fill(today.isoformat())
    ben.get_by_label("Parameters (JSON)").fill('{"hourly": "16.90"}')
    ben.get_by_label("Confirmed", exact=True).check()
    ben.get_by_label("Source address").fill("https://www.gov.mb.ca/labour/standards/")
    ben.get_by_label("Source title").fill("Manitoba Employment Standards")
    ben.get_by_label("Official", exact=True).check()
    ben.get_by_label("Known to hold until").fill((today + dt.timedelta(days=120)).isoformat())
    ben.get_by_role("button", name="Add the version").click()
    ben.get_by_text("The new version is proposed").wait_for()
    assert "another editor checks it and approves it" in ben.locator("main").inner_text()
    assert ben.get_by_role("button", name="Approve").count() == 0  # not his own

    rosa = new_page(viewport=PHONE, javascript=False)
    rosa.goto(ARTICLE)
    assert "$16.90" not in rosa.locator("main").inner_text()  # waiting: applies nowhere

    operator = _signed_in(new_page, live_server, personas.admin)
    operator.goto("/en/compliance/desk/rules/")
    operator.get_by_role("button", name="Approve").click()
    operator.get_by_text("Approved: the checker and the articles now use this version.").wait_for()
    assert RuleVersion.objects.get(params={"hourly": "16.90"}).status == "approved"

    rosa.goto(ARTICLE)
    shown = rosa.locator("main").inner_text()
    assert "$16.90 since" in shown and "[[" not in shown
    assert outbox_messages(subscriber.address, contains="Minimum wage in Manitoba")
