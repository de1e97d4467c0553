"""Consent, ranked-choice and score polls: casting, reasons, the deadline and the results."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from juntos.network import services
from juntos.network.models import BallotAnswer, Vote
from juntos.network.tests.factories import close_and_count, make_members, make_vote

OPTIONS = ["Pay for the bus", "Move the clinic", "Open on Sundays"]


def _ranked(personas, **kw):
    make_members(personas)
    return make_vote(personas, secret=False, poll="ranked", options=OPTIONS, **kw)


def test_ben_runs_a_ranked_choice_vote_counted_round_by_round(personas, client_as):
    vote = _ranked(personas, closes_on=timezone.localdate() + dt.timedelta(days=3))
    for key, ranking in {
        "rosa": [0],
        "amina": [0, 1],
        "carl": [1, 0],
        "ines": [2, 1],
        "rita": [1],
    }.items():
        services.ballot_cast(actor=getattr(personas, key), vote=vote, ranking=ranking)
    vote = close_and_count(personas, vote)
    assert vote.option_result["winner"] == 1 and vote.carried
    assert [r["counts"] for r in vote.option_result["rounds"]] == [[2, 2, 1], [2, 3, None]]
    page = client_as("rosa").get(f"/en/network/votes/{vote.pk}/").content.decode()
    assert "Round 1" in page and "Round 2" in page and "out after this round" in page
    assert "Move the clinic" in page
    spanish = client_as("rosa").get(f"/es/network/votes/{vote.pk}/").content.decode()
    assert "Ronda 2" in spanish


def test_the_ranked_ballot_form_works_without_javascript_and_keeps_what_was_typed(
    personas, client_as
):
    vote = _ranked(personas)
    client = client_as("amina")
    page = client.get(f"/en/network/votes/{vote.pk}/").content.decode()
    assert 'name="rank_0"' in page and "<script" not in page.split("<main", 1)[-1]
    refused = client.post(
        f"/en/network/votes/{vote.pk}/ballot/",
        {"rank_0": "1", "rank_1": "1", "reason": "Both matter to us"},
    )
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "each number once" in text and "Both matter to us" in text
    done = client.post(
        f"/en/network/votes/{vote.pk}/ballot/", {"rank_0": "2", "rank_2": "1", "reason": "Buses"}
    )
    assert done.status_code == 200 and "receipt" in done.content.decode().lower()
    answer = BallotAnswer.objects.get(ballot__vote=vote)
    assert answer.ranking == [2, 0] and answer.reason == "Buses"


def test_a_block_needs_its_reason_and_stops_a_consent_poll(personas, client_as):
    make_members(personas)
    vote = make_vote(personas, secret=False, poll="consent")
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=personas.rosa, vote=vote, choice="block")
    refused = client_as("rosa").post(f"/fr/network/votes/{vote.pk}/ballot/", {"choice": "block"})
    assert "obligatoire" in refused.content.decode()
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="block", reason="Unsafe for us")
    for key in ("amina", "carl", "ines"):
        services.ballot_cast(actor=getattr(personas, key), vote=vote, choice="agree")
    services.ballot_cast(actor=personas.rita, vote=vote, choice="aside")
    vote = close_and_count(personas, vote)
    assert (vote.yes_count, vote.no_count, vote.abstain_count) == (3, 1, 1)
    assert vote.quorum_met and not vote.carried
    page = client_as("carl").get(f"/en/network/votes/{vote.pk}/").content.decode()
    assert "Stand aside" in page and "Unsafe for us" in page


def test_scores_show_each_options_mean_and_distribution(personas, client_as):
    make_members(personas)
    vote = make_vote(personas, secret=False, poll="score", options=OPTIONS[:2])
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=personas.rosa, vote=vote, scores=[6, 0])
    services.ballot_cast(actor=personas.rosa, vote=vote, scores=[5, 1])
    services.ballot_cast(actor=personas.amina, vote=vote, scores=[2, 4])
    services.ballot_cast(actor=personas.carl, vote=vote, scores=[4, 4])
    vote = close_and_count(personas, vote)
    first, second = vote.option_result["options"]
    assert first["mean"] == pytest.approx(11 / 3, abs=0.01) and second["mean"] == 3.0
    assert first["distribution"] == [0, 0, 1, 0, 1, 1]
    assert vote.option_result["winner"] == 0
    page = client_as("ines").get(f"/es/network/votes/{vote.pk}/").content.decode()
    assert "3,67" in page or "3.67" in page


def test_options_and_secrecy_are_checked_when_a_poll_opens(personas):
    make_members(personas)
    with pytest.raises(ValidationError):
        make_vote(personas, secret=False, poll="ranked", options=["Only one"])
    with pytest.raises(ValidationError):
        make_vote(personas, secret=True, poll="score", options=OPTIONS)
    with pytest.raises(ValidationError):
        make_vote(personas, secret=True, poll="consent")


def test_a_secret_ballot_takes_no_reason_and_stores_none(personas, client_as):
    make_members(personas)
    vote = make_vote(personas, secret=True)
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes", reason="Mine")
    client = client_as("amina")
    page = client.get(f"/en/network/votes/{vote.pk}/").content.decode()
    assert 'name="reason"' not in page and "A secret ballot takes no reason" in page
    marker = "ZQXJ-amina-reason-marker"
    client.post(f"/en/network/votes/{vote.pk}/ballot/", {"choice": "no", "reason": marker})
    assert vote.participations.count() == 1 and not BallotAnswer.objects.exists()
    if connection.vendor == "sqlite":
        # The stored bytes of the whole database: the reason typed is nowhere.
        connection.ensure_connection()
        stored = connection.connection.serialize()
        assert marker.encode() not in stored


def test_after_the_deadline_no_vote_is_taken_and_results_show(personas, client_as):
    vote = _ranked(personas, closes_on=timezone.localdate())
    services.ballot_cast(actor=personas.rosa, vote=vote, ranking=[2])
    Vote.objects.filter(pk=vote.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    vote.refresh_from_db()
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=personas.amina, vote=vote, ranking=[0])
    assert services.votes_close_due() == [vote.pk]
    vote.refresh_from_db()
    assert vote.counted and vote.option_result["winner"] == 2
    assert (
        "Open on Sundays" in client_as("carl").get(f"/en/network/votes/{vote.pk}/").content.decode()
    )


def test_everyone_is_told_in_their_language_which_kind_of_poll_opened(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ranked(personas, closes_on=timezone.localdate() + dt.timedelta(days=2))
    to_ines = next(m for m in mail.outbox if personas.ines.email in m.to)
    assert "Choix classé" in str(to_ines.body) or "classement" in str(to_ines.body).lower()


def test_only_members_see_and_cast_a_ranked_poll(personas, client_as):
    # The access matrix plays the vote page and the ballot with a yes/no vote; the same
    # rules hold for the new kinds of poll, from both sides.
    vote = _ranked(personas)
    page, ballot = f"/en/network/votes/{vote.pk}/", f"/en/network/votes/{vote.pk}/ballot/"
    for outsider in ("dana", "admin"):
        assert client_as(outsider).get(page).status_code == 404
        assert client_as(outsider).post(ballot, {"rank_0": "1"}).status_code == 404
    assert vote.participations.count() == 0
    shown = client_as("rita").get(page)
    assert shown.status_code == 200 and len(shown.content) < 100_000
    assert client_as("rita").post(ballot, {"rank_1": "1"}).status_code == 200
    assert vote.participations.count() == 1
