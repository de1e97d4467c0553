"""Secret ballots: who voted and what was chosen are stored apart, and results wait."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction

from juntos.network import services
from juntos.network.models import Ballot, BallotChangeError, Participation
from juntos.network.selectors import ballot_by_receipt, tally_matches
from juntos.network.tests.factories import close_and_count, make_members, make_vote


def test_a_ballot_has_no_path_to_a_person_and_no_time():
    fields = {f.name: f for f in Ballot._meta.get_fields()}
    assert isinstance(fields["id"], models.UUIDField)
    assert not any(isinstance(f, models.DateTimeField | models.DateField) for f in fields.values())
    related = {f.name: f.related_model for f in fields.values() if f.is_relation and f.concrete}
    # The only person a ballot can name is the voter of an OPEN ballot; the constraint
    # below keeps it empty for secret ones. Nothing points at a participation.
    assert set(related) == {"vote", "open_voter"}
    assert Participation not in related.values()
    assert not Ballot._meta.ordering
    participation_fields = {f.name for f in Participation._meta.get_fields()}
    assert not participation_fields & {"ballot", "created_at", "cast_at"}


def test_a_secret_ballot_stores_no_voter_and_no_plain_choice(personas):
    vote = make_vote(personas, secret=True)
    receipt = services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    ballot = Ballot.objects.get(vote=vote)
    assert ballot.open_voter_id is None and ballot.secret
    assert isinstance(ballot.id, uuid.UUID)
    assert ballot.choice == "" and ballot.receipt_hash is None
    assert ballot.tracking_code == receipt.code
    # Three ciphertexts of 2 x 256 bytes each, whatever was chosen.
    assert len(ballot.sealed_choice) == 3 * 2 * 2 * 256
    member = make_members(personas)["rosa"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            vote=vote, secret=True, sealed_choice="ab", tracking_code="X", open_voter=member
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            vote=vote, secret=True, choice="no", sealed_choice="ab", tracking_code="Y"
        )


def test_equal_choices_give_different_ciphertexts_of_equal_length(personas):
    vote = make_vote(personas, secret=True)
    for key in ("rosa", "amina", "carl"):
        services.ballot_cast(actor=getattr(personas, key), vote=vote, choice="yes")
    services.ballot_cast(actor=personas.ines, vote=vote, choice="no")
    sealed = list(Ballot.objects.filter(vote=vote).values_list("sealed_choice", flat=True))
    assert len(set(sealed)) == 4
    assert len({len(text) for text in sealed}) == 1
    assert all(set(text) <= set("0123456789abcdef") for text in sealed)


def test_an_open_ballot_names_its_voter(personas):
    vote = make_vote(personas, secret=False)
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="no")
    assert Ballot.objects.get(vote=vote).open_voter == make_members(personas)["rosa"]


def test_results_stay_hidden_until_the_vote_closes(personas, client_as):
    vote = make_vote(personas)
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    ben = client_as("ben")
    page = ben.get(f"/en/network/votes/{vote.pk}/").content.decode()
    assert "Carried" not in page and "<h2>Result</h2>" not in page and "Yes</th>" not in page
    assert client_as("rosa").get(f"/api/network/results/{vote.pk}").status_code == 404
    assert client_as("rosa").get(f"/en/network/votes/{vote.pk}/receipt/").status_code == 404
    close_and_count(personas, vote)
    body = client_as("dana").get(f"/api/network/results/{vote.pk}").json()
    assert (body["yes"], body["turnout"]) == (1, 1)


def test_ballots_cannot_change_after_closing(personas):
    vote = make_vote(personas)
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    close_and_count(personas, vote)
    ballot = Ballot.objects.get(vote=vote)
    with pytest.raises(BallotChangeError):
        ballot.save()
    with pytest.raises(BallotChangeError):
        ballot.delete()
    # Even a bulk update that skips the model is refused by the database trigger.
    with pytest.raises(DatabaseError), transaction.atomic():
        Ballot.objects.filter(vote=vote).update(sealed_choice="00")
    assert Ballot.objects.get(vote=vote).sealed_choice == ballot.sealed_choice
    with pytest.raises(ValidationError, match="closed"):
        services.ballot_cast(actor=personas.amina, vote=vote, choice="no")


def test_the_published_tally_is_recomputed_from_the_ballots(personas):
    vote = make_vote(personas)
    for key, choice in [("rosa", "yes"), ("amina", "no"), ("carl", "abstain"), ("ines", "yes")]:
        services.ballot_cast(actor=getattr(personas, key), vote=vote, choice=choice)
    close_and_count(personas, vote)
    vote.refresh_from_db()
    assert (vote.yes_count, vote.no_count, vote.abstain_count, vote.turnout) == (2, 1, 1, 4)
    assert tally_matches(vote)
    # A tampered published figure no longer matches the recount.
    type(vote).objects.filter(pk=vote.pk).update(yes_count=3)
    vote.refresh_from_db()
    assert not tally_matches(vote)


def test_a_receipt_finds_its_own_ballot_only(personas, client_as):
    vote = make_vote(personas)
    mine = services.ballot_cast(actor=personas.rosa, vote=vote, choice="abstain")
    services.ballot_cast(actor=personas.amina, vote=vote, choice="yes")
    assert ballot_by_receipt(vote, mine.code) is None  # not before the close
    vote = close_and_count(personas, vote)
    found = ballot_by_receipt(vote, mine.code.lower().replace("-", " "))
    assert found is not None and found.tracking_code == mine.code
    assert ballot_by_receipt(vote, "AAAA-BBBB-CCCC-DDDD-EEEE") is None
    page = client_as("rosa").post(f"/en/network/votes/{vote.pk}/receipt/", {"code": "nonsense"})
    assert page.status_code == 200
    assert "No ballot in this vote has that receipt" in page.content.decode()


def test_a_secret_receipt_says_nothing_of_the_choice(personas, client_as):
    vote = make_vote(personas)
    rosa = client_as("rosa")
    shown = rosa.post(f"/es/network/votes/{vote.pk}/ballot/", {"choice": "yes"})
    code = shown.context["receipt"].code
    body = shown.content.decode()
    assert code in body and "Sí" not in body.split("<main")[-1]
    close_and_count(personas, vote)
    checked = rosa.post(f"/es/network/votes/{vote.pk}/receipt/", {"code": code}).content.decode()
    main = checked.split("<main")[-1]
    assert "Dice" not in main and "Sí" not in main
    listed = client_as("dana").get(f"/es/network/votes/{vote.pk}/ballots/")
    assert listed.status_code == 200 and listed.context["codes"] == [code]


def test_an_open_ballot_receipt_still_shows_its_choice(personas, client_as):
    vote = make_vote(personas, secret=False)
    mine = services.ballot_cast(actor=personas.rosa, vote=vote, choice="no")
    close_and_count(personas, vote)
    page = client_as("rosa").post(f"/en/network/votes/{vote.pk}/receipt/", {"code": mine.code})
    assert "It says: No." in page.content.decode()
    assert client_as("dana").get(f"/en/network/votes/{vote.pk}/ballots/").status_code == 404
