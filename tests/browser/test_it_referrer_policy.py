"""A form POST from real Chromium passes Django's CSRF check with the site's own headers."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from tests.browser.chromium import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.xfail(
    settings.SECURE_REFERRER_POLICY == "no-referrer",
    reason="settings.SECURE_REFERRER_POLICY='no-referrer' makes Chromium send Origin: null, "
    "which Django's CSRF check rejects; it needs 'same-origin'",
    strict=True,
)
@pytest.mark.real_referrer_policy
def test_a_form_posts_with_the_sites_referrer_policy(new_page: Any):
    page = new_page(viewport=PHONE)
    page.goto("/en/login/")
    page.get_by_label("Mobile number or email").fill("nobody@example.org")
    page.get_by_label("Password").fill("not the password")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Log in").click()
    assert posted.value.status == 200, f"the login form's POST got {posted.value.status}"
    page.get_by_text("is not right").wait_for()
