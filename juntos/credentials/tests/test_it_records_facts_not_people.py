"""Issued and revoked credentials reach the ledger by month, country, framework and gender."""

from __future__ import annotations

from juntos.credentials.services import credential_revoke
from juntos.credentials.tests.helpers import issue_to
from juntos.learning.services import profile_start, profile_update


def test_issue_and_revoke_are_counted_coarsely(personas, authorised, fraser):
    from juntos.monitoring.models import Fact

    profile = profile_start(actor=personas.rosa)
    profile_update(
        actor=personas.rosa, profile=profile, home_country="MX", home_state="",
        home_municipality="", gender="woman",
    )  # fmt: skip
    credential = issue_to(personas, authorised, fraser.pk)
    credential_revoke(actor=personas.ben, credential=credential, reason="x")
    issued = Fact.objects.get(kind="credentials.issued")
    revoked = Fact.objects.get(kind="credentials.revoked")
    for fact in (issued, revoked):
        assert fact.category == "conocer"
        assert fact.country_of_origin == "MX" and fact.gender == "woman"
        assert fact.month.day == 1
    names = {f.name for f in Fact._meta.get_fields()}
    assert not names & {"user", "person", "holder", "credential"}
