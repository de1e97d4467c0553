"""The call page and the application form work without JavaScript and stay light (the
browser harness measures the full first load; this holds the HTML itself well under it)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from juntos.funding.tests.factories import make_application, make_call
from juntos.testing.personas import logged_in_client

HTML_BUDGET = 60_000  # bytes of HTML, leaving room for the stylesheet in the 100 KB budget


def test_the_call_page_and_the_application_form_are_light_and_script_free(
    personas: Any, partner: Any
) -> None:
    call = make_call(personas)
    application = make_application(personas, call, partner)
    pages = [
        Client().get(reverse("funding:call", kwargs={"call_id": call.pk})),
        logged_in_client(personas.amina).get(
            reverse("funding:application", kwargs={"application_id": application.pk})
        ),
    ]
    for page, expected in zip(pages, ("Safer housing", 'action="/en/funding/'), strict=True):
        html = page.content.decode()
        assert page.status_code == 200
        assert len(page.content) < HTML_BUDGET
        assert "<script" not in html
        assert expected in html  # plain forms posting to the server
