"""The worker decides which organisations see her profile; employers and outsiders never do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from juntos.accounts.selectors import organisations_by_slug
from juntos.core.models import AuditEntry
from juntos.learning.services import grant_add, grant_revoke, profile_start


def _org(slug):
    return organisations_by_slug([slug])[slug].pk


def test_a_granted_organisation_sees_the_plan_until_she_revokes(personas):
    profile = profile_start(actor=personas.rosa)
    url = f"/en/learning/people/{profile.pk}/"
    amina = personas.client_for("amina")
    assert amina.get(url).status_code == 404
    grant = grant_add(
        actor=personas.rosa, profile=profile, organisation_id=_org("fraser-valley-support")
    )
    assert amina.get(url).status_code == 200
    assert personas.client_for("dana").get(url).status_code == 404  # another organisation
    assert personas.client_for("carl").get(url).status_code == 404
    grant_revoke(actor=personas.rosa, grant=grant)
    assert amina.get(url).status_code == 404
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"learning.profile_granted", "learning.profile_grant_revoked"} <= actions


def test_employers_and_recruiters_can_never_be_granted(personas):
    profile = profile_start(actor=personas.rosa)
    for slug in ("okanagan-orchards", "pacific-agri-recruitment"):
        with pytest.raises(ValidationError):
            grant_add(actor=personas.rosa, profile=profile, organisation_id=_org(slug))
    response = personas.client_for("rosa").post(
        "/es/learning/profile/grants/", {"organisation": _org("okanagan-orchards")}
    )
    assert response.status_code == 400
    assert not profile.grants.exists()


def test_carl_and_dana_see_nothing_of_rosas_profile(personas):
    profile = profile_start(actor=personas.rosa)
    grant_add(actor=personas.rosa, profile=profile, organisation_id=_org("fraser-valley-support"))
    for key in ("carl", "dana", "rita", "ines"):
        client = personas.client_for(key)
        assert client.get(f"/en/learning/people/{profile.pk}/").status_code == 404
        assert "Rosa" not in client.get("/en/learning/profile/").content.decode()
        response = client.post(
            f"/en/learning/profiles/{profile.pk}/objectives/",
            {"title": "x", "target_on": "2027-01-01"},
        )
        assert response.status_code == 404
    assert not profile.objectives.exists()


def test_bad_dates_keep_what_she_typed(personas):
    profile_start(actor=personas.rosa)
    client = personas.client_for("rosa")
    response = client.post(
        "/es/learning/profile/add/season/",
        {
            "employer_name": "Berry Farms",
            "province": "BC",
            "program": "sawp-mx",
            "started_on": "2026-09-01",
            "ended_on": "2026-05-01",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "El fin es anterior al inicio." in page and 'value="Berry Farms"' in page


def test_skills_are_coded_to_noc_2021(personas):
    profile_start(actor=personas.rosa)
    client = personas.client_for("rosa")
    client.post(
        "/es/learning/profile/add/skill/",
        {"description": "Cosecha de arándanos", "occupation": "85101", "years": "3"},
    )
    page = client.get("/es/learning/profile/").content.decode()
    assert "85101 Peones de cosecha" in page


def test_an_objective_links_only_to_a_real_course(personas):
    from juntos.learning.services import objective_add

    profile = profile_start(actor=personas.rosa)
    with pytest.raises(ValidationError):
        objective_add(
            actor=personas.rosa,
            profile=profile,
            title="X",
            target_on=dt.date(2027, 1, 1),
            course_id=999999,
        )
    response = personas.client_for("rosa").post(
        f"/es/learning/profiles/{profile.pk}/objectives/",
        {"title": "Inglés", "target_on": "2027-01-01", "course": "999999"},
    )
    assert response.status_code == 400 and 'value="Inglés"' in response.content.decode()
    assert not profile.objectives.exists()
