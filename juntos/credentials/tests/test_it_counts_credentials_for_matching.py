"""What a holder's credentials say for matching: the NOC 2021 occupations her valid, shown
credentials count for, directly or through one mapping, and on whose word."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from juntos.credentials.models import Credential, Equivalence, Standard
from juntos.credentials.selectors import holders_recognised_for, occupation_recognitions
from juntos.credentials.services import credential_hide, credential_revoke, credential_suspend
from juntos.credentials.tests.helpers import issue_for
from juntos.opportunities.tests.factories import worker


def _noc(code: str) -> Standard:
    return Standard.objects.get(framework__code="noc-2021", code=code)


def _found(user) -> set[tuple[str, str, str]]:
    return {
        (r.occupation, r.via, r.code) for r in occupation_recognitions([user.pk]).get(user.pk, [])
    }


def _holders(occupation: str) -> set[int]:
    return set(holders_recognised_for(occupation))


def test_a_noc_credential_counts_directly_and_a_proposal_says_so(personas, pesticides):
    issue_for(personas, personas.rosa, _noc("85103"))
    issue_for(personas, personas.rosa, pesticides)  # proposed as related to NOC 85101
    assert _found(personas.rosa) == {
        ("85103", "direct", "85103"),
        ("85101", "proposed", "EC-PENDIENTE-PLAGUICIDAS"),
    }
    assert personas.rosa.pk in _holders("85101") & _holders("85103")
    assert personas.rosa.pk not in _holders("44101")


def test_a_mapping_counts_read_either_way_with_its_endorsing_body(personas, loaded):
    carpenter = Standard.objects.get(framework__code="red-seal", code="carpenter")
    Equivalence.objects.filter(key="carpenter-to-noc-72310").update(
        status="endorsed", endorsed_by="BC Construction Association"
    )
    Equivalence.objects.create(
        key="noc-75110-to-carpenter", source=_noc("75110"), target=carpenter, match="narrow",
        status="official", endorsed_by="Red Seal secretariat", source_note="test",
    )  # fmt: skip
    issue_for(personas, personas.rosa, carpenter)
    (fits,) = occupation_recognitions([personas.rosa.pk]).values()
    assert {(f.occupation, f.via, f.endorsed_by) for f in fits} == {
        ("72310", "endorsed", "BC Construction Association"),
        ("75110", "official", "Red Seal secretariat"),
    }
    assert fits[0].titles["en"] and fits[0].framework == "red-seal"
    assert personas.rosa.pk in _holders("72310") & _holders("75110")


def test_nothing_is_called_endorsed_without_a_named_body(personas, pesticides):
    Equivalence.objects.filter(key="plaguicidas-to-noc-85101").update(status="endorsed")
    issue_for(personas, personas.rosa, pesticides)
    assert _found(personas.rosa) == {("85101", "proposed", "EC-PENDIENTE-PLAGUICIDAS")}


@pytest.mark.parametrize("change", ["revoked", "suspended", "expired", "hidden"])
def test_a_credential_that_no_longer_counts_gives_nothing(personas, loaded, change):
    credential = issue_for(personas, personas.rosa, _noc("85101"))
    assert _found(personas.rosa)
    if change == "revoked":
        credential_revoke(actor=personas.ben, credential=credential, reason="a mistake")
    elif change == "suspended":
        credential_suspend(actor=personas.ben, credential=credential, suspended=True)
    elif change == "expired":
        past = timezone.now() - dt.timedelta(days=1)
        Credential.objects.filter(pk=credential.pk).update(valid_until=past)
    else:
        credential_hide(actor=personas.rosa, credential=credential, hidden=True)
    assert _found(personas.rosa) == set()
    assert personas.rosa.pk not in _holders("85101")


def test_a_credential_still_valid_until_later_counts(personas, loaded):
    credential = issue_for(personas, personas.rosa, _noc("85101"))
    later = timezone.now() + dt.timedelta(days=30)
    Credential.objects.filter(pk=credential.pk).update(valid_until=later)
    assert _found(personas.rosa) == {("85101", "direct", "85101")}


def test_it_reads_many_holders_in_the_same_queries(personas, pesticides):
    holders = []

    def add(n: int) -> None:
        for i in range(n):
            person = worker()
            issue_for(personas, person, pesticides if i % 2 else _noc("85101"))
            holders.append(person.pk)

    add(1)
    with CaptureQueriesContext(connection) as one:
        assert len(occupation_recognitions(holders)) == 1
    add(49)
    with CaptureQueriesContext(connection) as fifty:
        assert len(occupation_recognitions(holders)) == 50
    assert len(one.captured_queries) == len(fifty.captured_queries) <= 3
