"""The demo tells the issue's story: a call from the adopted recommendation, a partnered
application, two scores and a refusal, an award, the first report approved, a valid file."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client

from juntos.funding.models import Application, Call, Report, Review
from juntos.funding.tests.giving_schema import giving_errors

pytestmark = pytest.mark.django_db


def test_the_demo_walks_the_funding_cycle() -> None:
    call_command("seed_demo", "--quiet")
    call = Call.objects.get(title_en="Safer housing for farm workers")
    assert call.recommendations.count() == 1
    application = Application.objects.get(call=call)
    assert application.status == "awarded"
    assert application.partners.get().status == "confirmed"
    assert sorted(Review.objects.values_list("status", flat=True)) == ["done", "done", "refused"]
    assert Report.objects.filter(status="approved").count() == 1
    package = json.loads(Client().get("/api/funding/360giving.json").content)
    assert giving_errors(package) == [] and len(package["grants"]) == 1
    page = Client().get(f"/en/funding/calls/{call.pk}/").content.decode()
    assert "The plenary voted" in page
    call_command("seed_demo", "--quiet")
    assert Call.objects.count() == 1
