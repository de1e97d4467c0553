"""The match page masks its CSRF token once for all its forms (the header's, the template's
and the invitations its tag writes in Python), and each of them is accepted."""

from __future__ import annotations

import re

import pytest

from juntos.opportunities import services
from juntos.opportunities.models import Application
from juntos.opportunities.tests.factories import facts, opted_in, org_id, profile_for
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db


def test_every_form_on_the_match_page_carries_the_same_token_and_it_is_accepted(personas, rules):
    draft = services.vacancy_create(
        actor=personas.carl, employer_organisation_id=org_id("okanagan-orchards"), facts=facts()
    )
    vacancy = services.vacancy_publish(actor=personas.carl, vacancy=draft)
    profile_for(personas.rosa)
    opted_in(personas.rosa)
    carl = logged_in_client(personas.carl)
    carl.handler.enforce_csrf_checks = True
    page = carl.get(f"/en/opportunities/mine/{vacancy.pk}/").content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    (invite,) = re.findall(r'action="([^"]+/invite/)"', page)
    assert len(tokens) >= 3 and len(set(tokens)) == 1  # logout, close, invite at least
    assert carl.post(invite, {"csrfmiddlewaretoken": "x" * 64}).status_code == 403
    assert not Application.objects.filter(vacancy=vacancy).exists()
    assert carl.post(invite, {"csrfmiddlewaretoken": tokens[0]}).status_code == 302
    assert Application.objects.filter(vacancy=vacancy, worker=personas.rosa).exists()
