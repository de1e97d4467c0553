"""A form POST from real Chromium passes Django's CSRF check with the site's own headers.

With `Referrer-Policy: no-referrer` Chromium sends `Origin: null` on form POSTs and Django's CSRF
check answers 403, so nobody could sign up or log in; "same-origin" sends the origin to the
site itself and no referrer to any other site.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.chromium import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_form_posts_with_the_sites_referrer_policy(new_page: Any):
    page = new_page(viewport=PHONE)
    page.goto("/en/login/")
    page.get_by_label("Mobile number or email").fill("nobody@example.org")
    page.get_by_label("Password").fill("not the password")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Log in").click()
    assert posted.value.status == 200, f"the login form's POST got {posted.value.status}"
    page.get_by_text("is not right").wait_for()
