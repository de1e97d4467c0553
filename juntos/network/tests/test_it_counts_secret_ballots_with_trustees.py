"""Secret ballots are counted only when enough trustees open the count: 2 of 3, or all of fewer."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from juntos.accounts.choices import Channel, Role, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import membership_grant, person_create
from juntos.network import ballot_crypto, services
from juntos.network.models import Ballot, TrusteeKey, VoteTrustee
from juntos.network.selectors import tally_matches
from juntos.network.tests.factories import (
    TRUSTEE_PASSPHRASE,
    make_recommendation,
    make_trustee,
    make_vote,
)

PASSPHRASES = {
    "ben": TRUSTEE_PASSPHRASE,
    "marisol": "marisol's trustee words",
    "paul": "paul's own trustee words",
}
CHOICES = {"rosa": "yes", "amina": "yes", "carl": "no", "rita": "abstain", "ines": "yes"}


def _coordinator(personas: Any, key: str) -> Any:
    email = f"{key}@mwsn.example.org"
    user = user_by_identifier(email) or person_create(
        actor=None,
        display_name=key.title(),
        password="x" * 12,
        email=email,
        language="es",
        channel=Channel.EMAIL,
        sector=Sector.CIVIL_SOCIETY,
    )
    secretariat = organisations_by_slug(["mwsn-secretariat"])["mwsn-secretariat"]
    membership_grant(actor=None, user=user, organisation=secretariat, role=Role.COORDINATOR)
    return user_by_identifier(email)


def _three_trustees(personas: Any) -> dict[str, Any]:
    people = {"ben": personas.ben}
    people.update({key: _coordinator(personas, key) for key in ("marisol", "paul")})
    for key, user in people.items():
        make_trustee(user, PASSPHRASES[key])
    return people


def _closed_vote(personas: Any) -> Any:
    vote = make_vote(personas)
    for key, choice in CHOICES.items():
        services.ballot_cast(actor=getattr(personas, key), vote=vote, choice=choice)
    return services.vote_close(actor=personas.ben, vote=vote)


def test_three_trustees_make_a_two_of_three_vote(personas):
    _three_trustees(personas)
    vote = _closed_vote(personas)
    assert vote.trustees_needed == 2 and vote.trustees.count() == 3


def test_one_trustee_alone_cannot_open_two_of_three(personas):
    trustees = _three_trustees(personas)
    vote = _closed_vote(personas)
    vote = services.tally_share_open(
        actor=trustees["paul"], vote=vote, passphrase=PASSPHRASES["paul"]
    )
    vote.refresh_from_db()
    assert not vote.counted and (vote.yes_count, vote.no_count) == (0, 0)
    assert services.tally_recount(vote) is None
    # Even with the vote's other data, one share's partial opening gives no totals.
    row = VoteTrustee.objects.get(vote=vote, trustee__user=trustees["paul"])
    partials = {row.share_index: ballot_crypto.hex_to_ints(row.partial_decryption)}
    tally = ballot_crypto.hex_to_ciphertexts(vote.sealed_tally)
    assert ballot_crypto.combine(tally, partials, most=vote.turnout) is None
    with pytest.raises(ValidationError, match="already opened"):
        services.tally_share_open(actor=trustees["paul"], vote=vote, passphrase=PASSPHRASES["paul"])


@pytest.mark.parametrize("pair", [("ben", "marisol"), ("marisol", "paul"), ("paul", "ben")])
def test_any_two_trustees_open_the_true_totals(personas, pair):
    trustees = _three_trustees(personas)
    vote = _closed_vote(personas)
    for key in pair:
        vote = services.tally_share_open(
            actor=trustees[key], vote=vote, passphrase=PASSPHRASES[key]
        )
    vote.refresh_from_db()
    assert vote.counted
    assert (vote.yes_count, vote.no_count, vote.abstain_count, vote.turnout) == (3, 1, 1, 5)
    assert vote.carried and tally_matches(vote)
    # The opening is of the sum only: no ballot row was touched or decrypted.
    assert all(b.choice == "" for b in Ballot.objects.filter(vote=vote))


def test_a_wrong_or_missing_passphrase_opens_nothing(personas):
    trustees = _three_trustees(personas)
    vote = _closed_vote(personas)
    for attempt in ("", "not the passphrase", PASSPHRASES["marisol"]):
        with pytest.raises(ValidationError, match="does not open"):
            services.tally_share_open(actor=trustees["ben"], vote=vote, passphrase=attempt)
    assert not VoteTrustee.objects.filter(vote=vote).exclude(partial_decryption="").exists()
    vote.refresh_from_db()
    assert not vote.counted


def test_only_a_trustee_of_the_vote_opens_a_part(personas):
    trustees = _three_trustees(personas)
    vote = _closed_vote(personas)
    for outsider in (personas.rosa, personas.dana, None):
        with pytest.raises(PermissionDenied):
            services.tally_share_open(actor=outsider, vote=vote, passphrase=TRUSTEE_PASSPHRASE)
    # A coordinator who became a trustee after the vote opened holds no share of it.
    late = _coordinator(personas, "lena")
    make_trustee(late, "lena's trustee words")
    with pytest.raises(PermissionDenied):
        services.tally_share_open(actor=late, vote=vote, passphrase="lena's trustee words")
    assert trustees["ben"] is not None


def test_the_count_waits_for_the_close(personas):
    vote = make_vote(personas)
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    with pytest.raises(ValidationError, match="not waiting"):
        services.tally_share_open(actor=personas.ben, vote=vote, passphrase=TRUSTEE_PASSPHRASE)


@pytest.mark.parametrize(("count", "needed"), [(1, 1), (2, 2), (3, 2), (5, 2)])
def test_fewer_trustees_fall_back_to_all_of_them(count, needed):
    assert services.trustees_needed(count) == needed


def test_two_trustees_both_needed(personas):
    make_trustee(personas.ben)
    marisol = _coordinator(personas, "marisol")
    make_trustee(marisol, PASSPHRASES["marisol"])
    vote = _closed_vote(personas)
    assert vote.trustees_needed == 2
    vote = services.tally_share_open(actor=personas.ben, vote=vote, passphrase=TRUSTEE_PASSPHRASE)
    assert not vote.counted
    vote = services.tally_share_open(actor=marisol, vote=vote, passphrase=PASSPHRASES["marisol"])
    assert vote.counted and vote.yes_count == 3


def test_a_secret_vote_needs_a_trustee(personas):
    recommendation = make_recommendation(personas, stage="on-agenda")
    with pytest.raises(ValidationError, match="trustee passphrase"):
        services.vote_open(
            actor=personas.ben,
            recommendation=recommendation,
            ballot_kind="secret",
            threshold="simple-majority",
            quorum_percent=50,
        )
    vote = services.vote_open(
        actor=personas.ben,
        recommendation=recommendation,
        ballot_kind="open",
        threshold="simple-majority",
        quorum_percent=50,
    )
    assert vote.public_key == "" and not vote.trustees.exists()


def test_a_changed_passphrase_still_opens_earlier_votes(personas):
    make_trustee(personas.ben)
    vote = _closed_vote(personas)
    with pytest.raises(ValidationError, match="current trustee passphrase"):
        services.trustee_key_set(
            actor=personas.ben, passphrase="a brand new passphrase", current_passphrase="wrong"
        )
    services.trustee_key_set(
        actor=personas.ben,
        passphrase="a brand new passphrase",
        current_passphrase=TRUSTEE_PASSPHRASE,
    )
    with pytest.raises(ValidationError):
        services.tally_share_open(actor=personas.ben, vote=vote, passphrase=TRUSTEE_PASSPHRASE)
    vote = services.tally_share_open(
        actor=personas.ben, vote=vote, passphrase="a brand new passphrase"
    )
    assert vote.counted and vote.yes_count == 3


def test_only_coordinators_become_trustees(personas):
    for key in ("rosa", "amina", "dana"):
        with pytest.raises(PermissionDenied):
            services.trustee_key_set(actor=getattr(personas, key), passphrase="x" * 20)
    with pytest.raises(ValidationError, match="at least 12"):
        services.trustee_key_set(actor=personas.ben, passphrase="short")
    services.trustee_key_set(actor=personas.ben, passphrase="long enough passphrase")
    stored = TrusteeKey.objects.get(user=personas.ben)
    # Stored: a public key, a salt and a wrapped private key; never the passphrase.
    assert "long enough" not in str(stored.__dict__)


def test_the_trustee_page_is_for_coordinators(personas, client_as):
    assert client_as("rosa").get("/en/network/trustee/").status_code == 404
    ben = client_as("ben")
    page = ben.get("/en/network/trustee/")
    assert page.status_code == 200 and "not set a trustee passphrase" in page.content.decode()
    refused = ben.post(
        "/en/network/trustee/", {"passphrase": "one long phrase", "passphrase_again": "other"}
    )
    assert "The two passphrases are not the same." in refused.content.decode()
    assert not TrusteeKey.objects.exists()
    ben.post(
        "/en/network/trustee/",
        {"passphrase": "one long phrase", "passphrase_again": "one long phrase"},
    )
    assert TrusteeKey.objects.filter(user=personas.ben).exists()
    assert "current_passphrase" in ben.get("/en/network/trustee/").content.decode()
