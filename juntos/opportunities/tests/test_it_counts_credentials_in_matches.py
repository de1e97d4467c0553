"""The employer's candidates (page and API) and the worker's own fits say what her credentials
give, naming the standard only: never the credential, its id or who issued it."""

from __future__ import annotations

import pytest

from juntos.accounts.selectors import organisations_by_slug
from juntos.credentials.models import Standard
from juntos.credentials.services import credential_hide, credential_revoke
from juntos.credentials.tests.helpers import issue_for
from juntos.opportunities import services
from juntos.opportunities.tests.factories import facts, opted_in, org_id, profile_for, worker
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db

HELD = "Holds a verified credential for this occupation: Harvesting labourers (85101)."
PROPOSED = "Holds a credential the network proposes as related: Safe handling of pesticides"
NONE = "No credential for this occupation."


@pytest.fixture
def vacancy(personas, rules):
    draft = services.vacancy_create(
        actor=personas.carl, employer_organisation_id=org_id("okanagan-orchards"), facts=facts()
    )
    return services.vacancy_publish(actor=personas.carl, vacancy=draft)


@pytest.fixture
def standards(db):
    from juntos.credentials.services import frameworks_load

    frameworks_load(actor=None)
    return {
        "noc": Standard.objects.get(framework__code="noc-2021", code="85101"),
        "pesticides": Standard.objects.get(code="EC-PENDIENTE-PLAGUICIDAS"),
    }


@pytest.fixture
def caregiver(personas, standards):
    """A worker whose skills name another occupation, holding a NOC 85101 credential."""
    person = worker("Marisol Caregiver")
    profile_for(person, occupation="44101", skill="caring")
    credential = issue_for(personas, person, standards["noc"])
    opted_in(person)
    return person, credential


def _reasons(api_row):
    return {p["part"]: p for p in api_row["parts"]}


def test_the_employer_sees_what_credentials_give_and_nothing_that_identifies_her(
    personas, vacancy, standards, caregiver
):
    person, credential = caregiver
    profile_for(personas.rosa)
    proposed = issue_for(personas, personas.rosa, standards["pesticides"])
    opted_in(personas.rosa)
    carl = logged_in_client(personas.carl)

    api = carl.get(f"/api/opportunities/vacancies/{vacancy.pk}/candidates").json()
    assert len(api) == 2  # she is a candidate through her credential alone
    by_points = sorted(_reasons(row)["credentials"]["points"] for row in api)
    assert by_points == [10, 20]
    texts = {_reasons(row)["credentials"]["reason"] for row in api}
    assert HELD in texts and any(t.startswith(PROPOSED) for t in texts)
    assert all("not an official recognition" in t for t in texts if t != HELD)

    page = carl.get(f"/en/opportunities/mine/{vacancy.pk}/").content.decode()
    assert "20/20: " + HELD in page and "10/20: " + PROPOSED in page
    fraser = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    secrets = [s for c in (credential, proposed) for s in (c.short_id, str(c.pk), c.subject_id)]
    for said in (page, str(api)):
        assert not [secret for secret in secrets if secret in said]
        assert fraser.name not in said
        assert person.display_name not in said and personas.rosa.display_name not in said


def test_her_own_fits_say_what_her_credential_gives_in_her_language(personas, vacancy, standards):
    profile_for(personas.rosa)
    issue_for(personas, personas.rosa, standards["pesticides"])
    opted_in(personas.rosa)
    rosa = logged_in_client(personas.rosa)
    page = rosa.get("/es/opportunities/for-me/").content.decode()
    assert "Tiene una credencial que la red propone como relacionada" in page
    assert "no es un reconocimiento oficial" in page
    (fit,) = rosa.get("/api/opportunities/for-me").json()
    assert {p["part"]: p["points"] for p in fit["parts"]}["credentials"] == 10


@pytest.mark.parametrize("change", ["revoked", "hidden"])
def test_a_revoked_or_hidden_credential_gives_no_points_and_no_candidacy(
    personas, vacancy, caregiver, change
):
    person, credential = caregiver
    profile_for(personas.rosa)
    rosa_credential = issue_for(
        personas, personas.rosa, Standard.objects.get(framework__code="noc-2021", code="85101")
    )
    opted_in(personas.rosa)
    carl = logged_in_client(personas.carl)
    url = f"/api/opportunities/vacancies/{vacancy.pk}/candidates"
    assert len(carl.get(url).json()) == 2
    for holder, held in ((person, credential), (personas.rosa, rosa_credential)):
        if change == "revoked":
            credential_revoke(actor=personas.ben, credential=held, reason="a mistake")
        else:
            credential_hide(actor=holder, credential=held, hidden=True)
    (row,) = carl.get(url).json()  # the caregiver was a candidate only through it
    credentials = _reasons(row)["credentials"]
    assert (credentials["points"], credentials["reason"]) == (0, NONE)
