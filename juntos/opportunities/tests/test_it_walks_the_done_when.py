"""The issue's "Done when" walk, as a new user would do it, through the pages."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from juntos.learning.models import ProfileGrant
from juntos.opportunities import services
from juntos.opportunities.models import NamedRequest, Referral, Vacancy
from juntos.opportunities.tests.factories import engagement, org_id, profile_for, worker
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db

OFFER = {
    "employer": "",
    "title": "Cherry harvest",
    "occupation": "85101",
    "province": "BC",
    "program": "sawp-mx",
    "starts_on": "2026-03-02",
    "ends_on": "2026-05-29",
    "hours_per_week": "40",
    "hourly_wage": "19.50",
    "housing": "free",
    "skills": "picking, ladders",
    "languages": ["es"],
}


def _without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_whole_walk(personas, rules, lupe, client_as):
    carl = client_as("carl")
    OFFER["employer"] = str(org_id("okanagan-orchards"))
    # Bad input keeps what was typed and says why, in the person's language.
    bad = carl.post(
        "/es/opportunities/post/",
        {**OFFER, "occupation": "12345", "hourly_wage": "diecinueve", "ends_on": "2026-01-01"},
    )
    page = bad.content.decode()
    assert bad.status_code == 200
    assert 'value="diecinueve"' in page and 'value="12345"' in page
    assert "no es un código" in page or "12345" in page
    # One blocked for a low wage, one published.
    low = carl.post("/en/opportunities/post/", {**OFFER, "hourly_wage": "12.00"})
    blocked = Vacancy.objects.get(hourly_wage="12.00")
    assert low.status_code == 302 and blocked.status == "blocked"
    assert "MW-BC" in carl.get(low["Location"]).content.decode()
    carl.post("/en/opportunities/post/", OFFER)
    published = Vacancy.objects.get(hourly_wage="19.50")
    assert published.status == "published"
    public = logged_in_client(personas.dana).get(f"/fr/opportunities/vacancies/{published.pk}/")
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', public.content.decode(), re.S
    )
    assert script is not None
    assert json.loads(script.group(1))["@type"] == "JobPosting"
    # Rosa opts in, sees it, applies; carl sees her name only then.
    profile_for(personas.rosa, skill="cherry picking with ladders")
    rosa = client_as("rosa")
    rosa.post(
        "/es/opportunities/findable/",
        {
            "consent": "on",
            "available_from": "2026-02-01",
            "available_to": "2026-11-30",
            "provinces": ["BC"],
        },
    )
    assert "Cherry harvest" in rosa.get("/es/opportunities/for-me/").content.decode()
    manage = f"/en/opportunities/mine/{published.pk}/"
    before = carl.get(manage).content.decode()
    assert "Candidate " in before and "Rosa" not in before
    rosa.post(f"/es/opportunities/vacancies/{published.pk}/apply/")
    after = carl.get(manage).content.decode()
    assert "Rosa Hernández" in after
    # Carl hires her, names her back for next season, she confirms, the liaison approves.
    application = published.applications.get()
    carl.post(f"/en/opportunities/applications/{application.pk}/hire/")
    carl.post(
        "/en/opportunities/named/",
        {
            "worker": personas.rosa.pk,
            "liaison": org_id("consulado-vancouver"),
            "program": "sawp-mx",
            "starts_on": "2027-03-01",
        },
    )
    named = NamedRequest.objects.get(worker=personas.rosa)
    rosa.post(f"/es/opportunities/requests/{named.pk}/answer/", {"confirm": "1"})
    logged_in_client(lupe).post(f"/es/opportunities/liaison/{named.pk}/", {"approve": "1"})
    named.refresh_from_db()
    assert named.status == "approved"
    assert "approved" in carl.get("/en/opportunities/named/").content.decode()
    # Another worker, with a good season, is not named and sees her options; carl learns nothing.
    maria = worker("María López")
    engagement(maria, year=2026, good=True)
    carl_before = _without_token(carl.get("/en/opportunities/named/").content.decode())
    assert services.not_named_back_offer(today=dt.date(2026, 12, 2)) == 1
    options = logged_in_client(maria).get("/es/opportunities/options/").content.decode()
    assert "category=not-named-back" in options
    carl_after = _without_token(carl.get("/en/opportunities/named/").content.decode())
    assert carl_after == carl_before
    # Amina refers rosa home to a microcredit organisation; the outcome 3 months later.
    rosa_profile = personas.rosa.learning_profile
    ProfileGrant.objects.create(
        profile=rosa_profile, organisation_id=org_id("fraser-valley-support")
    )
    amina = client_as("amina")
    amina.post(
        "/en/opportunities/referrals/new/",
        {
            "worker": personas.rosa.pk,
            "home_organisation": org_id("fondo-oaxaca"),
            "kind": "microcredit",
            "shared_fields": ["name", "skills"],
            "consent": "on",
        },
    )
    referral = Referral.objects.get(worker=personas.rosa)
    assert set(referral.shared_values) == {"name", "skills"}
    assert [f.months for f in referral.follow_ups.all()] == [3, 6, 12]
    follow = referral.follow_ups.all()[0]
    amina.post(
        f"/en/opportunities/referrals/{referral.pk}/follow-ups/{follow.pk}/",
        {"note": "Loan paid out"},
    )
    amina.post(
        f"/en/opportunities/referrals/{referral.pk}/",
        {"status": "outcome", "outcome": "loan-disbursed"},
    )
    referral.refresh_from_db()
    assert referral.outcome == "loan-disbursed"
    assert referral.follow_ups.filter(done_on__isnull=False).count() == 1
